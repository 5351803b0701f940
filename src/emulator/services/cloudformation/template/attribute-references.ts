import { isGettable } from '../stack/attribute-lookup.js';
import type { Template } from './template-types.js';

/**
 * The first Fn::GetAtt (or `${X.Y}` in Fn::Sub) naming an attribute its resource type does not
 * have. AWS accepts such a template and fails the stack operation before any resource starts,
 * with `[Error] <path>: Resource type <type> does not support attribute {<attribute>}`
 * (recorded: LocalStack engine/test_attributes.snapshot.json test_invalid_getatt_fails).
 */
export interface InvalidAttribute {
  path: string;
  type: string;
  attribute: string;
}

function check(template: Template, logicalId: string, attribute: string, path: string): InvalidAttribute | undefined {
  const type = template.Resources[logicalId]?.Type;
  if (type === undefined || isGettable(type, attribute)) return undefined;
  return { path, type, attribute };
}

function walk(template: Template, value: unknown, path: string): InvalidAttribute | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(template, value[i], `${path}/${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, args] of Object.entries(value as Record<string, unknown>)) {
    const here = `${path}/${key}`;
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : Array.isArray(args) ? args : [];
      if (typeof id === 'string' && typeof attribute === 'string') {
        const found = check(template, id, attribute, here);
        if (found) return found;
      }
      continue;
    }
    if (key === 'Fn::Sub') {
      const text = typeof args === 'string' ? args : Array.isArray(args) && typeof args[0] === 'string' ? args[0] : '';
      for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) {
        const name = match[1]!.trim();
        const dot = name.indexOf('.');
        if (dot <= 0) continue;
        const found = check(template, name.slice(0, dot), name.slice(dot + 1), here);
        if (found) return found;
      }
    }
    const found = walk(template, args, here);
    if (found) return found;
  }
  return undefined;
}

export function invalidAttributeReference(template: Template): InvalidAttribute | undefined {
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    const found = walk(template, resource.Properties ?? {}, `/Resources/${logicalId}/Properties`);
    if (found) return found;
  }
  for (const [key, output] of Object.entries(template.Outputs ?? {})) {
    const found = walk(template, output.Value, `/Outputs/${key}/Value`);
    if (found) return found;
  }
  return undefined;
}

export function invalidAttributeReason(invalid: InvalidAttribute): string {
  return `[Error] ${invalid.path}: Resource type ${invalid.type} does not support attribute {${invalid.attribute}}.`;
}
