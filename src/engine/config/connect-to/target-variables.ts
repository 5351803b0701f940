/** Who is connecting: a workload at run time, or a deployment script (which gets a few more). */
export type ConnectingKind = 'workload' | 'script';

function isAurora(properties: Record<string, unknown>): boolean {
  const engine = properties.engine as { type?: unknown } | undefined;
  return typeof engine?.type === 'string' && engine.type.startsWith('aurora');
}

/**
 * The `$ResourceParam` params injected as `STP_<RESOURCE>_<PARAM>` for each target type
 * (stacktape-language §6). Params that exist only in some configurations are injected only then:
 * a table's stream ARN when it has a stream, reader endpoints for Aurora and for Redis without
 * sharding (a sharded cluster has a configuration endpoint and no reader endpoint).
 */
export function injectedParams(
  type: string,
  properties: Record<string, unknown>,
  kind: ConnectingKind,
): string[] {
  switch (type) {
    case 'bucket':
      return ['name', 'arn'];
    case 'dynamo-db-table':
      return properties.streamType ? ['name', 'arn', 'streamArn'] : ['name', 'arn'];
    case 'relational-database': {
      const params = ['connectionString', 'host', 'port'];
      if (isAurora(properties)) params.push('readerConnectionString', 'readerHost');
      if (kind === 'script') {
        params.push('jdbcConnectionString');
        if (isAurora(properties)) params.push('readerJdbcConnectionString');
      }
      return params;
    }
    case 'redis-cluster':
      return properties.enableSharding === true ? ['host', 'port'] : ['host', 'readerHost', 'port'];
    case 'function':
      return ['arn'];
    case 'batch-job':
      return ['jobDefinitionArn', 'stateMachineArn'];
    case 'event-bus':
      return ['arn'];
    case 'user-auth-pool':
      return ['id', 'clientId', 'arn'];
    case 'sqs-queue':
      return ['arn', 'name', 'url'];
    case 'sns-topic':
      return ['arn', 'name'];
    case 'private-service':
      return ['address'];
    case 'web-service':
      return kind === 'script' ? ['url'] : [];
    default:
      // multi-container-workload: permission-only target.
      return [];
  }
}
