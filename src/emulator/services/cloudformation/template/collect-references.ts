/** What a raw template value refers to: parameters/pseudo parameters or resources (by Ref, GetAtt or Sub). */
export interface References {
  /** `Ref X` and `${X}` — parameter, pseudo parameter or resource names. */
  refs: Set<string>;
  /** `GetAtt X.Y` and `${X.Y}` as "X.Y". */
  attributes: Set<string>;
  /** Condition names used by Fn::If / Condition. */
  conditions: Set<string>;
}

function emptyReferences(): References {
  return { refs: new Set(), attributes: new Set(), conditions: new Set() };
}

function collectSub(template: string, variables: Record<string, unknown>, into: References): void {
  for (const match of template.matchAll(/\$\{([^}!][^}]*)\}/g)) {
    const name = match[1]!.trim();
    if (Object.hasOwn(variables, name)) continue;
    const dot = name.indexOf('.');
    if (dot > 0) into.attributes.add(name);
    else into.refs.add(name);
  }
}

export function collectReferences(value: unknown, into: References = emptyReferences()): References {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return into;
  }
  if (value === null || typeof value !== 'object') return into;
  const record = value as Record<string, unknown>;
  for (const [key, args] of Object.entries(record)) {
    if (key === 'Ref' && typeof args === 'string') into.refs.add(args);
    else if (key === 'Fn::GetAtt') {
      if (typeof args === 'string') into.attributes.add(args);
      else if (Array.isArray(args) && typeof args[0] === 'string') {
        into.attributes.add(typeof args[1] === 'string' ? `${args[0]}.${args[1]}` : `${args[0]}.*`);
        collectReferences(args[1], into);
      }
    } else if (key === 'Fn::Sub') {
      if (typeof args === 'string') collectSub(args, {}, into);
      else if (Array.isArray(args) && typeof args[0] === 'string') {
        const variables = (args[1] ?? {}) as Record<string, unknown>;
        collectSub(args[0], variables, into);
        collectReferences(variables, into);
      }
    } else if (key === 'Fn::If' && Array.isArray(args)) {
      if (typeof args[0] === 'string') into.conditions.add(args[0]);
      collectReferences(args.slice(1), into);
    } else if (key === 'Condition' && typeof args === 'string' && Object.keys(record).length === 1) {
      into.conditions.add(args);
    } else collectReferences(args, into);
  }
  return into;
}

/** Logical IDs of resources a raw value depends on. */
export function referencedResources(value: unknown, resourceIds: ReadonlySet<string>): Set<string> {
  const refs = collectReferences(value);
  const out = new Set<string>();
  for (const ref of refs.refs) if (resourceIds.has(ref)) out.add(ref);
  for (const attr of refs.attributes) {
    const id = attr.slice(0, attr.indexOf('.'));
    if (resourceIds.has(id)) out.add(id);
  }
  return out;
}
