import * as z from 'zod';
import { environment } from '../shared/environment.js';
import { lambdaMemory, lambdaRuntime, lambdaStorage, lambdaTimeout } from '../shared/lambda.js';
import { lambdaPackaging } from '../shared/packaging.js';
import { resourceAccessShape } from '../shared/resource-access.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';

export const deploymentScriptTrigger = z.enum(['after:deploy', 'before:delete']);

export const deploymentScriptProperties = z.strictObject({
  /** after:deploy: failure rolls the deploy back. before:delete: failure never blocks the delete. */
  trigger: deploymentScriptTrigger,
  packaging: lambdaPackaging,
  runtime: lambdaRuntime.optional(),
  environment: environment.optional(),
  /** Passed to the handler. May hold $ResourceParam; a $Secret here is rejected by config-semantics. */
  parameters: z.record(z.string(), z.unknown()).optional(),
  memory: lambdaMemory.optional(),
  timeout: lambdaTimeout.default(10),
  joinDefaultVpc: z.boolean().optional(),
  storage: lambdaStorage.default(512),
  ...resourceAccessShape,
});

export const deploymentScriptResource = resourceEnvelope('deployment-script', deploymentScriptProperties);
export type DeploymentScriptResource = z.output<typeof deploymentScriptResource>;
export type DeploymentScriptProperties = z.output<typeof deploymentScriptProperties>;
