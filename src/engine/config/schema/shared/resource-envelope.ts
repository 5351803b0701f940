import * as z from 'zod';
import { freeObject } from './runtime-directive.js';

/** `overrides: { CfLogicalId: { CfnProperty: value } }`, applied to the generated template. */
export const overrides = z.record(z.string(), freeObject);

/** `{ type, properties, overrides? }`: the shape of every entry of `resources`. */
export function resourceEnvelope<const T extends string, P extends z.ZodType>(type: T, properties: P) {
  return z.strictObject({
    type: z.literal(type),
    properties,
    overrides: overrides.optional(),
  });
}
