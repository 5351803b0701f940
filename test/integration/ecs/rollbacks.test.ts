/**
 * Every way an ECS deployment rolls back on the local cloud — a Lambda hook answering FAILED, the
 * operator's ROLLBACK on a PAUSE hook, a PAUSE timeout, StopServiceDeployment during the bake, a
 * crashing container tripping the circuit breaker — and what CloudFormation makes of it: the
 * service update fails with the deployment's reason and the stack rolls back.
 */
import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServiceDeploymentsCommand, DescribeServicesCommand, DescribeTasksCommand, ListTasksCommand, StopServiceDeploymentCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForStackToSettle } from '../cloudformation/cfn-local-cloud.js';
import { awaitingPause, continuePause, createEcsStack, createWithPause, currentDeployment, deploymentsOf, ruleWeights, STACK, stackStatus, startEcsCloud, until, updateEcsStack, type EcsStack, type EcsStackOptions } from './ecs-stack.js';

const TIME_SCALE = 600;
const hook = (status: string) => ({ code: `exports.handler = async () => ({ hookStatus: '${status}' });`, stages: ['POST_TEST_TRAFFIC_SHIFT'] });

let stack: EcsStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

async function serviceTaskDefinition(s: EcsStack): Promise<string> {
  const { services } = await s.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
  return services![0]!.taskDefinition!;
}

async function serviceFailureReason(s: EcsStack): Promise<string | undefined> {
  const { StackEvents } = await s.cfn.send(new DescribeStackEventsCommand({ StackName: STACK }));
  return StackEvents?.find((e) => e.LogicalResourceId === 'Service' && e.ResourceStatus === 'UPDATE_FAILED')?.ResourceStatusReason;
}

