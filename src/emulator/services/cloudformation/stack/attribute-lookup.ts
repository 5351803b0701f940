import { AwsServiceError } from '../../../core/aws-error.js';
import { specAttributes } from '../change-set/replacement-spec.js';
import { genericAttribute } from '../provisioning/resource-identities.js';
import { isCustomResourceType } from '../provisioning/types/custom-resource.js';
import { ResourceFailure } from '../provisioning/provisioner.js';
import type { ResourceRecord } from './stack-model.js';

/** Fn::GetAtt on a provisioned resource. */
export function lookupAttribute(record: ResourceRecord, attribute: string, ctx: { stackId: string; region: string; accountId: string }): unknown {
  if (Object.hasOwn(record.attributes, attribute)) return record.attributes[attribute];
  if (isCustomResourceType(record.type)) {
    throw new ResourceFailure(
      `CustomResource attribute error: Vendor response doesn't contain ${attribute} key in object ${ctx.stackId}|${record.logicalId}|${record.physicalId}`,
    );
  }
  const known = specAttributes(record.type);
  if (known.size > 0 && !known.has(attribute)) {
    throw new AwsServiceError('ValidationError', `Template error: resource ${record.logicalId} does not support attribute type ${attribute} in Fn::GetAtt`);
  }
  return genericAttribute(record.type, attribute, record.physicalId, ctx);
}
