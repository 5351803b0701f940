import * as z from 'zod';
import { containerServiceShape } from '../shared/container-service.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const privateServiceProperties = z.strictObject({
  ...containerServiceShape,
  port: z.int().min(1).max(65535).optional(),
  protocol: z.enum(['http', 'http2', 'grpc']).optional(),
  loadBalancing: z
    .strictObject({ type: z.enum(['service-connect', 'application-load-balancer']).default('service-connect') })
    .optional(),
});

export const privateServiceResource = resourceEnvelope('private-service', privateServiceProperties);
export type PrivateServiceResource = z.output<typeof privateServiceResource>;
export type PrivateServiceProperties = z.output<typeof privateServiceProperties>;
