import * as z from 'zod';
import { cdn } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject } from '../shared/runtime-directive.js';

export const bucketProperties = z
  .strictObject({
    accessibility: z
      .strictObject({
        accessibilityMode: z.enum(['private', 'public-read', 'public-read-write']),
        accessPolicyStatements: z.array(freeObject).optional(),
      })
      .optional(),
    cors: z
      .strictObject({
        enabled: z.boolean(),
        corsRules: z.array(freeObject).optional(),
      })
      .optional(),
    versioning: z.boolean().optional(),
    encryption: z.boolean().optional(),
    lifecycleRules: z.array(z.strictObject({ type: z.string(), properties: freeObject.optional() })).optional(),
    directoryUpload: z
      .strictObject({
        directoryPath: z.string(),
        headersPreset: z
          .enum(['static-website', 'gatsby-static-website', 'single-page-app', 'astro-static-website', 'sveltekit-static-website', 'nuxt-static-website'])
          .optional(),
        fileOptions: z.array(freeObject).optional(),
        excludeFilesPatterns: z.array(z.string()).optional(),
        disableS3TransferAcceleration: z.boolean().optional(),
      })
      .optional(),
    enableEventBusNotifications: z.boolean().optional(),
    cdn: cdn.optional(),
  })
  .prefault({});

export const bucketResource = resourceEnvelope('bucket', bucketProperties);
export type BucketResource = z.output<typeof bucketResource>;
export type BucketProperties = z.output<typeof bucketProperties>;
