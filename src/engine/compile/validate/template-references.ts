/**
 * Finds the references a CloudFormation value makes: `Ref`, `Fn::GetAtt`, the variables of
 * `Fn::Sub`, and condition names (`Fn::If`, `{ Condition }` inside Conditions). The validator
 * checks their targets; the dependency graph is built from them.
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
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectReferences(item, [...path, i], out, options));
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const record = value as Record<string, unknown>;
  const name = intrinsicName(value);
  if (options.conditionObjects && Object.keys(record).length === 1 && typeof record.Condition === 'string') {
    out.push({ kind: 'condition', target: record.Condition, path: [...path, 'Condition'] });
    return out;
  }
  if (name === undefined) {
    for (const [key, child] of Object.entries(record)) collectReferences(child, [...path, key], out, options);
    return out;
  }
  const arg = record[name];
  const here = [...path, name];
  switch (name) {
    case 'Ref':
      if (typeof arg === 'string') out.push({ kind: 'ref', target: arg, path: here, via: 'Ref' });
      else out.push({ kind: 'malformed', intrinsic: 'Ref', path: here, message: 'Ref takes a logical ID or parameter name (a string)' });
      return out;
    case 'Fn::GetAtt': {
      if (typeof arg === 'string') {
        const dot = arg.indexOf('.');
        if (dot <= 0 || dot === arg.length - 1) {
          out.push({ kind: 'malformed', intrinsic: name, path: here, message: 'Fn::GetAtt takes "LogicalId.Attribute" or [LogicalId, Attribute]' });
        } else {
          out.push({ kind: 'getatt', target: arg.slice(0, dot), attribute: arg.slice(dot + 1), path: here, via: name });
        }
        return out;
      }
      if (Array.isArray(arg) && arg.length === 2 && typeof arg[0] === 'string') {
        const attribute = typeof arg[1] === 'string' ? arg[1] : undefined;
        out.push({ kind: 'getatt', target: arg[0], attribute, path: here, via: name });
        if (attribute === undefined) collectReferences(arg[1], [...here, 1], out, options);
        return out;
      }
      out.push({ kind: 'malformed', intrinsic: name, path: here, message: 'Fn::GetAtt takes "LogicalId.Attribute" or [LogicalId, Attribute]' });
      return out;
    }
    case 'Fn::Sub': {
      let text: unknown = arg;
      let local: Record<string, unknown> = {};
      if (Array.isArray(arg)) {
        text = arg[0];
        if (arg[1] !== null && typeof arg[1] === 'object' && !Array.isArray(arg[1])) local = arg[1] as Record<string, unknown>;
        collectReferences(arg[1], [...here, 1], out, options);
      }
      if (typeof text !== 'string') {
        out.push({ kind: 'malformed', intrinsic: name, path: here, message: 'Fn::Sub takes a string or [string, { variables }]' });
        return out;
      }
      for (const variable of subVariables(text)) {
        if (variable in local) continue;
        const dot = variable.indexOf('.');
        if (dot > 0) {
          out.push({ kind: 'getatt', target: variable.slice(0, dot), attribute: variable.slice(dot + 1), path: here, via: name });
        } else {
          out.push({ kind: 'ref', target: variable, path: here, via: name });
        }
      }
      return out;
    }
    case 'Fn::If':
      if (Array.isArray(arg) && typeof arg[0] === 'string') {
        out.push({ kind: 'condition', target: arg[0], path: [...here, 0] });
        arg.slice(1).forEach((branch, i) => collectReferences(branch, [...here, i + 1], out, options));
      } else {
        out.push({ kind: 'malformed', intrinsic: name, path: here, message: 'Fn::If takes [ConditionName, valueIfTrue, valueIfFalse]' });
      }
      return out;
    default:
      collectReferences(arg, here, out, options);
      return out;
  }
}

/** The `${Name}` / `${Resource.Attribute}` variables of a Sub string; `${!Literal}` is text. */
export function subVariables(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/\$\{([^}]*)\}/g)) {
    const inner = match[1]!.trim();
    // `${stp:asset:…}` are the packager's placeholders, replaced before deploy.
    if (inner === '' || inner.startsWith('!') || inner.startsWith('stp:')) continue;
    names.push(inner);
  }
  return names;
}
