/**
 * The one network the local cloud has: every region's default VPC, shaped as AWS creates it for a
 * new account (172.31.0.0/16; one default /20 subnet per availability zone a, b and c; the
 * `default` security group allowing all egress and all traffic from itself). Ids are derived from
 * the account and region, so they are stable across restarts without any stored state.
 */
import { createHash } from 'node:crypto';

export interface Ec2Vpc {
  vpcId: string;
  cidrBlock: string;
  dhcpOptionsId: string;
  associationId: string;
}

export interface Ec2Subnet {
  subnetId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
}

export interface Ec2DefaultNetwork {
  region: string;
  accountId: string;
  vpc: Ec2Vpc;
  subnets: Ec2Subnet[];
  securityGroupId: string;
}

const ZONES = ['a', 'b', 'c'] as const;

function hexId(prefix: string, ...parts: string[]): string {
  return `${prefix}-${createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 17)}`;
}

export function defaultNetwork(accountId: string, region: string): Ec2DefaultNetwork {
  const regionCode = region.replace(/-/g, '').replace(/(north|south|east|west|central)/g, (w) => w[0]!).slice(0, 6);
  return {
    region,
    accountId,
    vpc: {
      vpcId: hexId('vpc', accountId, region),
      cidrBlock: '172.31.0.0/16',
      dhcpOptionsId: hexId('dopt', accountId, region),
      associationId: hexId('vpc-cidr-assoc', accountId, region),
    },
    subnets: ZONES.map((zone, index) => ({
      subnetId: hexId('subnet', accountId, region, zone),
      cidrBlock: `172.31.${index * 16}.0/20`,
      availabilityZone: `${region}${zone}`,
      availabilityZoneId: `${regionCode}-az${index + 1}`,
    })),
    securityGroupId: hexId('sg', accountId, region, 'default'),
  };
}
