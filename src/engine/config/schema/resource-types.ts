import type * as z from 'zod';
import { applicationLoadBalancerResource } from './resources/application-load-balancer.js';
import { batchJobResource } from './resources/batch-job.js';
import { bucketResource } from './resources/bucket.js';
import { deploymentScriptResource } from './resources/deployment-script.js';
import { dynamoDbTableResource } from './resources/dynamo-db-table.js';
import { eventBusResource } from './resources/event-bus.js';
import { functionResource } from './resources/function.js';
import { httpApiGatewayResource } from './resources/http-api-gateway.js';
import { multiContainerWorkloadResource } from './resources/multi-container-workload.js';
import { privateServiceResource } from './resources/private-service.js';
import { redisClusterResource } from './resources/redis-cluster.js';
import { relationalDatabaseResource } from './resources/relational-database.js';
import { snsTopicResource } from './resources/sns-topic.js';
import { sqsQueueResource } from './resources/sqs-queue.js';
import { userAuthPoolResource } from './resources/user-auth-pool.js';
import { webServiceResource } from './resources/web-service.js';
import { workerServiceResource } from './resources/worker-service.js';

/** The resource types stp validates and compiles, keyed by their `type`. */
export const resourceSchemas = {
  'deployment-script': deploymentScriptResource,
  'multi-container-workload': multiContainerWorkloadResource,
  'web-service': webServiceResource,
  'private-service': privateServiceResource,
  'worker-service': workerServiceResource,
  function: functionResource,
  'batch-job': batchJobResource,
  'http-api-gateway': httpApiGatewayResource,
  'application-load-balancer': applicationLoadBalancerResource,
  bucket: bucketResource,
  'relational-database': relationalDatabaseResource,
  'dynamo-db-table': dynamoDbTableResource,
  'redis-cluster': redisClusterResource,
  'sqs-queue': sqsQueueResource,
  'sns-topic': snsTopicResource,
  'event-bus': eventBusResource,
  'user-auth-pool': userAuthPoolResource,
} as const;

export type SupportedResourceType = keyof typeof resourceSchemas;
export const SUPPORTED_RESOURCE_TYPES = Object.keys(resourceSchemas) as SupportedResourceType[];

export function isSupportedResourceType(type: string): type is SupportedResourceType {
  return Object.hasOwn(resourceSchemas, type);
}

export type ResourceSchema = (typeof resourceSchemas)[SupportedResourceType];
export type StackResource = z.output<ResourceSchema>;

/**
 * Valid Stacktape types (3.x and HEAD) that stp does not support yet: these get
 * STP_CONFIG_UNSUPPORTED_TYPE rather than "unknown type".
 */
export const UNSUPPORTED_STACKTAPE_TYPES = [
  'hosting-bucket',
  'nextjs-web',
  'astro-web',
  'nuxt-web',
  'sveltekit-web',
  'solidstart-web',
  'tanstack-web',
  'remix-web',
  'state-machine',
  'edge-lambda-function',
  'custom-resource-definition',
  'custom-resource-instance',
  'aws-cdk-construct',
  'network-load-balancer',
  'mongo-db-atlas-cluster',
  'upstash-redis',
  'open-search-domain',
  'efs-filesystem',
  'kinesis-stream',
  'web-app-firewall',
  'bastion',
  'convex',
  'agentcore-runtime',
  'agentcore-memory',
  'agentcore-gateway',
  'agentcore-browser',
  'agentcore-code-interpreter',
] as const;

/** Types from older Stacktape dialects, with what replaced them. */
export const LEGACY_RESOURCE_TYPES: Record<string, string> = {
  'container-workload': 'renamed to "multi-container-workload" in current Stacktape',
  'upstash-kafka-topic': 'removed from Stacktape (Upstash Kafka was discontinued)',
};
