import * as z from 'zod';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject } from '../shared/runtime-directive.js';

const keyAttribute = z.strictObject({
  name: z.string(),
  type: z.enum(['string', 'number', 'binary']),
});

export const dynamoDbTableProperties = z.strictObject({
  primaryKey: z.strictObject({ partitionKey: keyAttribute, sortKey: keyAttribute.optional() }),
  provisionedThroughput: z
    .strictObject({
      readUnits: z.int().min(1),
      writeUnits: z.int().min(1),
      readScaling: freeObject.optional(),
      writeScaling: freeObject.optional(),
    })
    .optional(),
  enablePointInTimeRecovery: z.boolean().optional(),
  streamType: z.enum(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']).optional(),
  secondaryIndexes: z
    .array(
      z.strictObject({
        name: z.string(),
        partitionKey: keyAttribute,
        sortKey: keyAttribute.optional(),
        projections: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  dev: freeObject.optional(),
});

export const dynamoDbTableResource = resourceEnvelope('dynamo-db-table', dynamoDbTableProperties);
export type DynamoDbTableResource = z.output<typeof dynamoDbTableResource>;
export type DynamoDbTableProperties = z.output<typeof dynamoDbTableProperties>;
