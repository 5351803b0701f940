import * as z from 'zod';
import { freeObject } from './runtime-directive.js';

/**
 * Alarms are accepted with their envelope checked (`trigger` required); their many trigger kinds
 * are not modelled by stp yet and pass through to the compiler as data.
 */
export const alarm = z.strictObject({
  name: z.string().optional(),
  description: z.string().optional(),
  trigger: z.strictObject({ type: z.string(), properties: freeObject.optional() }),
  evaluation: freeObject.optional(),
  notificationTargets: z.array(freeObject).optional(),
});

export const alarmsShape = {
  alarms: z.array(alarm).optional(),
  disabledGlobalAlarms: z.array(z.string()).optional(),
};

/** CDN in front of a bucket, gateway, load balancer or service. Deep options pass through. */
export const cdn = z.strictObject({
  enabled: z.boolean(),
  cachingOptions: freeObject.optional(),
  forwardingOptions: freeObject.optional(),
  routeRewrites: z.array(freeObject).optional(),
  customDomains: z.array(freeObject).optional(),
  edgeFunctions: freeObject.optional(),
  cloudfrontPriceClass: z.enum(['PriceClass_All', 'PriceClass_200', 'PriceClass_100']).optional(),
  defaultRoutePrefix: z.string().optional(),
  errorDocument: z.string().optional(),
  indexDocument: z.string().optional(),
  disableInvalidationAfterDeploy: z.boolean().optional(),
  useFirewall: z.string().optional(),
});
