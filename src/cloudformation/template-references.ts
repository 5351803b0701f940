/**
 * Finds the references a CloudFormation value makes: `Ref`, `Fn::GetAtt`, the variables of
 * `Fn::Sub`, and condition names (`Fn::If`, `{ Condition }` inside Conditions). The validator
 * checks their targets; the dependency graph is built from them. Shared by compile's template
 * validation and the local cloud's (src/emulator/…/template/collect-references.ts).
 */
export type TemplatePath = (string | number)[];

export type TemplateReference =
  | { kind: 'ref'; target: string; path: TemplatePath; via: 'Ref' | 'Fn::Sub' }
  | { kind: 'getatt'; target: string; attribute: string | undefined; path: TemplatePath; via: 'Fn::GetAtt' | 'Fn::Sub' }
  | { kind: 'condition'; target: string; path: TemplatePath }
  | { kind: 'malformed'; intrinsic: string; path: TemplatePath; message: string };

/** `Ref` and `Fn::*` objects: exactly one key. */
export function intrinsicName(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const key = keys[0]!;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

export function collectReferences(
  value: unknown,
  path: TemplatePath,
  out: TemplateReference[],
  options: { conditionObjects?: boolean } = {},
): TemplateReference[] {
  // One mutable path for the whole walk; copied only when something is recorded (templates are
  // large and mostly literals, so per-node path arrays would dominate the cost).
  walk(value, [...path], out, options.conditionObjects === true);
  return out;
}

function walk(value: unknown, path: TemplatePath, out: TemplateReference[], conditionObjects: boolean): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (item === null || typeof item !== 'object') continue;
      path.push(i);
      walk(item, path, out, conditionObjects);
      path.pop();
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const name = intrinsicName(value);
  if (conditionObjects && name === undefined && typeof record.Condition === 'string' && Object.keys(record).length === 1) {
    out.push({ kind: 'condition', target: record.Condition, path: [...path, 'Condition'] });
    return;
  }
  if (name === undefined) {
    for (const key in record) {
      const child = record[key];
      if (child === null || typeof child !== 'object') continue;
      path.push(key);
      walk(child, path, out, conditionObjects);
      path.pop();
    }
    return;
  }
  const arg = record[name];
  path.push(name);
  intrinsic(name, arg, path, out, conditionObjects);
  path.pop();
}

function intrinsic(name: string, arg: unknown, here: TemplatePath, out: TemplateReference[], conditionObjects: boolean): void {
  const at = () => [...here];
  const child = (value: unknown, key: number) => {
    here.push(key);
    walk(value, here, out, conditionObjects);
    here.pop();
  };
  switch (name) {
    case 'Ref':
      if (typeof arg === 'string') out.push({ kind: 'ref', target: arg, path: at(), via: 'Ref' });
      else out.push({ kind: 'malformed', intrinsic: 'Ref', path: at(), message: 'Ref takes a logical ID or parameter name (a string)' });
      return;
    case 'Fn::GetAtt': {
      const malformed = () =>
        out.push({ kind: 'malformed', intrinsic: name, path: at(), message: 'Fn::GetAtt takes "LogicalId.Attribute" or [LogicalId, Attribute]' });
      if (typeof arg === 'string') {
        const dot = arg.indexOf('.');
        if (dot <= 0 || dot === arg.length - 1) malformed();
        else out.push({ kind: 'getatt', target: arg.slice(0, dot), attribute: arg.slice(dot + 1), path: at(), via: name });
        return;
      }
      if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
        const attribute = typeof arg[1] === 'string' ? arg[1] : undefined;
        out.push({ kind: 'getatt', target: arg[0], attribute, path: at(), via: name });
        if (attribute === undefined) child(arg[1], 1);
        return;
      }
      malformed();
      return;
    }
    case 'Fn::Sub': {
      let text: unknown = arg;
      let local: Record<string, unknown> = {};
      if (Array.isArray(arg)) {
        text = arg[0];
        if (arg[1] !== null && typeof arg[1] === 'object' && !Array.isArray(arg[1])) local = arg[1] as Record<string, unknown>;
        child(arg[1], 1);
      }
      if (typeof text !== 'string') {
        out.push({ kind: 'malformed', intrinsic: name, path: at(), message: 'Fn::Sub takes a string or [string, { variables }]' });
        return;
      }
      for (const variable of subVariables(text)) {
        if (variable in local) continue;
        const dot = variable.indexOf('.');
        if (dot > 0) {
          out.push({ kind: 'getatt', target: variable.slice(0, dot), attribute: variable.slice(dot + 1), path: at(), via: name });
        } else {
          out.push({ kind: 'ref', target: variable, path: at(), via: name });
        }
      }
      return;
    }
    case 'Fn::If':
      if (Array.isArray(arg) && typeof arg[0] === 'string') {
        out.push({ kind: 'condition', target: arg[0], path: [...here, 0] });
        for (let i = 1; i < arg.length; i++) child(arg[i], i);
      } else {
        out.push({ kind: 'malformed', intrinsic: name, path: at(), message: 'Fn::If takes [ConditionName, valueIfTrue, valueIfFalse]' });
      }
      return;
    default:
      walk(arg, here, out, conditionObjects);
      return;
  }
}

/** The `${Name}` / `${Resource.Attribute}` variables of a Sub string; `${!Literal}` is text. */
export function subVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = match[1]!.trim();
    if (inner === '' || inner.startsWith('!')) continue;
    names.push(inner);
  }
  return names;
}
