import * as z from 'zod';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject } from '../shared/runtime-directive.js';

export const snsTopicProperties = z
  .strictObject({
    smsDisplayName: z.string().optional(),
    fifoEnabled: z.boolean().optional(),
    contentBasedDeduplication: z.boolean().optional(),
    onDeliveryFailure: freeObject.optional(),
  })
  .prefault({});

export const snsTopicResource = resourceEnvelope('sns-topic', snsTopicProperties);
export type SnsTopicResource = z.output<typeof snsTopicResource>;
export type SnsTopicProperties = z.output<typeof snsTopicProperties>;
