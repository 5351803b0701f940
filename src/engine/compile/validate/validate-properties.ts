/**
 * Checks a resource's `Properties` against the resource specification: names (with a
 * did-you-mean), required properties, and the shape of nested values (object vs list vs scalar),
 * as deep as the spec describes them. Values computed by intrinsics are not checked: they are
 * only known at deploy time. Scalars are not type-checked, because CloudFormation itself coerces
 * between strings, numbers and booleans.
 */
import type { PropertySpec, PropertyTypeSpec } from '../../../cloudformation/resource-spec.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { didYouMean } from '../../diagnostics/did-you-mean.js';
import { intrinsicName, type TemplatePath } from '../../../cloudformation/template-references.js';

export function validateProperties(
  value: Record<string, unknown>,
  properties: Readonly<Record<string, PropertySpec>>,
  owner: string,
  path: TemplatePath,
  out: Diagnostic[],
): void {
  checkObject(value, properties, owner, [...path], out);
}

/** `path` is mutated (push/pop) during the walk and copied only into diagnostics. */
function checkObject(
  value: Record<string, unknown>,
  properties: Readonly<Record<string, PropertySpec>>,
  owner: string,
  path: TemplatePath,
  out: Diagnostic[],
): void {
  for (const key in value) {
    const spec = properties[key];
    if (!spec) {
      const suggestion = didYouMean(key, Object.keys(properties));
      out.push({
        code: 'STP_TEMPLATE_UNKNOWN_PROPERTY',
        severity: 'error',
        message: `${owner} has no property "${key}".`,
        path: [...path, key],
        expected: `one of: ${Object.keys(properties).join(', ')}`,
        ...(suggestion ? { hint: `did you mean "${suggestion}"?` } : {}),
      });
      continue;
    }
    const child = value[key];
    // Scalars against scalar types (the common case) need no walk.
    if ((child === null || typeof child !== 'object') && spec.type.kind === 'primitive') continue;
    path.push(key);
    checkValue(child, spec.type, `${owner}.${key}`, path, out);
    path.pop();
  }
  for (const name in properties) {
    const spec = properties[name]!;
    if (spec.required && !(name in value)) {
      out.push({
        code: 'STP_TEMPLATE_MISSING_REQUIRED_PROPERTY',
        severity: 'error',
        message: `${owner} requires the property "${name}".`,
        path: [...path],
      });
    }
  }
}

type Shape = 'object' | 'list' | 'scalar';

function shapeOf(value: unknown): Shape {
  if (Array.isArray(value)) return 'list';
  if (value !== null && typeof value === 'object') return 'object';
  return 'scalar';
}

function expectedShape(type: PropertyTypeSpec): Shape | undefined {
  switch (type.kind) {
    case 'object':
    case 'map':
    case 'tag':
      return 'object';
    case 'array':
      return 'list';
    case 'primitive':
      return type.primitive === 'json' ? undefined : 'scalar';
    case 'union':
      return undefined;
  }
}

const SHAPE_WORDS: Record<Shape, string> = { object: 'an object', list: 'a list', scalar: 'a single value' };

export function validateValue(value: unknown, type: PropertyTypeSpec, owner: string, path: TemplatePath, out: Diagnostic[]): void {
  checkValue(value, type, owner, [...path], out);
}

function checkValue(value: unknown, type: PropertyTypeSpec, owner: string, path: TemplatePath, out: Diagnostic[]): void {
  if (intrinsicName(value) !== undefined) return;
  let effective = type;
  if (type.kind === 'union') {
    // Validate against the first member whose shape fits; no member fitting is a shape error.
    const shape = shapeOf(value);
    const member = type.types.find((t) => expectedShape(t) === shape || expectedShape(t) === undefined);
    if (!member) {
      const words = [...new Set(type.types.map((t) => expectedShape(t)).filter((s): s is Shape => s !== undefined))];
      out.push(shapeMismatch(owner, path, words.map((w) => SHAPE_WORDS[w]).join(' or '), shape));
      return;
    }
    effective = member;
  }
  const expected = expectedShape(effective);
  const actual = shapeOf(value);
  if (expected !== undefined && expected !== actual) {
    out.push(shapeMismatch(owner, path, SHAPE_WORDS[expected], actual));
    return;
  }
  switch (effective.kind) {
    case 'object':
      checkObject(value as Record<string, unknown>, effective.properties, owner, path, out);
      return;
    case 'array': {
      const items = value as unknown[];
      for (let i = 0; i < items.length; i++) {
        path.push(i);
        checkValue(items[i], effective.element, owner, path, out);
        path.pop();
      }
      return;
    }
    case 'map': {
      const entries = value as Record<string, unknown>;
      for (const key in entries) {
        path.push(key);
        checkValue(entries[key], effective.element, owner, path, out);
        path.pop();
      }
      return;
    }
    default:
      return;
  }
}

function shapeMismatch(owner: string, path: TemplatePath, expected: string, actual: Shape): Diagnostic {
  return {
    code: 'STP_TEMPLATE_INVALID_PROPERTY_VALUE',
    severity: 'error',
    message: `${owner} must be ${expected}, not ${SHAPE_WORDS[actual]}.`,
    path: [...path],
    expected,
  };
}
