/**
 * What `$ResourceParam('<resource>', '<param>')` can read, per resource type (Stacktape's
 * docs/.resources.json). sqs-queue, sns-topic and user-auth-pool `arn` are not in that file but
 * connectTo injects them, so they are readable here too: connectTo's variables are
 * `$ResourceParam` directives and must pass the same check.
 */
const CDN_PARAMS = ['cdnDomain', 'cdnUrl', 'cdnCustomDomains', 'cdnCustomDomainUrls'];

export const REFERENCEABLE_PARAMS: Readonly<Record<string, readonly string[]>> = {
  function: ['arn', 'logGroupArn'],
  'web-service': ['domain', 'url', 'customDomains', 'customDomainUrls', ...CDN_PARAMS],
  'private-service': ['address'],
  'worker-service': [],
  'multi-container-workload': [],
  'deployment-script': [],
  'batch-job': ['jobDefinitionArn', 'stateMachineArn', 'logGroupArn'],
  'relational-database': [
    'connectionString',
    'jdbcConnectionString',
    'host',
    'port',
    'dbName',
    'readerHost',
    'readerConnectionString',
    'readerJdbcConnectionString',
    'readReplicaHosts',
    'readReplicaConnectionStrings',
    'readReplicaJdbcConnectionStrings',
  ],
  'dynamo-db-table': ['name', 'arn', 'streamArn'],
  'redis-cluster': ['host', 'readerHost', 'port', 'sharding'],
  bucket: ['name', 'arn', ...CDN_PARAMS],
  'http-api-gateway': ['domain', 'url', 'customDomains', 'customDomainUrls', 'customDomainUrl', ...CDN_PARAMS],
  'application-load-balancer': ['domain', 'customDomains', ...CDN_PARAMS],
  'user-auth-pool': ['id', 'clientId', 'domain', 'arn'],
  'event-bus': ['arn', 'archiveArn'],
  'sqs-queue': ['arn', 'name', 'url'],
  'sns-topic': ['arn', 'name'],
};
