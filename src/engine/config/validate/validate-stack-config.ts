import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import {
  LEGACY_RESOURCE_TYPES,
  SUPPORTED_RESOURCE_TYPES,
  UNSUPPORTED_STACKTAPE_TYPES,
  isSupportedResourceType,
  resourceSchemas,
  type StackResource,
} from '../schema/resource-types.js';
import { topLevelSchema, type StackConfig } from '../schema/stack-config.js';
import { addKnownMistakeHints } from './known-mistake-hints.js';
import { describeValue } from './schema-at-path.js';
import { issuesToDiagnostics, type PositionLookup } from './issues-to-diagnostics.js';

export interface StackConfigValidation {
  /** The parsed config with defaults applied; present only when there are no errors. */
  config?: StackConfig;
  diagnostics: Diagnostic[];
}

// jitless: zod otherwise generates (new Function) and compiles a fast path per object schema on
// first use; a one-shot CLI run pays that compile for every resource type and gains little back.
const PARSE_OPTIONS = { reportInput: true, jitless: true } as const;
const ENVELOPE_KEYS = ['type', 'properties', 'overrides'];
const UNSUPPORTED = new Set<string>(UNSUPPORTED_STACKTAPE_TYPES);
const ALL_KNOWN_TYPES = [...SUPPORTED_RESOURCE_TYPES, ...UNSUPPORTED_STACKTAPE_TYPES];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validate a directive-resolved config value. The top level is checked as one strict object;
 * each resource is checked by its own `type` schema, so one bad resource never hides another's
 * errors and messages stay specific (no "invalid union" soup).
 */
export function validateStackConfig(value: unknown, positions: PositionLookup): StackConfigValidation {
  const diagnostics: Diagnostic[] = [];
  if (value === undefined || value === null) {
    diagnostics.push({
      code: 'STP_CONFIG_EMPTY',
      severity: 'error',
      message: 'the config file is empty',
      position: positions.positionOf([], 'key'),
      expected: 'a mapping with at least a "resources" key',
    });
    return { diagnostics };
  }
  if (!isPlainObject(value)) {
    diagnostics.push({
      code: 'STP_CONFIG_INVALID_TYPE',
      severity: 'error',
      message: `the config must be a mapping of top-level keys, got ${describeValue(value)}`,
      position: positions.positionOf([], 'value'),
      path: [],
      expected: 'a mapping with at least a "resources" key',
    });
    return { diagnostics };
  }

  const top = topLevelSchema.safeParse(value, PARSE_OPTIONS);
  if (!top.success) {
    diagnostics.push(
      ...issuesToDiagnostics(top.error.issues, { schema: topLevelSchema, data: value, prefix: [], positions }),
    );
  }

  const resources: Record<string, StackResource> = {};
  const rawResources = value.resources;
  if (rawResources === undefined) {
    diagnostics.push({
      code: 'STP_CONFIG_MISSING_PROPERTY',
      severity: 'error',
      message: 'missing required property "resources" at the top level',
      position: positions.positionOf([], 'key'),
      path: ['resources'],
      expected: 'a mapping of resource name to { type, properties }',
    });
  } else if (!isPlainObject(rawResources)) {
    diagnostics.push({
      code: 'STP_CONFIG_INVALID_TYPE',
      severity: 'error',
      message: `"resources" must be a mapping of resource name to { type, properties }, got ${describeValue(rawResources)}`,
      position: positions.positionOf(['resources'], 'value'),
      path: ['resources'],
      expected: 'a mapping of resource name to { type, properties }',
    });
  } else {
    for (const [name, raw] of Object.entries(rawResources)) {
      const parsed = validateResource(name, raw, positions, diagnostics);
      if (parsed) resources[name] = parsed;
    }
  }

  addKnownMistakeHints(diagnostics);
  linkMisspeltRequiredKeys(diagnostics);
  if (diagnostics.some((d) => d.severity === 'error') || !top.success) return { diagnostics };
  const { resources: _raw, ...rest } = top.data;
  return { config: { ...rest, resources } as StackConfig, diagnostics };
}

