import type * as z from 'zod';
import { runtimeDirective } from '../schema/shared/runtime-directive.js';

/**
 * Reads a zod schema the way the error messages need: which schema sits at a config path (for the
 * keys a misspelt key could have meant, the bounds of a number, what a union expected) and a
 * user-facing description of what it accepts. Walks zod 4's public `_zod.def` structure.
 */
type AnySchema = z.core.$ZodType;
type Def = { type: string; [key: string]: unknown };

function def(schema: AnySchema): Def {
  return schema._zod.def as unknown as Def;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

export function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (let i = 0; i < 20; i++) {
    const d = def(current);
    if (WRAPPERS.has(d.type)) current = d.innerType as AnySchema;
    else if (d.type === 'pipe') current = d.in as AnySchema;
    else if (d.type === 'lazy') current = (d.getter as () => AnySchema)();
    else break;
  }
  return current;
}

/** The schema at `path` below `schema`, choosing union branches by the data where it can. */
export function schemaAtPath(
  schema: AnySchema,
  data: unknown,
  path: readonly PropertyKey[],
): AnySchema | undefined {
  let current: AnySchema | undefined = schema;
  let value = data;
  for (const segment of path) {
    if (!current) return undefined;
    current = childSchema(unwrap(current), value, segment);
    value = isIndexable(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
  }
  return current;
}

function isIndexable(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function childSchema(schema: AnySchema, value: unknown, segment: PropertyKey): AnySchema | undefined {
  const d = def(schema);
  switch (d.type) {
    case 'object':
      return (d.shape as Record<string, AnySchema>)[String(segment)];
    case 'array':
      return d.element as AnySchema;
    case 'record':
      return d.valueType as AnySchema;
    case 'union':
      return childSchema(pickBranch(schema, value, segment) ?? schema, value, segment) ?? undefined;
    default:
      return undefined;
  }
}

/** The union branch the data is meant for: by discriminator value, else the first that fits. */
export function pickBranch(schema: AnySchema, value: unknown, segment?: PropertyKey): AnySchema | undefined {
  const d = def(schema);
  if (d.type !== 'union') return undefined;
  const options = (d.options as AnySchema[]).map(unwrap);
  const discriminator = d.discriminator as string | undefined;
  if (discriminator && isIndexable(value)) {
    const tag = (value as Record<string, unknown>)[discriminator];
    const match = options.find((option) => option._zod.propValues?.[discriminator]?.has(tag as never));
    if (match) return match;
  }
  if (segment !== undefined) {
    return options.find((option) => {
      const od = def(option);
      if (od.type === 'object') return String(segment) in (od.shape as object);
      return (od.type === 'array' && typeof segment === 'number') || od.type === 'record';
    });
  }
  return options[0];
}

/** The i-th option of a union schema. */
export function unionOption(schema: AnySchema, index: number): AnySchema | undefined {
  const d = def(unwrap(schema));
  return d.type === 'union' ? (d.options as AnySchema[])[index] : undefined;
}

/** Property names an object schema allows (for "did you mean" on unknown keys). */
export function objectKeys(schema: AnySchema | undefined): string[] {
  if (!schema) return [];
  const inner = unwrap(schema);
  const d = def(inner);
  if (d.type === 'object') return Object.keys(d.shape as object);
  return [];
}

/** Inclusive numeric bounds of a number schema, if it has them. */
export function numberBounds(schema: AnySchema | undefined): { min?: number; max?: number } {
  if (!schema) return {};
  const inner = unwrap(schema) as unknown as { minValue?: number | null; maxValue?: number | null };
  const bounds: { min?: number; max?: number } = {};
  if (typeof inner.minValue === 'number' && Number.isFinite(inner.minValue) && Math.abs(inner.minValue) < 2 ** 52) {
    bounds.min = inner.minValue;
  }
  if (typeof inner.maxValue === 'number' && Number.isFinite(inner.maxValue) && Math.abs(inner.maxValue) < 2 ** 52) {
    bounds.max = inner.maxValue;
  }
  return bounds;
}

/** What a schema accepts, in words: "a number", "one of: a, b", "a string or a runtime directive". */
export function describeSchema(schema: AnySchema | undefined, depth = 0): string {
  if (!schema || depth > 4) return 'a valid value';
  if (schema === runtimeDirective) return 'a runtime directive such as $ResourceParam(...)';
  const inner = unwrap(schema);
  if (inner === runtimeDirective) return 'a runtime directive such as $ResourceParam(...)';
  const d = def(inner);
  switch (d.type) {
    case 'string':
      return 'a string';
    case 'number':
      return d.format === 'safeint' || d.format === 'int32' ? 'a whole number' : 'a number';
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping (object)';
    case 'record':
      return 'a mapping (object)';
    case 'array':
      return 'a list';
    case 'enum':
      return `one of: ${Object.values(d.entries as Record<string, unknown>).join(', ')}`;
    case 'literal':
      return (d.values as unknown[]).length === 1
        ? `exactly ${String((d.values as unknown[])[0])}`
        : `one of: ${(d.values as unknown[]).map(String).join(', ')}`;
    case 'union': {
      if (d.discriminator) {
        const key = String(d.discriminator);
        const tags = (d.options as AnySchema[]).flatMap((o) => [...(unwrap(o)._zod.propValues?.[key] ?? [])].map(String));
        return `a mapping with "${key}" (one of: ${tags.join(', ')}) and "properties"`;
      }
      const parts = [...new Set((d.options as AnySchema[]).map((o) => describeSchema(o, depth + 1)))];
      return parts.length <= 2 ? parts.join(' or ') : `${parts.slice(0, -1).join(', ')}, or ${parts[parts.length - 1]}`;
    }
    case 'unknown':
    case 'any':
      return 'any value';
    case 'custom':
      return 'a valid value';
    default:
      return `a ${d.type}`;
  }
}

/** "string", "number", "list", ... for the value the user wrote. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value (null)';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(truncate(value))}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return (value as { kind?: unknown }).kind === 'directive'
        ? `the directive ${(value as { source?: string }).source ?? ''}`.trim()
        : 'a mapping (object)';
    default:
      return typeof value;
  }
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
