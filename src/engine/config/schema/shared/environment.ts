import * as z from 'zod';
import { scalarOrDirective } from './runtime-directive.js';

/** `environment: [{ name, value }]` as YAML writes it. */
export const environmentVariable = z.strictObject({
  name: z.string(),
  value: scalarOrDirective,
});

export const environment = z.array(environmentVariable);
