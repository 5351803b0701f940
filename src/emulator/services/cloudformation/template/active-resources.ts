import { AwsServiceError } from '../../../core/aws-error.js';
import type { Template } from './template-types.js';

/** Resources whose Condition holds (or that have none). */
export function activeResources(template: Template, conditions: ReadonlyMap<string, boolean>): Set<string> {
  const active = new Set<string>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Condition === undefined) {
      active.add(logicalId);
      continue;
    }
    const holds = conditions.get(resource.Condition);
    if (holds === undefined) {
      throw new AwsServiceError('ValidationError', `Template format error: Unresolved dependencies [${resource.Condition}]. Cannot reference resources in the Conditions block of the template`);
    }
    if (holds) active.add(logicalId);
  }
  return active;
}
