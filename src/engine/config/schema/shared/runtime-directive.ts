import * as z from 'zod';
import { isRuntimeDirective, type RuntimeDirective } from '../../directives/directive.js';

/**
 * After directive resolution, the config carries `RuntimeDirective` objects where the user wrote
 * `$ResourceParam(...)`, `$Secret(...)`, ... . Every place that accepts a free string must accept
 * one of these too. Built once and shared: the JSON Schema generator recognises this exact
 * instance and renders it as a directive-syntax string.
 */
export const runtimeDirective = z.custom<RuntimeDirective>(isRuntimeDirective, {
  error: 'expected a runtime directive',
});

/** A string, or a runtime directive that resolves to one at deploy time. */
export const stringOrDirective = z.union([z.string(), runtimeDirective]);

/** Environment-like values: YAML users write `PORT: 3000`, so numbers and booleans are allowed too. */
export const scalarOrDirective = z.union([z.string(), z.number(), z.boolean(), runtimeDirective]);

/** Free-form values (CloudFormation properties, script parameters, variables). */
export const freeObject = z.record(z.string(), z.unknown());

/** A positive whole number. */
export const positiveInt = z.int().min(1);
