// The types other stages import: `import type { StackConfig, FunctionResource } from '.../schema/index.js'`.
export type { StackConfig, StackConfigInput, Hooks, Script, CloudformationResource } from './stack-config.js';
export type { StackResource, SupportedResourceType } from './resource-types.js';
export type { FunctionResource, FunctionProperties } from './resources/function.js';
export type { DeploymentScriptResource, DeploymentScriptProperties } from './resources/deployment-script.js';
export type {
  MultiContainerWorkloadResource,
  MultiContainerWorkloadProperties,
  WorkloadContainer,
} from './resources/multi-container-workload.js';
export type { WebServiceResource, WebServiceProperties } from './resources/web-service.js';
export type { PrivateServiceResource, PrivateServiceProperties } from './resources/private-service.js';
export type { WorkerServiceResource, WorkerServiceProperties } from './resources/worker-service.js';
export type { BatchJobResource, BatchJobProperties } from './resources/batch-job.js';
export type { HttpApiGatewayResource, HttpApiGatewayProperties } from './resources/http-api-gateway.js';
export type {
  ApplicationLoadBalancerResource,
  ApplicationLoadBalancerProperties,
} from './resources/application-load-balancer.js';
export type { BucketResource, BucketProperties } from './resources/bucket.js';
export type {
  RelationalDatabaseResource,
  RelationalDatabaseProperties,
  DatabaseEngine,
} from './resources/relational-database.js';
export type { DynamoDbTableResource, DynamoDbTableProperties } from './resources/dynamo-db-table.js';
export type { RedisClusterResource, RedisClusterProperties } from './resources/redis-cluster.js';
export type { SqsQueueResource, SqsQueueProperties } from './resources/sqs-queue.js';
export type { SnsTopicResource, SnsTopicProperties } from './resources/sns-topic.js';
export type { EventBusResource, EventBusProperties } from './resources/event-bus.js';
export type { UserAuthPoolResource, UserAuthPoolProperties } from './resources/user-auth-pool.js';
