import * as z from 'zod';
import { freeObject, stringOrDirective } from './runtime-directive.js';

/** `{Sid?, Effect?, Action[], Resource[]*, Condition?}` (IAM policy statement in Stacktape spelling). */
export const iamRoleStatement = z.strictObject({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']).optional(),
  Action: z.array(z.string()).optional(),
  Resource: z.array(stringOrDirective),
  Condition: freeObject.optional(),
});

/** Resource names of the same stack, or `aws:ses`. Checked against the stack by config-semantics. */
export const connectTo = z.array(z.string());

/** The props every workload shares for reaching other resources. */
export const resourceAccessShape = {
  connectTo: connectTo.optional(),
  iamRoleStatements: z.array(iamRoleStatement).optional(),
};
