/**
 * The Lambda lifecycle-hook contract on the local ECS: IN_PROGRESS re-invokes after callBackDelay
 * with the hookDetails it returned merged in; on rollback the PRODUCTION_TRAFFIC_SHIFT hook runs
 * again with the weights reversed (green 0 %); fault rules fail hooks, crash containers and fail
 * health checks without changing the template.
 */
import { CreateStackCommand, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServiceDeploymentsCommand, DescribeTasksCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { startCfnLocalCloud, waitForStackToSettle } from '../cloudformation/cfn-local-cloud.js';
import {
  awaitingPause,
  continuePause,
  createEcsStack,
  createWithPause,
  deploymentsOf,
  ecsTemplate,
  STACK,
  startEcsCloud,
  updateEcsStack,
  type EcsStack,
  type EcsStackOptions,
} from './ecs-stack.js';

const TIME_SCALE = 600;
let stack: EcsStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

interface Invocation {
  lifecycleStage: string;
  hookDetails?: Record<string, unknown>;
  executionDetails: { targetServiceRevisionArn: string; productionTrafficWeights: Record<string, number>; testTrafficWeights: Record<string, number> };
}

async function invocations(s: EcsStack): Promise<Invocation[]> {
  const { events } = await s.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/shop-web-hook', filterPattern: '"HOOK"' }));
  return (events ?? []).map((e) => JSON.parse(e.message!.slice(e.message!.indexOf('HOOK ') + 5)) as Invocation);
}

describe('ECS lifecycle hooks on the local cloud', () => {
  it('IN_PROGRESS: re-invoked after callBackDelay with the returned hookDetails merged in, until SUCCEEDED', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const code = `exports.handler = async (event) => {
      console.log('HOOK ' + JSON.stringify(event));
      const round = (event.hookDetails && event.hookDetails.round) || 0;
      if (round < 2) return { hookStatus: 'IN_PROGRESS', callBackDelay: 60, hookDetails: { round: round + 1 } };
      return { hookStatus: 'SUCCEEDED' };
    };`;
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'BLUE_GREEN', hook: { code, stages: ['POST_SCALE_UP'] } };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    const seen = await invocations(stack);
    expect(seen.map((i) => [i.lifecycleStage, i.hookDetails?.round])).toEqual([
      ['POST_SCALE_UP', undefined],
      ['POST_SCALE_UP', 1],
      ['POST_SCALE_UP', 2],
    ]);
  });

  it('on rollback the PRODUCTION_TRAFFIC_SHIFT hook runs again with the weights reversed', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const code = "exports.handler = async (event) => { console.log('HOOK ' + JSON.stringify(event)); return { hookStatus: 'SUCCEEDED' }; };";
    const base: EcsStackOptions = {
      image: 'shop:v1',
      hook: { code, stages: ['PRODUCTION_TRAFFIC_SHIFT'] },
      pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] },
    };
    await createWithPause(stack, base);
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const p1 = await awaitingPause(stack);
    await continuePause(stack, p1.deployment, p1.hookId);
    const p2 = await awaitingPause(stack, p1.hookId);
    await continuePause(stack, p2.deployment, p2.hookId, 'ROLLBACK');
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const update = (await invocations(stack)).filter((i) => i.executionDetails.targetServiceRevisionArn === p2.deployment.targetServiceRevision!.arn);
    const green = (i: Invocation) => i.executionDetails.productionTrafficWeights[i.executionDetails.targetServiceRevisionArn];
    // The canary step (10 %), then the rollback's re-invocation with green at 0 % and blue at 100 %.
    expect(update.map((i) => [i.lifecycleStage, green(i)])).toEqual([
      ['PRODUCTION_TRAFFIC_SHIFT', 10],
      ['PRODUCTION_TRAFFIC_SHIFT', 0],
    ]);
    expect(Object.values(update[1]!.executionDetails.productionTrafficWeights).sort()).toEqual([0, 100]);
  });

  it('the fail-hook fault rule fails a hook without invoking it; the deployment rolls back', async () => {
    const ok = { code: "exports.handler = async () => ({ hookStatus: 'SUCCEEDED' });", stages: ['POST_TEST_TRAFFIC_SHIFT'] };
    // With the rule, the very first deployment fails at that stage.
    const local = await startCfnLocalCloud({ timeScale: TIME_SCALE, faults: { rules: [{ type: 'fail-hook', ecsService: 'web', stage: 'POST_TEST_TRAFFIC_SHIFT' }] } });
    try {
      await local.cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ image: 'shop:v1', hook: ok }), Capabilities: ['CAPABILITY_IAM'] }));
      expect(await waitForStackToSettle(local.cfn, STACK, 60_000)).toBe('ROLLBACK_COMPLETE');
      const { StackEvents } = await local.cfn.send(new DescribeStackEventsCommand({ StackName: STACK }));
      expect(StackEvents!.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toContain('hook execution failure(s) detected (fault rule fail-hook at POST_TEST_TRAFFIC_SHIFT)');
    } finally {
      await local.stop();
    }
  });

  it('a container failing its health check (crash-container fault, health) stops with the health-check reason', async () => {
    const local = await startCfnLocalCloud({ timeScale: TIME_SCALE, faults: { rules: [{ type: 'crash-container', ecsService: 'web', container: 'app', health: true, times: 3 }] } });
    const ecs = new ECSClient(clientConfig(local.cloud.endpoint));
    try {
      // Rolling with the breaker on: three failed tasks trip it; the first deployment has nothing to roll back to.
      // OnFailure DO_NOTHING keeps the cluster so its stopped tasks can be read.
      await local.cfn.send(
        new CreateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ image: 'shop:v1', strategy: 'ROLLING', circuitBreaker: true, desiredCount: 3 }), Capabilities: ['CAPABILITY_IAM'], OnFailure: 'DO_NOTHING' }),
      );
      expect(await waitForStackToSettle(local.cfn, STACK, 60_000)).toBe('CREATE_FAILED');
      const { taskArns } = await ecs.send(new ListTasksCommand({ cluster: 'shop', desiredStatus: 'STOPPED' }));
      const { tasks } = await ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns! }));
      const unhealthy = tasks!.filter((t) => t.stoppedReason === 'Task failed container health checks');
      expect(unhealthy).toHaveLength(3);
      expect(unhealthy[0]!.containers![0]!.healthStatus).toBe('UNHEALTHY');
    } finally {
      ecs.destroy();
      await local.stop();
    }
  });

  it('deployments are listed newest first and each can be described', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'BLUE_GREEN', bakeTimeMinutes: 0 };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    const listed = await deploymentsOf(stack);
    expect(listed.map((d) => d.status)).toEqual(['SUCCESSFUL', 'SUCCESSFUL']);
    expect(listed[0]!.createdAt!.getTime()).toBeGreaterThanOrEqual(listed[1]!.createdAt!.getTime());
    const { serviceDeployments } = await stack.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: listed.map((d) => d.serviceDeploymentArn!) }));
    expect(serviceDeployments![0]!.sourceServiceRevisions![0]!.arn).toBe(serviceDeployments![1]!.targetServiceRevision!.arn);
  });
});
