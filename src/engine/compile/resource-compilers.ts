import type { ResourceCompiler } from './resource-compiler.js';
import { applicationLoadBalancerCompiler } from './resources/application-load-balancer.js';
import { batchJobCompiler } from './resources/batch-job.js';
import { bucketCompiler } from './resources/bucket.js';
import { deploymentScriptCompiler } from './resources/deployment-script.js';
import { dynamoDbTableCompiler } from './resources/dynamo-db-table.js';
import { eventBusCompiler } from './resources/event-bus.js';
import { functionCompiler } from './resources/function.js';
import { httpApiGatewayCompiler } from './resources/http-api-gateway.js';
import { multiContainerWorkloadCompiler } from './resources/multi-container-workload.js';
import { privateServiceCompiler } from './resources/private-service.js';
import { redisClusterCompiler } from './resources/redis-cluster.js';
import { relationalDatabaseCompiler } from './resources/relational-database.js';
import { snsTopicCompiler } from './resources/sns-topic.js';
import { sqsQueueCompiler } from './resources/sqs-queue.js';
import { userAuthPoolCompiler } from './resources/user-auth-pool.js';
import { webServiceCompiler } from './resources/web-service.js';
import { workerServiceCompiler } from './resources/worker-service.js';

/**
 * Config resource type → its compiler module (`src/engine/compile/resources/<type>.ts`). A type
 * missing here compiles to an `STP_COMPILE_UNSUPPORTED` diagnostic at the resource's `type`.
 */
const modules: ResourceCompiler[] = [
  // compute (compile-compute)
  functionCompiler,
  deploymentScriptCompiler,
  multiContainerWorkloadCompiler,
  webServiceCompiler,
  privateServiceCompiler,
  workerServiceCompiler,
  batchJobCompiler,
  // data and network (compile-data)
  applicationLoadBalancerCompiler,
  bucketCompiler,
  dynamoDbTableCompiler,
  eventBusCompiler,
  httpApiGatewayCompiler,
  redisClusterCompiler,
  relationalDatabaseCompiler,
  snsTopicCompiler,
  sqsQueueCompiler,
  userAuthPoolCompiler,
];

export const resourceCompilers: Readonly<Record<string, ResourceCompiler>> = Object.fromEntries(
  modules.map((m) => [m.type, m]),
);
