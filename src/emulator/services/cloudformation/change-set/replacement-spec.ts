import {
  attributeNames,
  causesReplacement as specCausesReplacement,
} from '../../../../cloudformation/resource-spec.js';
import { changedPaths } from './changed-paths.js';

/**
 * Which property changes force a replacement, from the CloudFormation resource specification
 * (the shared loader in src/cloudformation/resource-spec.ts over @aws-cdk/aws-service-spec).
 */
export type ReplacementEffect = 'yes' | 'maybe' | 'no';

export function causesReplacement(type: string, propertyPath: readonly string[]): ReplacementEffect {
  if (propertyPath.length === 0) return 'no';
  return specCausesReplacement(type, propertyPath);
}

const SEVERITY: Record<ReplacementEffect, number> = { no: 0, maybe: 1, yes: 2 };

/** The most severe effect of changing property `name` from `before` to `after` (checked path by path). */
export function replacementEffect(type: string, name: string, before: unknown, after: unknown): ReplacementEffect {
  let worst = causesReplacement(type, [name]);
  if (worst === 'yes') return worst;
  for (const path of changedPaths(before, after)) {
    if (path.length === 0) continue;
    const effect = specCausesReplacement(type, [name, ...path]);
    if (SEVERITY[effect] > SEVERITY[worst]) worst = effect;
    if (worst === 'yes') break;
  }
  return worst;
}

/** Attribute names the spec lists for a type (empty for unknown types). */
export function specAttributes(type: string): ReadonlySet<string> {
  return new Set(attributeNames(type));
}