describe('ECS deployment rollbacks on the local cloud', () => {
  it('a Lambda hook answering FAILED rolls the deployment back, fails the service update and rolls the stack back', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', hook: hook('SUCCEEDED') };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    const v1 = await serviceTaskDefinition(stack);
    await updateEcsStack(stack, { ...base, image: 'shop:v2', hook: hook('FAILED') });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const deployments = { serviceDeployments: await deploymentsOf(stack) };
    const failed = deployments.serviceDeployments!.find((d) => d.status === 'ROLLBACK_SUCCESSFUL');
    expect(failed?.statusReason).toMatch(/^deployment failed: hook execution failure\(s\) detected/);
    expect(await serviceFailureReason(stack)).toMatch(/^Resource handler returned message: "Error occurred during operation 'deployment failed: hook execution failure\(s\) detected .*'\." \(RequestToken: [0-9a-f-]{36}, HandlerErrorCode: GeneralServiceException\)$/);
    // Production never moved; the test listener went back to blue; the service runs v1 again.
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');
    expect(await ruleWeights(stack, 'TestRule')).toBe('100/0');
    expect(await serviceTaskDefinition(stack)).toBe(v1);
  });

  it("the operator's ROLLBACK on a PAUSE hook fails the hook and rolls back from the canary step", async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
    await createWithPause(stack, base);
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const p1 = await awaitingPause(stack);
    await continuePause(stack, p1.deployment, p1.hookId);
    const p2 = await awaitingPause(stack, p1.hookId);
    expect(await ruleWeights(stack, 'ProdRule')).toBe('90/10');
    await continuePause(stack, p2.deployment, p2.hookId, 'ROLLBACK');
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const after = (await stack.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [p2.deployment.serviceDeploymentArn!] }))).serviceDeployments![0]!;
    expect(after.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(after.rollback?.serviceRevisionArn).toBe(p2.deployment.sourceServiceRevisions![0]!.arn);
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');
  });

  it('a PAUSE hook that times out takes its timeout action (ROLLBACK): status TIMED_OUT, deployment rolled back', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    // The gate comes with the update, so nothing has to answer a 200 ms pause in time.
    expect(await createEcsStack(stack, { image: 'shop:v1' })).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { image: 'shop:v2', pause: { stages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutMinutes: 2 } });
    const pause = await awaitingPause(stack);
    const expires = Date.parse(String(pause.deployment.lifecycleHookDetails![0]!.expiresAt!.toISOString()));
    // 2 emulated minutes at time scale 600 = 200 ms of wall time.
    expect(expires - Date.now()).toBeLessThanOrEqual(200);
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const rolled = (await stack.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [pause.deployment.serviceDeploymentArn!] }))).serviceDeployments![0]!;
    expect(rolled.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(rolled.statusReason).toBe(`deployment failed: pause hook ${pause.hookId} timed out`);
  });

  it('a PAUSE hook with timeout action CONTINUE goes on by itself', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', pause: { stages: ['POST_TEST_TRAFFIC_SHIFT'], timeoutMinutes: 1, action: 'CONTINUE' } };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_COMPLETE');
    expect((await currentDeployment(stack))?.status).toBe('SUCCESSFUL');
  });

  it('StopServiceDeployment (ROLLBACK) during the canary bake: traffic back to blue, deployment ROLLBACK_SUCCESSFUL, stack rolled back', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    // A 4-hour canary bake (24 s of wall time) leaves ample room to stop the deployment mid-bake.
    const base: EcsStackOptions = { image: 'shop:v1', canaryBakeMinutes: 240 };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    await updateEcsStack(stack, { ...base, image: 'shop:v2' });
    const baking = await until('the canary step', async () => ((await ruleWeights(stack!, 'ProdRule')) === '90/10' ? currentDeployment(stack!) : undefined));
    expect(baking?.lifecycleStage).toBe('PRODUCTION_TRAFFIC_SHIFT');
    await stack.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: baking!.serviceDeploymentArn, stopType: 'ROLLBACK' }));
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const stopped = (await stack.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [baking!.serviceDeploymentArn!] }))).serviceDeployments![0]!;
    expect(stopped.status).toBe('ROLLBACK_SUCCESSFUL');
    expect(stopped.rollback?.reason).toBe('deployment rolled back by StopServiceDeployment');
    expect(await ruleWeights(stack, 'ProdRule')).toBe('100/0');
    // A finished deployment cannot be stopped again (ConflictException).
    await expect(stack.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: baking!.serviceDeploymentArn, stopType: 'ROLLBACK' }))).rejects.toMatchObject({ name: 'ConflictException' });
  });

  it('a crashing container: the stopped task says why, the circuit breaker rolls back, the stack update fails with its reason', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const base: EcsStackOptions = { image: 'shop:v1', strategy: 'ROLLING', circuitBreaker: true };
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
    const v1 = await serviceTaskDefinition(stack);
    await updateEcsStack(stack, { ...base, image: 'shop:v2', environment: { STP_LOCAL_CRASH: 'exit:3' } });
    expect(await waitForStackToSettle(stack.cfn, STACK, 60_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(await serviceFailureReason(stack)).toMatch(/Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'\./);
    const { taskArns } = await stack.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'web', desiredStatus: 'STOPPED' }));
    const { tasks } = await stack.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: taskArns! }));
    // Two tasks per attempt (desired 2, maximumPercent 200); the breaker's threshold (3) trips after the second.
    const crashed = tasks!.filter((t) => t.stopCode === 'EssentialContainerExited');
    expect(crashed.length).toBe(4);
    expect(crashed[0]!.stoppedReason).toBe('Essential container in task exited');
    expect(crashed[0]!.containers![0]!.exitCode).toBe(3);
    expect(await serviceTaskDefinition(stack)).toBe(v1);
    const { services } = await stack.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
    expect(services![0]!.runningCount).toBe(2);
    expect(services![0]!.events!.some((e) => e.message === `(service web) (deployment ecs-svc/${services![0]!.deployments![0]!.id!.split('/')[1]}) deployment completed.`)).toBe(true);
    // The crash is in the container's log group too.
    const { events } = await stack.logs.send(new FilterLogEventsCommand({ logGroupName: '/stp/shop/web', filterPattern: '"exited with code 3"' }));
    expect(events!.length).toBe(4);
  });

  it('ECS refuses a PAUSE hook on PRODUCTION_TRAFFIC_SHIFT with its error, which fails the resource', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const status = await createEcsStack(stack, { image: 'shop:v1', pause: { stages: ['PRODUCTION_TRAFFIC_SHIFT'] } });
    expect(status).toBe('ROLLBACK_COMPLETE');
    const { StackEvents } = await stack.cfn.send(new DescribeStackEventsCommand({ StackName: STACK }));
    const failed = StackEvents!.find((e) => e.LogicalResourceId === 'Service' && e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toContain('Pause hooks cannot be configured at the TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages.');
    expect((await stackStatus(stack)).status).toBe('ROLLBACK_COMPLETE');
  });

  it('a first deployment that fails leaves nothing behind: the service is deleted with the rollback, the cluster too', async () => {
    stack = await startEcsCloud(TIME_SCALE);
    const status = await createEcsStack(stack, { image: 'shop:v1', hook: hook('FAILED') });
    expect(status).toBe('ROLLBACK_COMPLETE');
    const { StackEvents } = await stack.cfn.send(new DescribeStackEventsCommand({ StackName: STACK }));
    const service = StackEvents!.filter((e) => e.LogicalResourceId === 'Service').map((e) => e.ResourceStatus);
    expect(service).toEqual(['DELETE_COMPLETE', 'DELETE_IN_PROGRESS', 'CREATE_FAILED', 'CREATE_IN_PROGRESS']);
    expect(StackEvents!.find((e) => e.LogicalResourceId === 'Cluster' && e.ResourceStatus === 'DELETE_COMPLETE')).toBeDefined();
  });
});
