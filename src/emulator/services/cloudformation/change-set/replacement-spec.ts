import {
  attributeNames,
  causesReplacement as specCausesReplacement,
  getResourceType,
} from '../../../../aws/cloudformation/resource-spec.js';

/**
 * Which property changes force a replacement, from the CloudFormation resource specification
 * (the shared loader in src/aws/cloudformation/resource-spec.ts over @aws-cdk/aws-service-spec).
 */
export type ReplacementEffect = 'yes' | 'maybe' | 'no';

export function causesReplacement(type: string, propertyPath: readonly string[]): ReplacementEffect {
  if (propertyPath.length === 0) return 'no';
  return specCausesReplacement(type, propertyPath);
}

export function isKnownResourceType(type: string): boolean {
  return getResourceType(type) !== undefined;
}

/** Attribute names the spec lists for a type (empty for unknown types). */
export function specAttributes(type: string): ReadonlySet<string> {
  return new Set(attributeNames(type));
}
