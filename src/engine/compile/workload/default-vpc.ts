import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';

export const vpcIdParameter = 'StpVpcId';
export const subnetIdsParameter = 'StpSubnetIds';

/**
 * The VPC and subnets workloads run in. stp does not hard-code IDs or create a VPC: the template
 * takes them as parameters, and the deploy fills them with the account's default VPC and its
 * default (public) subnets (EC2 DescribeVpcs isDefault=true, DescribeSubnets default-for-az=true)
 * unless the operator passes other values. Fargate tasks get a public IP, since default subnets
 * have no NAT gateway; `usePrivateSubnetsWithNAT` is not compiled (diagnostic at its position).
 */
export function defaultVpc(ctx: CompileContext): { vpcId: CfnValue; subnetIds: CfnValue } {
  return ctx.once('default-vpc', () => {
    ctx.addParameter(vpcIdParameter, {
      Type: 'String',
      Description: 'VPC for workloads (stp passes the default VPC of the account and region).',
    });
    ctx.addParameter(subnetIdsParameter, {
      Type: 'CommaDelimitedList',
      Description: 'Subnets for workloads (stp passes the default subnets of the default VPC).',
    });
    return { vpcId: { Ref: vpcIdParameter }, subnetIds: { Ref: subnetIdsParameter } };
  });
}
