import * as z from 'zod';
import { alarmsShape } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject, stringOrDirective } from '../shared/runtime-directive.js';

export const sqsQueueProperties = z
  .strictObject({
    delayMessagesSecond: z.int().min(0).max(900).optional(),
    maxMessageSizeBytes: z.int().min(1024).max(262144).optional(),
    messageRetentionPeriodSeconds: z.int().min(60).max(1209600).optional(),
    longPollingWaitTimeSeconds: z.int().min(0).max(20).optional(),
    visibilityTimeoutSeconds: z.int().min(0).max(43200).optional(),
    fifoEnabled: z.boolean().optional(),
    contentBasedDeduplication: z.boolean().optional(),
    fifoHighThroughput: z.boolean().optional(),
    redrivePolicy: z
      .strictObject({
        targetSqsQueueName: z.string().optional(),
        targetSqsQueueArn: stringOrDirective.optional(),
        maxReceiveCount: z.int().min(1),
      })
      .optional(),
    policyStatements: z.array(freeObject).optional(),
    ...alarmsShape,
  })
  .prefault({});

export const sqsQueueResource = resourceEnvelope('sqs-queue', sqsQueueProperties);
export type SqsQueueResource = z.output<typeof sqsQueueResource>;
export type SqsQueueProperties = z.output<typeof sqsQueueProperties>;
