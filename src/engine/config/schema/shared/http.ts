import * as z from 'zod';
import { stringOrDirective } from './runtime-directive.js';

export const httpMethod = z.enum(['*', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/** CORS for HTTP API Gateways and the web services in front of them. */
export const httpApiCors = z.strictObject({
  enabled: z.boolean(),
  /** Origins are often another resource's URL: `$ResourceParam('web', 'url')`. */
  allowedOrigins: z.array(stringOrDirective).optional(),
  allowedHeaders: z.array(z.string()).optional(),
  allowedMethods: z.array(httpMethod).optional(),
  allowCredentials: z.boolean().optional(),
  exposedResponseHeaders: z.array(z.string()).optional(),
  maxAge: z.int().min(0).optional(),
});

export const customDomain = z.strictObject({
  domainName: stringOrDirective,
  customCertificateArn: stringOrDirective.optional(),
  disableDnsRecordCreation: z.boolean().optional(),
});

export const customDomains = z.array(customDomain);

export const retentionDays = z.literal([
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653,
]);

/** CloudWatch logging of a resource (functions, containers, gateways, databases). */
export const logging = z.strictObject({
  disabled: z.boolean().optional(),
  retentionDays: retentionDays.optional(),
  logForwarding: z.record(z.string(), z.unknown()).optional(),
});
