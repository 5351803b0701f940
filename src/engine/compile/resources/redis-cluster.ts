import type { RedisClusterProperties } from '../../config/schema/resources/redis-cluster.js';
import { isRuntimeDirective } from '../../config/directives/directive.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { dataStoreSecurityGroup, type DataStoreAccessibility } from '../connect-to/data-security-group.js';
import { buildLogicalName } from '../logical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { defaultVpc } from '../workload/default-vpc.js';

/**
 * `redis-cluster` → AWS::ElastiCache::ReplicationGroup (Redis, encrypted in transit and at rest,
 * password-protected) with its subnet group and security group in the stack's VPC, optionally
 * sharded (cluster mode), and slow-log delivery to a log group unless `logging.disabled`.
 */
export const redisReplicationGroupLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::ElastiCache::ReplicationGroup' });
const redisSubnetGroupLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::ElastiCache::SubnetGroup' });
const redisLogGroupLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::Logs::LogGroup' });

const DEFAULT_ENGINE_VERSION = '7.1';
const DEFAULT_PORT = 6379;
const DEFAULT_LOG_RETENTION_DAYS = 90;

type Props = RedisClusterProperties & { enableAutomaticFailover?: boolean };

function sharded(props: Props): boolean {
  return props.enableSharding === true;
}

/** Cluster mode needs a parameter group with cluster-enabled=yes; AWS ships one per major version. */
function clusterParameterGroup(engineVersion: string): string | undefined {
  const major = Number.parseInt(engineVersion, 10);
  if (major >= 7) return `default.redis${major}.cluster.on`;
  if (major === 6) return 'default.redis6.x.cluster.on';
  return undefined;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as Props;
  const at = [...resource.path, 'properties'];

  const password: unknown = props.defaultUserPassword;
  if (!isRuntimeDirective(password) && typeof password === 'string') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_PLAINTEXT_SECRET',
      severity: 'warning',
      message: 'The Redis password is written in the config, so it ends up in the CloudFormation template.',
      path: [...at, 'defaultUserPassword'],
      hint: "store it as a secret and write $Secret('<secret-name>.<key>')",
    });
    if (password.length < 16 || password.length > 128 || /[/"@\s]/.test(password)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'A Redis password needs 16 to 128 printable characters other than "/", \'"\', "@" and spaces.',
        path: [...at, 'defaultUserPassword'],
      });
    }
  }

  const replicas = props.numReplicaNodes ?? 0;
  const engineVersion = props.engineVersion ?? DEFAULT_ENGINE_VERSION;
  const redisPort = props.port ?? DEFAULT_PORT;
  const mode: DataStoreAccessibility = props.accessibility?.accessibilityMode ?? 'vpc';
  if (mode === 'internet') {
    // ElastiCache nodes have no public addresses: "internet" can only mean "any address that reaches the VPC".
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      severity: 'warning',
      message: 'A Redis cluster is reachable only from inside its VPC; internet mode opens its port to every address there.',
      path: [...at, 'accessibility', 'accessibilityMode'],
      hint: 'use vpc, or scoping-workloads-in-vpc to admit only connected workloads',
    });
  }
  const vpc = defaultVpc(ctx);
  const securityGroupId = dataStoreSecurityGroup(ctx, resource, {
    port: redisPort,
    mode,
    whitelistAt: [...at, 'accessibility'],
    description: 'redis',
  });
  const subnetGroupId = redisSubnetGroupLogicalId(resource.name);
  ctx.addResource(
    subnetGroupId,
    { Type: 'AWS::ElastiCache::SubnetGroup', Properties: { Description: `stp ${ctx.stack.stackName} ${resource.name}`, SubnetIds: vpc.subnetIds } },
    resource.path,
  );

  const properties: Record<string, CfnValue> = {
    ReplicationGroupDescription: `stp ${ctx.stack.stackName} ${resource.name}`,
    Engine: 'redis',
    EngineVersion: engineVersion,
    CacheNodeType: ctx.resolveValue(props.instanceSize, [...at, 'instanceSize']),
    Port: redisPort,
    AuthToken: ctx.resolveValue(props.defaultUserPassword, [...at, 'defaultUserPassword']),
    // An AuthToken requires encryption in transit.
    TransitEncryptionEnabled: true,
    AtRestEncryptionEnabled: true,
    CacheSubnetGroupName: { Ref: subnetGroupId },
    SecurityGroupIds: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
    SnapshotRetentionLimit: props.automatedBackupRetentionDays ?? 0,
  };
  if (sharded(props)) {
    if (replicas < 1) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'A sharded Redis cluster needs at least one replica node per shard.',
        path: [...at, 'numReplicaNodes'],
        expected: 'numReplicaNodes: 1 or more',
      });
    }
    const parameterGroup = clusterParameterGroup(engineVersion);
    if (!parameterGroup) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `stp shards Redis ${engineVersion} only from version 6 on.`,
        path: [...at, 'engineVersion'],
        expected: '6.x or 7.x',
      });
    } else {
      properties.CacheParameterGroupName = parameterGroup;
    }
    properties.NumNodeGroups = props.numShards ?? 1;
    properties.ReplicasPerNodeGroup = replicas;
    properties.AutomaticFailoverEnabled = true;
  } else {
    if (props.numShards !== undefined) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        severity: 'warning',
        message: 'numShards has no effect without enableSharding: true.',
        path: [...at, 'numShards'],
      });
    }
    properties.NumCacheClusters = 1 + replicas;
    const failover = props.enableAutomaticFailover === true;
    if (failover && replicas < 1) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'Automatic failover needs at least one replica node.',
        path: [...at, 'enableAutomaticFailover'],
      });
    }
    properties.AutomaticFailoverEnabled = failover && replicas >= 1;
  }

  if (!props.logging?.disabled) {
    const logGroupId = redisLogGroupLogicalId(resource.name);
    ctx.addResource(
      logGroupId,
      {
        Type: 'AWS::Logs::LogGroup',
        Properties: {
          LogGroupName: `/stp/${ctx.stack.stackName}/${resource.name}/slow-log`,
          RetentionInDays: props.logging?.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        },
      },
      [...at, 'logging'],
    );
    properties.LogDeliveryConfigurations = [
      {
        DestinationType: 'cloudwatch-logs',
        DestinationDetails: { CloudWatchLogsDetails: { LogGroup: { Ref: logGroupId } } },
        LogFormat: 'json',
        LogType: 'slow-log',
      },
    ];
  }
  ctx.addResource(
    redisReplicationGroupLogicalId(resource.name),
    { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: properties },
    resource.path,
  );
}

export const redisClusterCompiler: ResourceCompiler = {
  type: 'redis-cluster',
  compile,
  referenceableParams: {
    host: ({ resourceName, properties }) => ({
      'Fn::GetAtt': [redisReplicationGroupLogicalId(resourceName), sharded(properties as Props) ? 'ConfigurationEndPoint.Address' : 'PrimaryEndPoint.Address'],
    }),
    readerHost: ({ resourceName, properties }) =>
      sharded(properties as Props) ? undefined : { 'Fn::GetAtt': [redisReplicationGroupLogicalId(resourceName), 'ReaderEndPoint.Address'] },
    port: ({ resourceName, properties }) => ({
      'Fn::GetAtt': [redisReplicationGroupLogicalId(resourceName), sharded(properties as Props) ? 'ConfigurationEndPoint.Port' : 'PrimaryEndPoint.Port'],
    }),
    sharding: ({ properties }) => (sharded(properties as Props) ? 'enabled' : 'disabled'),
  },
};
