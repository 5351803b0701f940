/**
 * EC2, just what a deploy asks: the default VPC, its subnets and security groups
 * (DescribeVpcs, DescribeSubnets, DescribeSecurityGroups), with the filters and id lists stp and
 * common tools use. Nothing is created; see default-vpc.ts for the network every region has.
 * Results are encoded by the EC2 query protocol (protocols/ec2-query.ts): lists become `<item>`s.
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { EmulatorContext, EmulatorService } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import { defaultNetwork, type Ec2DefaultNetwork } from './default-vpc.js';

type Filter = { name: string; values: string[] };

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === '' ? [] : [value];
}

function filtersOf(input: Record<string, unknown>): Filter[] {
  return listOf(input.Filter).map((raw) => {
    const filter = raw as { Name?: string; Value?: unknown };
    return { name: String(filter.Name ?? ''), values: listOf(filter.Value).map(String) };
  });
}

/** A record matches when every filter has a value among the record's values for that name. */
function matches(filters: Filter[], attributes: Record<string, string[]>): boolean {
  return filters.every((filter) => {
    const actual = attributes[filter.name];
    if (actual === undefined) {
      throw new AwsServiceError('InvalidParameterValue', `The filter '${filter.name}' is invalid`, 400);
    }
    return filter.values.some((wanted) => actual.some((value) => globMatch(wanted, value)));
  });
}

/** EC2 filter values accept `*` and `?` wildcards. */
function globMatch(pattern: string, value: string): boolean {
  if (!/[*?]/.test(pattern)) return pattern === value;
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  return regex.test(value);
}

function requireKnownIds(requested: string[], known: string[], code: string, noun: string): void {
  const unknown = requested.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new AwsServiceError(code, `The ${noun} '${unknown.join(', ')}' does not exist`, 400);
}

function describeVpcs(net: Ec2DefaultNetwork, input: Record<string, unknown>) {
  const { vpc } = net;
  requireKnownIds(listOf(input.VpcId).map(String), [vpc.vpcId], 'InvalidVpcID.NotFound', 'vpc ID');
  const attributes = {
    'vpc-id': [vpc.vpcId],
    isDefault: ['true'],
    'is-default': ['true'],
    'cidr-block': [vpc.cidrBlock],
    cidr: [vpc.cidrBlock],
    state: ['available'],
    'owner-id': [net.accountId],
    'dhcp-options-id': [vpc.dhcpOptionsId],
  };
  const vpcs = matches(filtersOf(input), attributes)
    ? [
        {
          vpcId: vpc.vpcId,
          ownerId: net.accountId,
          state: 'available',
          cidrBlock: vpc.cidrBlock,
          cidrBlockAssociationSet: [{ cidrBlock: vpc.cidrBlock, associationId: vpc.associationId, cidrBlockState: { state: 'associated' } }],
          ipv6CidrBlockAssociationSet: [],
          dhcpOptionsId: vpc.dhcpOptionsId,
          instanceTenancy: 'default',
          isDefault: true,
          blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
        },
      ]
    : [];
  return { vpcSet: vpcs };
}

function describeSubnets(net: Ec2DefaultNetwork, input: Record<string, unknown>) {
  requireKnownIds(
    listOf(input.SubnetId).map(String),
    net.subnets.map((s) => s.subnetId),
    'InvalidSubnetID.NotFound',
    'subnet ID',
  );
  const ids = listOf(input.SubnetId).map(String);
  const filters = filtersOf(input);
  const subnets = net.subnets
    .filter((subnet) => ids.length === 0 || ids.includes(subnet.subnetId))
    .filter((subnet) =>
      matches(
        filters,
        {
          'subnet-id': [subnet.subnetId],
          'vpc-id': [net.vpc.vpcId],
          'default-for-az': ['true'],
          defaultForAz: ['true'],
          'availability-zone': [subnet.availabilityZone],
          availabilityZone: [subnet.availabilityZone],
          'availability-zone-id': [subnet.availabilityZoneId],
          'cidr-block': [subnet.cidrBlock],
          cidrBlock: [subnet.cidrBlock],
          cidr: [subnet.cidrBlock],
          state: ['available'],
          'owner-id': [net.accountId],
          'map-public-ip-on-launch': ['true'],
        }
      ),
    )
    .map((subnet) => ({
      subnetId: subnet.subnetId,
      subnetArn: `arn:aws:ec2:${net.region}:${net.accountId}:subnet/${subnet.subnetId}`,
      state: 'available',
      ownerId: net.accountId,
      vpcId: net.vpc.vpcId,
      cidrBlock: subnet.cidrBlock,
      ipv6CidrBlockAssociationSet: [],
      availableIpAddressCount: 4091,
      availabilityZone: subnet.availabilityZone,
      availabilityZoneId: subnet.availabilityZoneId,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      assignIpv6AddressOnCreation: false,
      mapCustomerOwnedIpOnLaunch: false,
      enableDns64: false,
      ipv6Native: false,
      privateDnsNameOptionsOnLaunch: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    }));
  return { subnetSet: subnets };
}

function describeSecurityGroups(net: Ec2DefaultNetwork, input: Record<string, unknown>) {
  const id = net.securityGroupId;
  requireKnownIds(listOf(input.GroupId).map(String), [id], 'InvalidGroup.NotFound', 'security group');
  const names = listOf(input.GroupName).map(String);
  if (names.some((name) => name !== 'default')) {
    throw new AwsServiceError('InvalidGroup.NotFound', `The security group '${names.find((n) => n !== 'default')}' does not exist in default VPC '${net.vpc.vpcId}'`, 400);
  }
  const attributes = {
    'group-id': [id],
    'group-name': ['default'],
    'vpc-id': [net.vpc.vpcId],
    'owner-id': [net.accountId],
    description: ['default VPC security group'],
  };
  const groups = matches(filtersOf(input), attributes)
    ? [
        {
          ownerId: net.accountId,
          groupId: id,
          groupName: 'default',
          groupDescription: 'default VPC security group',
          vpcId: net.vpc.vpcId,
          securityGroupArn: `arn:aws:ec2:${net.region}:${net.accountId}:security-group/${id}`,
          ipPermissions: [{ ipProtocol: '-1', groups: [{ userId: net.accountId, groupId: id }], ipRanges: [], ipv6Ranges: [], prefixListIds: [] }],
          ipPermissionsEgress: [{ ipProtocol: '-1', groups: [], ipRanges: [{ cidrIp: '0.0.0.0/0' }], ipv6Ranges: [], prefixListIds: [] }],
        },
      ]
    : [];
  return { securityGroupInfo: groups };
}

export function createEc2Service(ctx: EmulatorContext): EmulatorService {
  return {
    signingName: 'ec2',
    async handle(operation, input, request) {
      const net = defaultNetwork(ctx.accountId, request.region);
      switch (operation) {
        case 'DescribeVpcs':
          return describeVpcs(net, input);
        case 'DescribeSubnets':
          return describeSubnets(net, input);
        case 'DescribeSecurityGroups':
          return describeSecurityGroups(net, input);
        default:
          throw new UnsupportedOperationError('ec2', operation);
      }
    },
  };
}
