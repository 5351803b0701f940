/** The AWS service `connectTo` accepts besides resource names (grants SES sending, no variables). */
export const SES_CONNECTION = 'aws:ses';

/**
 * Resource types `connectTo` can name. Load balancers and API gateways are reached by URL (read it
 * with $ResourceParam), deployment scripts and worker services expose nothing to connect to.
 */
export const CONNECTABLE_TYPES: readonly string[] = [
  'bucket',
  'dynamo-db-table',
  'relational-database',
  'redis-cluster',
  'function',
  'batch-job',
  'event-bus',
  'user-auth-pool',
  'sqs-queue',
  'sns-topic',
  'private-service',
  'web-service',
  'multi-container-workload',
];

/**
 * stp-supported types that cannot be connected to. Types stp does not support at all are left to
 * the loader's "type not supported" error rather than reported twice.
 */
export const NON_CONNECTABLE_TYPES: readonly string[] = [
  'http-api-gateway',
  'application-load-balancer',
  'deployment-script',
  'worker-service',
];
