import type { CfnValue } from '../compile-contract.js';
import { isCustomResourceType } from '../../../cloudformation/custom-resource-type.js';

/** What `$CfResourceParam` needs to know about a CloudFormation resource type. */
export interface CfnTypeReferenceInfo {
  /** `Fn::GetAtt` attribute names. */
  attributes: readonly string[];
  /** The resource's primary identifier (what `Ref` returns for most types). */
  primaryIdentifier: readonly string[];
}

export type CfnTypeLookup = (cfnType: string) => CfnTypeReferenceInfo | undefined;

export type CfResourceParamResult =
  | { ok: true; value: CfnValue }
  | { ok: false; message: string; valid: string[] };

/**
 * `$CfResourceParam('LogicalId', 'Attr')`: `Fn::GetAtt` when `Attr` is an attribute of the type,
 * `Ref` when it is the primary identifier (`RoleName` of an IAM role). Stacktape configs also write
 * the short form of an identifier that is not a GetAtt attribute, e.g. `('MySnsTopic', 'Arn')` for
 * a topic whose identifier is `TopicArn`; that is a `Ref` too.
 */
export function cfResourceParamToIntrinsic(
  logicalId: string,
  attribute: string,
  cfnType: string,
  lookup: CfnTypeLookup,
): CfResourceParamResult {
  const getAtt = { 'Fn::GetAtt': [logicalId, attribute] };
  // Custom resources return whatever their handler puts in Data; any attribute may exist.
  if (isCustomResourceType(cfnType)) return { ok: true, value: getAtt };
  const info = lookup(cfnType);
  // An unknown type is reported by template validation; GetAtt keeps the user's intent.
  if (!info) return { ok: true, value: getAtt };
  if (info.attributes.includes(attribute)) return { ok: true, value: getAtt };
  const [identifier, ...rest] = info.primaryIdentifier;
  if (identifier !== undefined && rest.length === 0) {
    if (attribute === identifier || (identifier.endsWith(attribute) && /^[A-Z]/.test(attribute))) {
      return { ok: true, value: { Ref: logicalId } };
    }
  }
  const valid = [...info.attributes];
  if (identifier !== undefined && rest.length === 0 && !valid.includes(identifier)) valid.push(identifier);
  return {
    ok: false,
    message: `${cfnType} has no attribute "${attribute}".`,
    valid: valid.sort(),
  };
}
