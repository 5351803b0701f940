import * as z from 'zod';
import { environment } from '../shared/environment.js';
import { logging } from '../shared/http.js';
import { lambdaArchitecture, lambdaMemory, lambdaRuntime, lambdaStorage, lambdaTimeout } from '../shared/lambda.js';
import { functionEvent } from '../shared/lambda-events.js';
import { alarmsShape, cdn } from '../shared/monitoring.js';
import { lambdaPackaging } from '../shared/packaging.js';
import { resourceAccessShape } from '../shared/resource-access.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { stringOrDirective } from '../shared/runtime-directive.js';
import { volumeMount } from '../shared/container-workload.js';

export const lambdaDeploymentStrategy = z.enum([
  'AllAtOnce',
  'Canary10Percent5Minutes',
  'Canary10Percent10Minutes',
  'Canary10Percent15Minutes',
  'Canary10Percent30Minutes',
  'Linear10PercentEvery1Minute',
  'Linear10PercentEvery2Minutes',
  'Linear10PercentEvery3Minutes',
  'Linear10PercentEvery10Minutes',
]);

export const functionProperties = z.strictObject({
  packaging: lambdaPackaging,
  events: z.array(functionEvent).optional(),
  environment: environment.optional(),
  runtime: lambdaRuntime.optional(),
  architecture: lambdaArchitecture.optional(),
  memory: lambdaMemory.optional(),
  timeout: lambdaTimeout.default(10),
  joinDefaultVpc: z.boolean().optional(),
  tags: z.array(z.strictObject({ name: z.string(), value: stringOrDirective })).optional(),
  destinations: z
    .strictObject({ onSuccess: stringOrDirective.optional(), onFailure: stringOrDirective.optional() })
    .optional(),
  logging: logging.optional(),
  provisionedConcurrency: z.int().min(1).optional(),
  reservedConcurrency: z.int().min(0).optional(),
  layers: z.array(stringOrDirective).optional(),
  deployment: z
    .strictObject({
      strategy: lambdaDeploymentStrategy,
      beforeAllowTrafficFunction: z.string().optional(),
      afterTrafficShiftFunction: z.string().optional(),
    })
    .optional(),
  ...alarmsShape,
  url: z
    .strictObject({
      enabled: z.boolean(),
      cors: z
        .strictObject({
          enabled: z.boolean(),
          allowedOrigins: z.array(stringOrDirective).optional(),
          allowedHeaders: z.array(z.string()).optional(),
          allowedMethods: z.array(z.string()).optional(),
          allowCredentials: z.boolean().optional(),
          exposedResponseHeaders: z.array(z.string()).optional(),
          maxAge: z.int().min(0).optional(),
        })
        .optional(),
      authMode: z.enum(['AWS_IAM', 'NONE']).optional(),
      responseStreamEnabled: z.boolean().optional(),
    })
    .optional(),
  cdn: cdn.optional(),
  storage: lambdaStorage.default(512),
  volumeMounts: z.array(volumeMount).optional(),
  ...resourceAccessShape,
});

export const functionResource = resourceEnvelope('function', functionProperties);
export type FunctionResource = z.output<typeof functionResource>;
export type FunctionProperties = z.output<typeof functionProperties>;
