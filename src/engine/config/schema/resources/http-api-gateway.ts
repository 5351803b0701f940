import * as z from 'zod';
import { customDomains, httpApiCors, logging } from '../shared/http.js';
import { alarmsShape, cdn } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const httpApiGatewayProperties = z
  .strictObject({
    payloadFormat: z.enum(['1.0', '2.0']).optional(),
    cors: httpApiCors.optional(),
    logging: logging.optional(),
    customDomains: customDomains.optional(),
    cdn: cdn.optional(),
    ...alarmsShape,
  })
  .prefault({});

export const httpApiGatewayResource = resourceEnvelope('http-api-gateway', httpApiGatewayProperties);
export type HttpApiGatewayResource = z.output<typeof httpApiGatewayResource>;
export type HttpApiGatewayProperties = z.output<typeof httpApiGatewayProperties>;
