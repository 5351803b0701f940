import { getResourceType } from '../../../../cloudformation/resource-spec.js';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { RequestInfo } from '../../../core/service.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import { optionalString } from './query-input.js';

/**
 * The registry and account questions a console asks. DescribeType answers public AWS resource
 * types from the resource specification stp ships (the schema is a summary built from it, not
 * AWS's registry document); DescribeAccountLimits answers AWS's documented default quotas.
 */
export function describeType(_runtime: CloudFormationRuntime, input: Record<string, unknown>, request: RequestInfo): Record<string, unknown> {
  const kind = optionalString(input, 'Type') ?? 'RESOURCE';
  const name = optionalString(input, 'TypeName') ?? optionalString(input, 'Arn')?.split('/').slice(-1)[0]?.replace(/-/g, '::');
  const spec = kind === 'RESOURCE' && name ? getResourceType(name) : undefined;
  if (!name || !spec || name.startsWith('Custom::')) {
    // Text unverified: no recorded AWS answer for an unknown public type was found.
    throw new AwsServiceError('TypeNotFoundException', `The type '${name ?? ''}' cannot be found.`, 404);
  }
  const properties = Object.fromEntries(Object.values(spec.properties).map((property) => [property.name, {}]));
  const attributes = Object.fromEntries(spec.attributes.filter((attribute) => !attribute.includes('.')).map((attribute) => [attribute, {}]));
  const schema = {
    typeName: name,
    properties: { ...attributes, ...properties },
    required: Object.values(spec.properties).filter((property) => property.required).map((property) => property.name),
    readOnlyProperties: Object.keys(attributes).map((attribute) => `/properties/${attribute}`),
    primaryIdentifier: spec.refReturns.map((property) => `/properties/${property}`),
    createOnlyProperties: Object.values(spec.properties).filter((property) => property.causesReplacement === 'yes').map((property) => `/properties/${property.name}`),
  };
  return {
    Arn: `arn:aws:cloudformation:${request.region}::type/resource/${name.replace(/::/g, '-')}`,
    Type: 'RESOURCE',
    TypeName: name,
    Schema: JSON.stringify(schema),
    ProvisioningType: 'FULLY_MUTABLE',
    DeprecatedStatus: 'LIVE',
    Visibility: 'PUBLIC',
    IsDefaultVersion: true,
    IsActivated: true,
  };
}

/** AWS's default CloudFormation quotas (documented limits; the local cloud enforces none of them). */
export function describeAccountLimits(): Record<string, unknown> {
  return {
    AccountLimits: [
      { Name: 'StackLimit', Value: 2000 },
      { Name: 'StackOutputsLimit', Value: 200 },
      { Name: 'ConcurrentResourcesLimit', Value: 2500 },
    ],
  };
}
