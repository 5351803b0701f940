import * as z from 'zod';
import { logging } from '../shared/http.js';
import { alarmsShape } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject, stringOrDirective } from '../shared/runtime-directive.js';

export const redisClusterProperties = z.strictObject({
  defaultUserPassword: stringOrDirective,
  instanceSize: stringOrDirective,
  engineVersion: z.string().optional(),
  enableSharding: z.boolean().optional(),
  numShards: z.int().min(1).max(500).optional(),
  numReplicaNodes: z.int().min(0).max(5).optional(),
  port: z.int().min(1).max(65535).optional(),
  accessibility: z
    .strictObject({ accessibilityMode: z.enum(['internet', 'vpc', 'scoping-workloads-in-vpc']) })
    .optional(),
  automatedBackupRetentionDays: z.int().min(0).max(35).optional(),
  ...alarmsShape,
  logging: logging.optional(),
  dev: freeObject.optional(),
});

export const redisClusterResource = resourceEnvelope('redis-cluster', redisClusterProperties);
export type RedisClusterResource = z.output<typeof redisClusterResource>;
export type RedisClusterProperties = z.output<typeof redisClusterProperties>;
