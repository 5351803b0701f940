import { getResourceType } from '../../../../cloudformation/resource-spec.js';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { Template } from './template-types.js';

/**
 * The template checks CloudFormation makes before it creates a change set, with its texts
 * (recorded: LocalStack api/test_validations.snapshot.json), in this order: null values anywhere,
 * unknown keys in a resource, Outputs without a Value, resource types it does not know.
 */
const RESOURCE_KEYS = new Set(['Type', 'Properties', 'DependsOn', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'Metadata', 'CreationPolicy', 'UpdatePolicy', 'Version']);

/** Types AWS accepts that are not in the resource specification. */
const UNLISTED_TYPES = new Set(['AWS::CDK::Metadata']);

function firstNull(value: unknown, path: string): string | undefined {
  if (value === null) return path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNull(value[i], `${path}/${i}`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== undefined) {
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const found = firstNull(inner, `${path}/${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

export function isKnownResourceType(type: string): boolean {
  return type.startsWith('Custom::') || UNLISTED_TYPES.has(type) || getResourceType(type) !== undefined;
}

export function validateStructure(template: Template): void {
  const nullAt = firstNull(template, '');
  if (nullAt) throw new AwsServiceError('ValidationError', `[${nullAt}] 'null' values are not allowed in templates`);
  for (const resource of Object.values(template.Resources)) {
    const unknown = Object.keys(resource).find((key) => !RESOURCE_KEYS.has(key));
    if (unknown) throw new AwsServiceError('ValidationError', `Invalid template resource property '${unknown}'`);
  }
  for (const output of Object.values(template.Outputs ?? {})) {
    if (output === null || typeof output !== 'object' || !('Value' in output)) {
      throw new AwsServiceError('ValidationError', 'Template format error: Every Outputs member must contain a Value object');
    }
  }
  // Text unverified (no recorded AWS answer found); it is the message AWS users commonly report.
  const unknownTypes = [...new Set(Object.values(template.Resources).map((resource) => resource.Type))].filter((type) => !isKnownResourceType(type));
  if (unknownTypes.length > 0) throw new AwsServiceError('ValidationError', `Template format error: Unrecognized resource types: [${unknownTypes.join(', ')}]`);
}
