/**
 * The local ECS keeps its services, revisions, deployments and tasks across a restart; a
 * deployment that was running when the local cloud stopped is reported STOPPED, never resumed
 * half-way or left IN_PROGRESS forever.
 */
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, ECSClient } from '@aws-sdk/client-ecs';
import { expect, it } from 'vitest';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { startCfnLocalCloud } from '../cloudformation/cfn-local-cloud.js';
import { awaitingPause, startEcsCloud, updateEcsStack, createWithPause } from './ecs-stack.js';

it('a deployment interrupted by a restart is STOPPED with the reason; the service and its history remain', async () => {
  const first = await startEcsCloud(600);
  const base = { image: 'shop:v1', pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
  await createWithPause(first, base);
  await updateEcsStack(first, { ...base, image: 'shop:v2' });
  const paused = await awaitingPause(first);
  const stateDir = first.local.stateDir;
  first.ecs.destroy();
  first.elbv2.destroy();
  first.logs.destroy();
  await first.local.stop({ keepState: true });

  const again = await startCfnLocalCloud({ timeScale: 600, stateDir });
  const ecs = new ECSClient(clientConfig(again.cloud.endpoint));
  try {
    const { serviceDeployments } = await ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [paused.deployment.serviceDeploymentArn!] }));
    expect(serviceDeployments![0]!.status).toBe('STOPPED');
    expect(serviceDeployments![0]!.statusReason).toBe('The local cloud stopped while this deployment was running.');
    const { services } = await ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
    expect(services![0]!.status).toBe('ACTIVE');
    expect(services![0]!.taskDefinition).toBe('arn:aws:ecs:us-east-1:000000000000:task-definition/shop-web:1');
    expect(again.lines).toContain('ecs: 1 service deployment(s) interrupted by the last shutdown were marked STOPPED');
  } finally {
    ecs.destroy();
    await again.stop();
  }
});
