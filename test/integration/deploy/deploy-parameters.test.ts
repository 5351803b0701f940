/** Deploy parameters against the local cloud's EC2: the default VPC, its subnets and CIDR, only when asked. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import { newDeploymentId, resolveDeployParameters } from '../../../src/engine/deploy/deploy-parameters.js';
import { startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let clients: AwsClients;
beforeAll(async () => {
  local = await startLocalCloud({ services: ['ec2'] });
  clients = createAwsClients({ region: 'eu-west-1', endpoint: local.cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, env: {} });
});
afterAll(async () => {
  clients.destroy();
  await stopLocalCloud(local);
});

const declared = (...names: string[]) => ({ Parameters: Object.fromEntries(names.map((n) => [n, { Type: 'String' }])) });

it('fills the bucket, the deployment id and the default VPC, its three subnets and its CIDR', async () => {
  const values = await resolveDeployParameters(declared('StpAssetsBucket', 'StpDeploymentId', 'StpVpcId', 'StpSubnetIds', 'StpVpcCidr'), {
    bucket: 'stp-assets-000000000000-eu-west-1',
    deploymentId: 'd-1',
    ec2: clients.ec2,
    region: 'eu-west-1',
  });
  expect(values.StpAssetsBucket).toBe('stp-assets-000000000000-eu-west-1');
  expect(values.StpDeploymentId).toBe('d-1');
  expect(values.StpVpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
  expect(values.StpSubnetIds!.split(',')).toHaveLength(3);
  expect(values.StpVpcCidr).toBe('172.31.0.0/16');
});

it('makes no EC2 call for a template that does not join the VPC', async () => {
  const unreachable = createAwsClients({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 't', secretAccessKey: 't' }, env: {}, maxAttempts: 1 });
  const values = await resolveDeployParameters(declared('StpAssetsBucket', 'StpDeploymentId'), { bucket: 'b', deploymentId: 'd', ec2: unreachable.ec2, region: 'eu-west-1' });
  unreachable.destroy();
  expect(values).toEqual({ StpAssetsBucket: 'b', StpDeploymentId: 'd' });
});

it('a fresh deployment id every time, sortable by time', () => {
  const a = newDeploymentId(new Date('2026-01-01T12:00:00.000Z'));
  const b = newDeploymentId(new Date('2026-01-01T12:00:00.000Z'));
  expect(a).not.toBe(b);
  expect(a).toMatch(/^20260101-120000000-[0-9a-f]{6}$/);
});
