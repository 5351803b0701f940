import { collectReferences as templateReferences } from '../../../../cloudformation/template-references.js';

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

/**
 * The shared walk (src/cloudformation/template-references.ts) as sets of names. `{ Condition: X }`
 * objects count anywhere, as CloudFormation resolves them in every section. Malformed intrinsics
 * are left to resolution, which rejects them with CloudFormation's texts.
 */
export function collectReferences(value: unknown, into: References = emptyReferences()): References {
  for (const reference of templateReferences(value, [], [], { conditionObjects: true })) {
    if (reference.kind === 'ref') into.refs.add(reference.target);
    else if (reference.kind === 'getatt') into.attributes.add(`${reference.target}.${reference.attribute ?? '*'}`);
    else if (reference.kind === 'condition') into.conditions.add(reference.target);
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
