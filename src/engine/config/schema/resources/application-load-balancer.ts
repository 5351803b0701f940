import * as z from 'zod';
import { customDomains } from '../shared/http.js';
import { alarmsShape, cdn } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject, stringOrDirective } from '../shared/runtime-directive.js';

export const albListener = z.strictObject({
  protocol: z.enum(['HTTP', 'HTTPS']),
  port: z.int().min(1).max(65535),
  customCertificateArns: z.array(stringOrDirective).optional(),
  whitelistIps: z.array(z.string()).optional(),
  defaultAction: freeObject.optional(),
});

export const applicationLoadBalancerProperties = z
  .strictObject({
    interface: z.enum(['internet', 'internal']).optional(),
    listeners: z.array(albListener).optional(),
    customDomains: customDomains.optional(),
    cdn: cdn.optional(),
    useFirewall: z.string().optional(),
    ...alarmsShape,
  })
  .prefault({});

export const applicationLoadBalancerResource = resourceEnvelope(
  'application-load-balancer',
  applicationLoadBalancerProperties,
);
export type ApplicationLoadBalancerResource = z.output<typeof applicationLoadBalancerResource>;
export type ApplicationLoadBalancerProperties = z.output<typeof applicationLoadBalancerProperties>;
