/**
 * ECS-native canary and linear deployments on the local cloud, driven by CloudFormation stack
 * updates and observed only through the SDK (ECS, ELBv2, CloudFormation, Logs), as a console does.
 * PAUSE hooks before each production step make every observation point deterministic: while a
 * hook awaits action the deployment cannot move.
 */
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServicesCommand, waitUntilServicesStable } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForStackToSettle } from '../cloudformation/cfn-local-cloud.js';
import { awaitingPause, continuePause, createEcsStack, createWithPause, currentDeployment, ruleWeights, STACK, stackStatus, startEcsCloud, until, updateEcsStack, type EcsStack, type EcsStackOptions } from './ecs-stack.js';

const TIME_SCALE = 600;
const okHook = { code: "exports.handler = async (event) => { console.log('HOOK ' + JSON.stringify(event)); return { hookStatus: 'SUCCEEDED' }; };", stages: ['POST_TEST_TRAFFIC_SHIFT'] };

let stack: EcsStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('ECS canary deployments on the local cloud', () => {
  it('a canary update goes 100/0 → 90/10 → 0/100 stage by stage, with a Lambda hook and a PAUSE gate before each production step', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', hook: okHook, pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
    await createWithPause(stack, base);
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');

    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const p1 = await awaitingPause(stack);
    expect(p1.deployment.status).toBe('IN_PROGRESS');
    expect(p1.deployment.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(p1.hookId).toMatch(/^ecs-pause-[A-Za-z0-9_-]{43}$/);
    expect(p1.deployment.sourceServiceRevisions).toHaveLength(1);
    expect(await ruleWeights(stack, 'TestRule')).toBe('0/100');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');
    expect(p1.deployment.targetServiceRevision?.requestedProductionTrafficWeight).toBe(0);
    await continuePause(stack, p1.deployment, p1.hookId);

    // The canary step and its bake happen before the gate of the final step opens.
    const p2 = await awaitingPause(stack, p1.hookId);
    expect(p2.deployment.lifecycleStage).toBe('PRE_PRODUCTION_TRAFFIC_SHIFT');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('90/10');
    expect(p2.deployment.targetServiceRevision?.requestedProductionTrafficWeight).toBe(10);
    expect(p2.deployment.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight).toBe(90);
    await continuePause(stack, p2.deployment, p2.hookId);

    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    const done = await currentDeployment(stack);
    expect(done?.status).toBe('SUCCESSFUL');
    expect(done?.lifecycleStage).toBe('CLEAN_UP');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('0/100');
    const { services } = await stack.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
    expect(services![0]!.deployments).toHaveLength(1);
    expect(services![0]!.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(services![0]!.runningCount).toBe(2);
    expect(services![0]!.events![0]!.message).toBe('(service web) has reached a steady state.');

    // The Lambda hook really ran, with ECS's payload.
    const { events } = await stack.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/shop-web-hook', filterPattern: '"HOOK"' }));
    const payloads = (events ?? []).map((e) => JSON.parse(e.message!.slice(e.message!.indexOf('HOOK ') + 5)) as { lifecycleStage: string; resourceArn: string });
    expect(payloads.map((p) => p.lifecycleStage)).toEqual(['POST_TEST_TRAFFIC_SHIFT', 'POST_TEST_TRAFFIC_SHIFT']);
    expect(payloads[1]!.resourceArn).toBe(done!.serviceDeploymentArn);
  });

  it('a second canary swaps the target groups back: green is whichever group did not serve production', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'CANARY', canaryBakeMinutes: 1 };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('0/100');
    await updateEcsStack(stack, { ...base, image: 'shop:v3' });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');
  });

  it('linear 25 % steps: a gate before each of the four production steps, weights 75/25, 50/50, 25/75, then 0/100', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'LINEAR', stepPercent: 25, stepBakeMinutes: 1, pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
    await createWithPause(stack, base);
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const seen: string[] = [];
    let last: string | undefined;
    for (let step = 0; step < 4; step++) {
      const pause = await awaitingPause(stack, last);
      seen.push(await ruleWeights(stack, 'ProdRule'));
      await continuePause(stack, pause.deployment, pause.hookId);
      last = pause.hookId;
    }
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    seen.push(await ruleWeights(stack, 'ProdRule'));
    expect(seen).toEqual(['100/0', '75/25', '50/50', '25/75', '0/100']);
  });

  it('the services-stable waiter returns only once the deployment cleaned up (one deployment left)', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'BLUE_GREEN', bakeTimeMinutes: 2 };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    await until('the new deployment', async () => ((await currentDeployment(stack!))?.sourceServiceRevisions?.length ? true : undefined));
    const result = await waitUntilServicesStable({ client: stack.ecs, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { cluster: 'shop', services: ['web'] });
    expect(result.state).toBe('SUCCESS');
    const { services } = await stack.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
    expect(services![0]!.deployments).toHaveLength(1);
    expect((await currentDeployment(stack))?.status).toBe('SUCCESSFUL');
  });

  it('stack status stays UPDATE_IN_PROGRESS while a pause awaits the operator', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', pause: { stages: ['POST_TEST_TRAFFIC_SHIFT'] } };
    await createWithPause(stack, base);
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const pause = await awaitingPause(stack);
    expect(pause.deployment.lifecycleStage).toBe('POST_TEST_TRAFFIC_SHIFT');
    expect((await stackStatus(stack)).status).toBe('UPDATE_IN_PROGRESS');
    await continuePause(stack, pause.deployment, pause.hookId);
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
  });
});

