import * as z from 'zod';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const eventBusProperties = z
  .strictObject({
    /** For partner event sources (e.g. `aws.partner/...`). */
    eventSourceName: z.string().optional(),
    archivation: z
      .strictObject({ enabled: z.boolean(), retentionDays: z.int().min(0).optional() })
      .optional(),
  })
  .prefault({});

export const eventBusResource = resourceEnvelope('event-bus', eventBusProperties);
export type EventBusResource = z.output<typeof eventBusResource>;
export type EventBusProperties = z.output<typeof eventBusProperties>;
