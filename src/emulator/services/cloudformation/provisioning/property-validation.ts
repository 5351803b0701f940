import { getResourceType } from '../../../../cloudformation/resource-spec.js';
import { isCustomResourceType } from '../../../../cloudformation/custom-resource-type.js';

/**
 * The property check a resource handler makes before it creates or updates anything, for every
 * type the resource specification knows (provisioned or only recorded). A missing required
 * property is AWS's recorded text (LocalStack test_template_engine.py test_invalid_stack_deploy:
 * "Property validation failure: [The property {/Type} is required]"); the unsupported-property
 * text follows the same format and is unverified.
 */
export function propertyValidationFailure(type: string, properties: Record<string, unknown>): string | undefined {
  if (isCustomResourceType(type)) return undefined;
  const spec = getResourceType(type);
  if (!spec) return undefined;
  const problems: string[] = [];
  for (const property of Object.values(spec.properties)) {
    if (property.required && properties[property.name] === undefined) problems.push(`The property {/${property.name}} is required`);
  }
  const unsupported = Object.keys(properties).filter((name) => !Object.hasOwn(spec.properties, name));
  if (unsupported.length > 0) problems.push(`Encountered unsupported properties in {/}: [${unsupported.join(', ')}]`);
  return problems.length > 0 ? `Property validation failure: [${problems.join(', ')}]` : undefined;
}
