import { assetBucketParameter } from './compile-contract.js';

/**
 * Template parameters every stp stack has. The deploy passes both:
 * - `StpAssetsBucket`: the bucket the packager uploaded assets to;
 * - `StpDeploymentId`: a fresh value on every deploy (e.g. a timestamp or UUID), so after:deploy
 *   scripts run on every deploy while the compiled template itself stays deterministic.
 */
export const deploymentIdParameter = 'StpDeploymentId';

export const stackParameters: Record<string, Record<string, unknown>> = {
  [assetBucketParameter]: {
    Type: 'String',
    Description: 'S3 bucket holding the packaged code of this stack (set by stp at deploy).',
  },
  [deploymentIdParameter]: {
    Type: 'String',
    Default: 'none',
    Description: 'A fresh value on every deploy, so after:deploy scripts run on every deploy.',
  },
};

/** What the deploy must supply for each stp parameter a compiled template declares. */
export type DeployParameterSource =
  /** The deployment bucket the packager uploaded to (`applyAssetLocations` fills it). */
  | 'assets-bucket'
  /** A fresh value per deploy (e.g. `Date.now().toString(36)` or a UUID). */
  | 'deployment-id'
  /** The default VPC of the account and region (EC2 DescribeVpcs, filter isDefault=true). */
  | 'default-vpc-id'
  /** Its default subnets, comma-separated (EC2 DescribeSubnets, filter default-for-az=true). */
  | 'default-subnet-ids'
  /** The CIDR of that VPC (has a default: 172.31.0.0/16, the default VPC's). */
  | 'vpc-cidr';

const parameterSources: Record<string, DeployParameterSource> = {
  StpAssetsBucket: 'assets-bucket',
  [deploymentIdParameter]: 'deployment-id',
  StpVpcId: 'default-vpc-id',
  StpSubnetIds: 'default-subnet-ids',
  StpVpcCidr: 'vpc-cidr',
};

/**
 * The parameters of a compiled template the deploy has to fill, and from where. The CLI calls this
 * after compile: a template without `StpVpcId` needs no VPC lookup at all.
 */
export function deployParameters(template: { Parameters?: Record<string, unknown> }): { name: string; source: DeployParameterSource }[] {
  return Object.keys(template.Parameters ?? {})
    .filter((name) => Object.hasOwn(parameterSources, name))
    .sort()
    .map((name) => ({ name, source: parameterSources[name]! }));
}