function validateResource(
  name: string,
  raw: unknown,
  positions: PositionLookup,
  diagnostics: Diagnostic[],
): StackResource | undefined {
  const path = ['resources', name];
  if (!isPlainObject(raw)) {
    diagnostics.push({
      code: 'STP_CONFIG_INVALID_TYPE',
      severity: 'error',
      message: `resource "${name}" must be a mapping with "type" and "properties", got ${describeValue(raw)}`,
      position: positions.positionOf(path, raw === null ? 'key' : 'value'),
      path,
      expected: 'a mapping: { type, properties, overrides? }',
    });
    return undefined;
  }
  const type = raw.type;
  if (typeof type !== 'string') {
    for (const key of Object.keys(raw)) {
      if (ENVELOPE_KEYS.includes(key)) continue;
      const suggestion = didYouMean(key, ENVELOPE_KEYS);
      diagnostics.push({
        code: 'STP_CONFIG_UNKNOWN_PROPERTY',
        severity: 'error',
        message: `unknown property "${key}" in resources.${name}`,
        position: positions.positionOf([...path, key], 'key'),
        path: [...path, key],
        expected: `one of: ${ENVELOPE_KEYS.join(', ')}`,
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      });
    }
    const legacyType = typeof raw.Type === 'string';
    diagnostics.push({
      code: type === undefined ? 'STP_CONFIG_MISSING_PROPERTY' : 'STP_CONFIG_INVALID_TYPE',
      severity: 'error',
      message:
        type === undefined
          ? `missing required property "type" in resources.${name}`
          : `"type" of resource "${name}" must be a string, got ${describeValue(type)}`,
      position: positions.positionOf(type === undefined ? path : [...path, 'type'], type === undefined ? 'key' : 'value'),
      path: [...path, 'type'],
      expected: `one of: ${SUPPORTED_RESOURCE_TYPES.join(', ')}`,
      ...(legacyType ? { hint: 'keys are case-sensitive: current Stacktape uses "type" and "properties" (not "Type"/"Properties")' } : {}),
    });
    return undefined;
  }

  if (isSupportedResourceType(type)) {
    const schema = resourceSchemas[type];
    const result = schema.safeParse(raw, PARSE_OPTIONS);
    if (result.success) return result.data as StackResource;
    diagnostics.push(...issuesToDiagnostics(result.error.issues, { schema, data: raw, prefix: path, positions }));
    return undefined;
  }

  const typePath = [...path, 'type'];
  if (UNSUPPORTED.has(type)) {
    diagnostics.push({
      code: 'STP_CONFIG_UNSUPPORTED_TYPE',
      severity: 'error',
      message: `resource type "${type}" is not supported yet by stp (resource "${name}")`,
      position: positions.positionOf(typePath, 'value'),
      path: typePath,
      expected: `a supported type: ${SUPPORTED_RESOURCE_TYPES.join(', ')}`,
    });
    return undefined;
  }
  const legacy = LEGACY_RESOURCE_TYPES[type];
  const suggestion = didYouMean(type, ALL_KNOWN_TYPES);
  diagnostics.push({
    code: 'STP_CONFIG_UNKNOWN_TYPE',
    severity: 'error',
    message: `unknown resource type "${type}" (resource "${name}")`,
    position: positions.positionOf(typePath, 'value'),
    path: typePath,
    expected: `one of: ${SUPPORTED_RESOURCE_TYPES.join(', ')}`,
    ...(legacy
      ? { hint: `"${type}" is from an older Stacktape dialect: ${legacy}` }
      : suggestion
        ? { hint: `did you mean "${suggestion}"?` }
        : {}),
  });
  return undefined;
}

/**
 * A required key reported missing is often present under a misspelt name, which is reported as
 * unknown next to it: say so on the "missing" error too.
 */
function linkMisspeltRequiredKeys(diagnostics: Diagnostic[]): void {
  const unknownByParent = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) {
    if (d.code !== 'STP_CONFIG_UNKNOWN_PROPERTY' || !d.path) continue;
    const parent = d.path.slice(0, -1).join('\u0000');
    unknownByParent.set(parent, [...(unknownByParent.get(parent) ?? []), d]);
  }
  for (const d of diagnostics) {
    if (d.code !== 'STP_CONFIG_MISSING_PROPERTY' || !d.path || d.hint) continue;
    const name = String(d.path[d.path.length - 1]);
    const sibling = unknownByParent
      .get(d.path.slice(0, -1).join('\u0000'))
      ?.find((u) => u.hint === `did you mean "${name}"?`);
    if (sibling) {
      const written = String(sibling.path![sibling.path!.length - 1]);
      const line = sibling.position ? ` (line ${sibling.position.line})` : '';
      d.hint = `"${written}"${line} looks like a misspelling of "${name}"`;
    }
  }
}
