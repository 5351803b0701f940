import * as z from 'zod';
import { environment } from '../shared/environment.js';
import { logging } from '../shared/http.js';
import { batchJobEvent } from '../shared/lambda-events.js';
import { containerPackaging } from '../shared/packaging.js';
import { resourceAccessShape } from '../shared/resource-access.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const batchJobProperties = z.strictObject({
  container: z.strictObject({
    packaging: containerPackaging,
    environment: environment.optional(),
  }),
  resources: z.strictObject({
    cpu: z.number().positive(),
    memory: z.int().min(128),
    gpu: z.int().min(0).optional(),
  }),
  /** Seconds. */
  timeout: z.int().min(1).optional(),
  useSpotInstances: z.boolean().optional(),
  logging: logging.optional(),
  retryConfig: z
    .strictObject({
      attempts: z.int().min(1).max(10).optional(),
      retryIntervalSeconds: z.int().min(0).optional(),
      retryIntervalMultiplier: z.number().min(1).optional(),
    })
    .optional(),
  events: z.array(batchJobEvent).optional(),
  ...resourceAccessShape,
});

export const batchJobResource = resourceEnvelope('batch-job', batchJobProperties);
export type BatchJobResource = z.output<typeof batchJobResource>;
export type BatchJobProperties = z.output<typeof batchJobProperties>;
