import { AwsServiceError } from '../../../core/aws-error.js';
import { propertyNames } from '../../../../cloudformation/resource-spec.js';
import { specAttributes } from '../change-set/replacement-spec.js';
import { genericAttribute } from '../provisioning/resource-identities.js';
import { isCustomResourceType } from '../../../../cloudformation/custom-resource-type.js';
import { ResourceFailure } from '../provisioning/provisioner.js';
import type { ResourceRecord } from './stack-model.js';

/**
 * An attribute the record already knows: a provisioned attribute, or — for a name that is also a
 * property of the type (AWS lets Fn::GetAtt read those, e.g. an SNS topic's DisplayName) — the
 * property's resolved value. Undefined when neither says.
 */
export function storedAttribute(record: ResourceRecord, attribute: string): unknown {
  if (Object.hasOwn(record.attributes, attribute)) return record.attributes[attribute];
  if (Object.hasOwn(record.properties, attribute) && propertyNames(record.type).includes(attribute)) return record.properties[attribute];
  return undefined;
}

/** Whether Fn::GetAtt may name `attribute` on `type`: a spec attribute or a top-level property. */
export function isGettable(type: string, attribute: string): boolean {
  // A custom resource's attributes are whatever its handler returns in Data.
  if (isCustomResourceType(type)) return true;
  const known = specAttributes(type);
  return known.size === 0 || known.has(attribute) || propertyNames(type).includes(attribute);
}

/** Fn::GetAtt on a provisioned resource. */
export function lookupAttribute(record: ResourceRecord, attribute: string, ctx: { stackId: string; region: string; accountId: string }): unknown {
  const stored = storedAttribute(record, attribute);
  if (stored !== undefined) return stored;
  if (isCustomResourceType(record.type)) {
    throw new ResourceFailure(
      `CustomResource attribute error: Vendor response doesn't contain ${attribute} key in object ${ctx.stackId}|${record.logicalId}|${record.physicalId}`,
    );
  }
  if (!isGettable(record.type, attribute)) {
    throw new AwsServiceError('ValidationError', `Template error: resource ${record.logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
  return genericAttribute(record.type, attribute, record.physicalId, ctx);
}
