/**
 * The shape of NDJSON events as emitted: per event type, every field path (`event.eventId`,
 * `changes[].causes[].path`, `outputs.*`) with its JSON type. Checked against the pinned golden
 * (test/golden/ndjson-contract.json) where a path ending in `?` may be absent; any other path must
 * be in every event of its type, and no event may carry a path the golden does not list.
 */
type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'object' | 'array';

function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value as JsonType;
}

/** Record-like objects whose keys are data, not fields. */
const MAP_FIELDS = new Set(['outputs']);

export function fieldPaths(value: unknown, prefix = '', out = new Map<string, JsonType>()): Map<string, JsonType> {
  if (Array.isArray(value)) {
    for (const item of value) {
      const type = jsonType(item);
      out.set(`${prefix}[]`, type);
      if (type === 'object' || type === 'array') fieldPaths(item, `${prefix}[]`, out);
    }
    return out;
  }
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    const type = jsonType(field);
    out.set(path, type);
    if (MAP_FIELDS.has(path)) {
      for (const inner of Object.values(field as Record<string, unknown>)) out.set(`${path}.*`, jsonType(inner));
    } else if (type === 'object' || type === 'array') {
      fieldPaths(field, path, out);
    }
  }
  return out;
}

export type Golden = Record<string, Record<string, string>>;

/** Every way the events differ from the golden, as sentences (empty: they match). */
export function contractViolations(events: readonly Record<string, unknown>[], golden: Golden): string[] {
  const problems = new Set<string>();
  for (const event of events) {
    const type = String(event.type);
    const pinned = golden[type];
    if (!pinned) {
      problems.add(`event type "${type}" is not in the golden`);
      continue;
    }
    const paths = fieldPaths(event);
    for (const [path, actual] of paths) {
      const expected = pinned[path] ?? pinned[`${path}?`];
      if (expected === undefined) problems.add(`${type}: field "${path}" is not in the golden`);
      else if (expected !== actual) problems.add(`${type}: field "${path}" is ${actual}, the golden says ${expected}`);
    }
    for (const path of Object.keys(pinned)) {
      if (!path.endsWith('?') && !paths.has(path)) problems.add(`${type}: required field "${path}" is missing`);
    }
  }
  return [...problems].sort();
}
