/**
 * The account's default VPC in the client's region and its default subnets (one per availability
 * zone), for resources compiled to join it (`StpVpcId`, `StpSubnetIds`, `StpVpcCidr`).
 */
import { DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';

export interface DefaultVpc {
  vpcId: string;
  cidrBlock: string;
  /** Default-for-AZ subnets, sorted by availability zone. */
  subnetIds: string[];
}

/** Undefined when the region has no default VPC (deleted, or an account created without one). */
export async function findDefaultVpc(ec2: EC2Client): Promise<DefaultVpc | undefined> {
  const vpcs = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
  const vpc = vpcs.Vpcs?.[0];
  if (!vpc?.VpcId) return undefined;
  const subnets = [];
  let token: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeSubnetsCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpc.VpcId] },
          { Name: 'default-for-az', Values: ['true'] },
        ],
        ...(token ? { NextToken: token } : {}),
      }),
    );
    subnets.push(...(page.Subnets ?? []));
    token = page.NextToken;
  } while (token);
  return {
    vpcId: vpc.VpcId,
    cidrBlock: vpc.CidrBlock ?? '172.31.0.0/16',
    subnetIds: subnets
      .sort((a, b) => (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''))
      .map((s) => s.SubnetId!)
      .filter(Boolean),
  };
}
