/**
 * The local cloud's EC2 answers what a deploy asks (the default VPC, its default subnets, the
 * default security group) in the EC2 query protocol, read by the real EC2 SDK client.
 */
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clientConfig, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let ec2: EC2Client;
beforeAll(async () => {
  local = await startLocalCloud({ services: ['ec2'] });
  ec2 = new EC2Client(clientConfig(local.cloud.endpoint, 'eu-west-1'));
});
afterAll(async () => {
  ec2.destroy();
  await stopLocalCloud(local);
});

it('answers DescribeVpcs isDefault=true with the 172.31.0.0/16 default VPC', async () => {
  const out = await ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'isDefault', Values: ['true'] }] }));
  expect(out.Vpcs).toHaveLength(1);
  const vpc = out.Vpcs![0]!;
  expect(vpc).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', OwnerId: '000000000000', InstanceTenancy: 'default' });
  expect(vpc.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
  expect(vpc.CidrBlockAssociationSet).toEqual([
    { CidrBlock: '172.31.0.0/16', AssociationId: expect.stringMatching(/^vpc-cidr-assoc-/), CidrBlockState: { State: 'associated' } },
  ]);
  // Stable across calls (derived from account and region).
  const again = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpc.VpcId!] }));
  expect(again.Vpcs!.map((v) => v.VpcId)).toEqual([vpc.VpcId]);
});

it('answers DescribeSubnets default-for-az with one /20 per zone a, b, c of the region', async () => {
  const vpcId = (await ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
  const out = await ec2.send(
    new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'default-for-az', Values: ['true'] }] }),
  );
  expect(out.Subnets!.map((s) => [s.AvailabilityZone, s.CidrBlock, s.DefaultForAz, s.MapPublicIpOnLaunch, s.VpcId])).toEqual([
    ['eu-west-1a', '172.31.0.0/20', true, true, vpcId],
    ['eu-west-1b', '172.31.16.0/20', true, true, vpcId],
    ['eu-west-1c', '172.31.32.0/20', true, true, vpcId],
  ]);
  expect(new Set(out.Subnets!.map((s) => s.SubnetId)).size).toBe(3);
  const zoneB = await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'availability-zone', Values: ['*b'] }] }));
  expect(zoneB.Subnets!.map((s) => s.CidrBlock)).toEqual(['172.31.16.0/20']);
});

it('answers DescribeSecurityGroups with the default group (all egress, all traffic from itself)', async () => {
  const out = await ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }));
  const group = out.SecurityGroups![0]!;
  expect(group).toMatchObject({ GroupName: 'default', Description: 'default VPC security group' });
  expect(group.IpPermissionsEgress).toEqual([expect.objectContaining({ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] })]);
  expect(group.IpPermissions![0]!.UserIdGroupPairs).toEqual([{ UserId: '000000000000', GroupId: group.GroupId }]);
});

it('answers unknown ids and filters with EC2 error codes, and unsupported operations with InvalidAction', async () => {
  await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: ['vpc-0000'] }))).rejects.toMatchObject({ name: 'InvalidVpcID.NotFound' });
  await expect(ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'no-such-filter', Values: ['x'] }] }))).rejects.toMatchObject({
    name: 'InvalidParameterValue',
    message: "The filter 'no-such-filter' is invalid",
  });
  await expect(ec2.send(new RunInstancesCommand({ MinCount: 1, MaxCount: 1 }))).rejects.toMatchObject({ name: 'InvalidAction' });
  expect(local.lines).toEqual(['local cloud: unsupported operation ec2 RunInstances']);
});
