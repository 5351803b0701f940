import type * as z from 'zod';
import type { Diagnostic, SourcePosition } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import type { StpIssueParams } from '../schema/shared/custom-issue.js';
import {
  describeSchema,
  describeValue,
  numberBounds,
  objectKeys,
  schemaAtPath,
  unionOption,
} from './schema-at-path.js';

export type ConfigPath = (string | number)[];

/** Where things are in the source; implemented by ConfigPositions. */
export interface PositionLookup {
  positionOf(path: readonly (string | number)[], target?: 'key' | 'value'): SourcePosition | undefined;
}

interface IssueScope {
  /** The schema that was parsed, and the data it was given (to read expectations from). */
  schema: z.core.$ZodType;
  data: unknown;
  /** Config path of `data` (e.g. ['resources', 'api']). */
  prefix: ConfigPath;
  positions: PositionLookup;
}

type Issue = z.core.$ZodIssue;

/**
 * Turns zod issues into stp diagnostics: a stable code, the position (the key for unknown and
 * missing properties, the value for wrong values), what was expected, and a did-you-mean.
 */
export function issuesToDiagnostics(issues: readonly Issue[], scope: IssueScope): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const issue of issues) convertIssue(issue, scope, out);
  return out;
}

function toPath(path: readonly PropertyKey[]): ConfigPath {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

function dataAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

function where(path: ConfigPath): string {
  return path.length === 0 ? 'the top level' : path.map(String).join('.');
}

function lastName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'value';
}

