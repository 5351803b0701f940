import type { CfnResource } from './compile-contract.js';
import { getResourceType, type PropertyTypeSpec } from '../../cloudformation/resource-spec.js';

/**
 * Stack tags (`stp:stage`, `stp:service`, plus `stackConfig.tags`) on every taggable resource stp
 * generates. Whether a type is taggable, under which property, and in which shape (a list of
 * `{Key, Value}` or a string map) comes from the CloudFormation resource specification. Tags the
 * compiler already set win over stack tags with the same key.
 */
export type TagShape = 'list' | 'map';

/** Tag lists whose entries also need `PropagateAtLaunch` (Auto Scaling groups). */
function needsPropagateAtLaunch(t: PropertyTypeSpec): boolean {
  return t.kind === 'array' && t.element.kind === 'object' && Object.hasOwn(t.element.properties, 'PropagateAtLaunch');
}

export function tagShape(cfnType: string): { property: string; shape: TagShape; propagateAtLaunch?: boolean } | undefined {
  const spec = getResourceType(cfnType);
  const property = spec?.tagPropertyName;
  if (!spec || property === undefined) return undefined;
  const t: PropertyTypeSpec | undefined = spec.properties[property]?.type;
  if (!t) return undefined;
  if (t.kind === 'array') return needsPropagateAtLaunch(t) ? { property, shape: 'list', propagateAtLaunch: true } : { property, shape: 'list' };
  if (t.kind === 'map' || (t.kind === 'primitive' && t.primitive === 'json')) return { property, shape: 'map' };
  // Object-shaped tag properties (e.g. a nested Tags type) are left alone.
  return undefined;
}

export function applyStackTags(resources: Record<string, CfnResource>, tags: { key: string; value: string }[]): void {
  for (const resource of Object.values(resources)) {
    const info = tagShape(resource.Type);
    if (!info) continue;
    const props = (resource.Properties ??= {});
    const existing = props[info.property];
    if (info.shape === 'list') {
      const list: { Key?: unknown; Value?: unknown; PropagateAtLaunch?: boolean }[] = Array.isArray(existing) ? [...(existing as { Key?: unknown }[])] : [];
      const present = new Set(list.map((t) => t.Key));
      for (const tag of tags) {
        if (present.has(tag.key)) continue;
        list.push(info.propagateAtLaunch ? { Key: tag.key, Value: tag.value, PropagateAtLaunch: true } : { Key: tag.key, Value: tag.value });
      }
      props[info.property] = list;
    } else {
      const map: Record<string, unknown> =
        typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...existing } : {};
      for (const tag of tags) if (!Object.hasOwn(map, tag.key)) map[tag.key] = tag.value;
      props[info.property] = map;
    }
  }
}
