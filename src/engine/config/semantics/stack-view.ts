import type { StackConfig } from '../schema/index.js';

/**
 * A loose, read-only view of the validated config for the semantic rules. The rules run on what
 * the schema accepted, but they read it defensively (a rule must never crash on a shape it did
 * not expect: the loader may hand over a config whose other parts failed validation).
 */
export interface ResourceEntry {
  name: string;
  type: string;
  properties: Record<string, unknown>;
}

export interface StackView {
  config: StackConfig;
  resources: ResourceEntry[];
  byName: Map<string, ResourceEntry>;
}

export function viewStack(config: StackConfig): StackView {
  const resources: ResourceEntry[] = [];
  const raw = asRecord((config as { resources?: unknown }).resources);
  for (const [name, value] of Object.entries(raw ?? {})) {
    const entry = asRecord(value);
    resources.push({
      name,
      type: typeof entry?.type === 'string' ? entry.type : '',
      properties: asRecord(entry?.properties) ?? {},
    });
  }
  return { config, resources, byName: new Map(resources.map((r) => [r.name, r])) };
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The config path of a resource property: `resources.<name>.properties.<...rest>`. */
export function propertyPath(resource: string, ...rest: (string | number)[]): (string | number)[] {
  return ['resources', resource, 'properties', ...rest];
}