/** A likely intended value: a close spelling, or the only value the input abbreviates (`str` → `string`). */
function suggestValue(input: string, values: readonly string[]): string | undefined {
  const close = didYouMean(input, values);
  if (close) return close;
  if (input.length < 2) return undefined;
  const lowered = input.toLowerCase();
  const prefixed = values.filter((v) => v.toLowerCase().startsWith(lowered));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** What a discriminated thing is called: `events[0]` → "event", `scripts.x` → "script", `engine` → "engine". */
function holderName(parentPath: ConfigPath): string {
  const last = parentPath[parentPath.length - 1];
  const before = parentPath[parentPath.length - 2];
  if (typeof last === 'number' && typeof before === 'string') return singular(before);
  if (before === 'scripts' || before === 'resources') return singular(before);
  return typeof last === 'string' ? last : 'value';
}

function singular(word: string): string {
  const spaced = word.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.endsWith('s') ? spaced.slice(0, -1) : spaced;
}

function convertIssue(issue: Issue, scope: IssueScope, out: Diagnostic[]): void {
  const relative = issue.path;
  const path = [...scope.prefix, ...toPath(relative)];
  const input = 'input' in issue ? issue.input : dataAt(scope.data, relative);
  const at = (target: 'key' | 'value', p: ConfigPath = path) => scope.positions.positionOf(p, target);
  const push = (d: Omit<Diagnostic, 'severity'>) => {
    const diagnostic: Diagnostic = { severity: 'error', ...d };
    if (diagnostic.position === undefined) delete diagnostic.position;
    if (diagnostic.hint === undefined) delete diagnostic.hint;
    if (diagnostic.expected === undefined) delete diagnostic.expected;
    out.push(diagnostic);
  };

  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = objectKeys(schemaAtPath(scope.schema, scope.data, relative));
      for (const key of issue.keys) {
        const suggestion = didYouMean(key, allowed);
        push({
          code: 'STP_CONFIG_UNKNOWN_PROPERTY',
          message: `unknown property "${key}" in ${where(path)}`,
          position: at('key', [...path, key]),
          path: [...path, key],
          expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : undefined,
          hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
        });
      }
      return;
    }
    case 'invalid_type': {
      const expectedText = describeSchema(schemaAtPath(scope.schema, scope.data, relative));
      if (input === undefined) {
        push({
          code: 'STP_CONFIG_MISSING_PROPERTY',
          message: `missing required property "${lastName(relative.length > 0 ? relative : path)}" in ${where(path.slice(0, -1))}`,
          position: at('key'),
          path,
          expected: expectedText,
        });
        return;
      }
      const wantsWhole = issue.expected === 'int' && typeof input === 'number';
      push({
        code: 'STP_CONFIG_INVALID_TYPE',
        message: wantsWhole
          ? `"${lastName(path)}" must be a whole number, got ${input}`
          : `"${lastName(path)}" must be ${expectedText}, got ${describeValue(input)}`,
        position: at('value'),
        path,
        expected: expectedText,
      });
      return;
    }
    case 'invalid_value': {
      if (input === undefined) {
        push({
          code: 'STP_CONFIG_MISSING_PROPERTY',
          message: `missing required property "${lastName(path)}" in ${where(path.slice(0, -1))}`,
          position: at('key'),
          path,
          expected: `one of: ${issue.values.map(String).join(', ')}`,
        });
        return;
      }
      const values = issue.values.map((v) => String(v));
      const suggestion = typeof input === 'string' ? suggestValue(input, values) : undefined;
      const scalar = typeof input === 'string' || typeof input === 'number' || typeof input === 'boolean';
      push({
        code: 'STP_CONFIG_INVALID_ENUM',
        message: scalar
          ? `invalid value ${JSON.stringify(input)} for "${lastName(path)}"`
          : `"${lastName(path)}" must be one of the listed values, got ${describeValue(input)}`,
        position: at('value'),
        path,
        expected: `one of: ${values.join(', ')}`,
        hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
      });
      return;
    }
    case 'invalid_union': {
      convertUnion(issue, scope, path, input, push, out);
      return;
    }
    case 'too_big':
    case 'too_small': {
      const bounds = numberBounds(schemaAtPath(scope.schema, scope.data, relative));
      let expected: string;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        expected =
          bounds.min !== undefined && bounds.max !== undefined
            ? `a number from ${bounds.min} to ${bounds.max}`
            : issue.code === 'too_big'
              ? `a number ${issue.inclusive ? 'at most' : 'below'} ${String(issue.maximum)}`
              : `a number ${issue.inclusive ? 'at least' : 'above'} ${String(issue.minimum)}`;
      } else {
        const unit = issue.origin === 'string' ? 'character' : 'item';
        const count = Number(issue.code === 'too_big' ? issue.maximum : issue.minimum);
        const plural = count === 1 ? unit : `${unit}s`;
        expected = issue.code === 'too_big' ? `at most ${count} ${plural}` : `at least ${count} ${plural}`;
      }
      const numeric = issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint';
      push({
        code: 'STP_CONFIG_OUT_OF_RANGE',
        message: numeric
          ? `"${lastName(path)}" is out of range: ${typeof input === 'number' ? input : describeValue(input)} (expected ${expected})`
          : `"${lastName(path)}" must have ${expected}`,
        position: at('value'),
        path,
        expected,
      });
      return;
    }
    case 'invalid_format': {
      const custom = issue.message && !issue.message.startsWith('Invalid') ? issue.message : undefined;
      push({
        code: 'STP_CONFIG_INVALID_FORMAT',
        message: `invalid format for "${lastName(path)}": ${describeValue(input)}${custom ? ` (${custom})` : ''}`,
        position: at('value'),
        path,
        expected: custom ?? (issue.pattern ? `text matching ${issue.pattern}` : `a valid ${issue.format}`),
      });
      return;
    }
    case 'custom': {
      const params = (issue.params ?? {}) as Partial<StpIssueParams>;
      const code = params.stpCode ?? 'STP_CONFIG_INVALID_VALUE';
      push({
        code,
        message: issue.message,
        position: at(code === 'STP_CONFIG_MISSING_PROPERTY' ? 'key' : 'value'),
        path,
        expected: params.expected,
      });
      return;
    }
    default: {
      push({
        code: 'STP_CONFIG_INVALID_VALUE',
        message: `invalid value for "${lastName(path)}": ${issue.message}`,
        position: at('value'),
        path,
      });
    }
  }
}

function convertUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  scope: IssueScope,
  path: ConfigPath,
  input: unknown,
  push: (d: Omit<Diagnostic, 'severity'>) => void,
  out: Diagnostic[],
): void {
  const discriminated = issue as z.core.$ZodIssueInvalidUnion & {
    discriminator?: string;
    options?: unknown[];
    note?: string;
  };
  if (discriminated.note === 'No matching discriminator' && discriminated.discriminator) {
    // zod reports this at [..., discriminator] with the parent object as input.
    const options = (discriminated.options ?? []).map(String);
    const parent = input;
    const tag =
      typeof parent === 'object' && parent !== null
        ? (parent as Record<string, unknown>)[discriminated.discriminator]
        : undefined;
    const holder = holderName(path.slice(0, -1));
    const expected = `one of: ${options.join(', ')}`;
    if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) {
      const parentPath = path.slice(0, -1);
      push({
        code: 'STP_CONFIG_INVALID_TYPE',
        message: `"${lastName(parentPath)}" must be a mapping with "${discriminated.discriminator}" and "properties", got ${describeValue(parent)}`,
        position: scope.positions.positionOf(parentPath, 'value'),
        path: parentPath,
        expected: `a mapping with ${discriminated.discriminator}: ${expected}`,
      });
      return;
    }
    if (tag === undefined) {
      push({
        code: 'STP_CONFIG_MISSING_PROPERTY',
        message: `missing required property "${discriminated.discriminator}" in ${where(path.slice(0, -1))}`,
        position: scope.positions.positionOf(path, 'key'),
        path,
        expected,
      });
      return;
    }
    const suggestion = typeof tag === 'string' ? suggestValue(tag, options) : undefined;
    push({
      code: 'STP_CONFIG_INVALID_ENUM',
      message:
        typeof tag === 'string'
          ? `unknown ${holder} ${discriminated.discriminator} ${JSON.stringify(tag)}`
          : `the ${holder} ${discriminated.discriminator} must be one of the listed values, got ${describeValue(tag)}`,
      position: scope.positions.positionOf(path, 'value'),
      path,
      expected,
      hint: suggestion ? `did you mean "${suggestion}"?` : undefined,
    });
    return;
  }

  // A plain union (e.g. string | runtime directive). If every branch rejected the value's type
  // outright, say what the union accepts; otherwise report the closest branch's own problems.
  if (input === undefined) {
    const unionSchema = schemaAtPath(scope.schema, scope.data, path.slice(scope.prefix.length));
    push({
      code: 'STP_CONFIG_MISSING_PROPERTY',
      message: `missing required property "${lastName(path)}" in ${where(path.slice(0, -1))}`,
      position: scope.positions.positionOf(path, 'key'),
      path,
      expected: describeSchema(unionSchema),
    });
    return;
  }
  const branches = issue.errors;
  const rejectsType = (branch: readonly z.core.$ZodIssue[]) =>
    branch.length === 1 && branch[0]!.path.length === 0 && (branch[0]!.code === 'invalid_type' || branch[0]!.code === 'custom');
  const relative = path.slice(scope.prefix.length);
  const unionSchema = schemaAtPath(scope.schema, scope.data, relative);
  if (branches.length === 0 || branches.every(rejectsType)) {
    const expected = describeSchema(unionSchema);
    push({
      code: 'STP_CONFIG_INVALID_TYPE',
      message: `"${lastName(path)}" must be ${expected}, got ${describeValue(input)}`,
      position: scope.positions.positionOf(path, 'value'),
      path,
      expected,
    });
    return;
  }
  let bestIndex = -1;
  branches.forEach((branch, index) => {
    if (rejectsType(branch)) return;
    if (bestIndex < 0 || branch.length < branches[bestIndex]!.length) bestIndex = index;
  });
  const best = branches[bestIndex] ?? [];
  const branchSchema = unionSchema ? unionOption(unionSchema, bestIndex) : undefined;
  out.push(
    ...issuesToDiagnostics(best, {
      schema: branchSchema ?? scope.schema,
      data: branchSchema ? input : scope.data,
      prefix: branchSchema ? path : scope.prefix,
      positions: scope.positions,
    }),
  );
}
