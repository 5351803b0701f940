import * as z from 'zod';
import { containerDeployment } from '../shared/container-workload.js';
import { containerServiceShape } from '../shared/container-service.js';
import { customDomains, httpApiCors } from '../shared/http.js';
import { alarmsShape, cdn } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const webServiceProperties = z.strictObject({
  ...containerServiceShape,
  port: z.int().min(1).max(65535).optional(),
  cors: httpApiCors.optional(),
  customDomains: customDomains.optional(),
  loadBalancing: z
    .strictObject({
      type: z.enum(['http-api-gateway', 'application-load-balancer', 'network-load-balancer']).default('http-api-gateway'),
      properties: z.record(z.string(), z.unknown()).optional(),
    })
    .optional(),
  cdn: cdn.optional(),
  ...alarmsShape,
  deployment: containerDeployment.optional(),
  useFirewall: z.string().optional(),
});

export const webServiceResource = resourceEnvelope('web-service', webServiceProperties);
export type WebServiceResource = z.output<typeof webServiceResource>;
export type WebServiceProperties = z.output<typeof webServiceProperties>;
