import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServiceRevisionsCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  StopServiceDeploymentCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeployEventBody, StackEventRecord } from '../../../src/engine/events.js';
import { CanaryControls } from '../../../src/engine/watch/canary-controls.js';
import { bakeRemaining, EcsDeploymentWatcher, scheduledWeights } from '../../../src/engine/watch/ecs-deployment-watcher.js';
import { PollScheduler } from '../../../src/engine/watch/poll-scheduler.js';
import { FakeClock } from '../../support/fake-clock.js';

// The scenario of ../shared/reference/ecs-deployments.md §9.2 (exact recorded shapes; epoch seconds → Date as the SDK returns them).
const at = (s: number) => new Date(s * 1000);
const SD = 'arn:aws:ecs:us-east-1:111122223333:service-deployment/demo/web/EZe5RNVLH6PPzHXINuP28';
const SERVICE = 'arn:aws:ecs:us-east-1:111122223333:service/demo/web';
const GREEN_REV = 'arn:aws:ecs:us-east-1:111122223333:service-revision/demo/web/9313423515462893900';
const BLUE_REV = 'arn:aws:ecs:us-east-1:111122223333:service-revision/demo/web/1920498462936580504';
const PR = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:listener-rule/app/web-alb/50dc6c495c0c9188/f2f7dc8efc522ab2/9683b2d02a6cabee';
const BLUE_TG = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-blue/0123456789abcdef';
const GREEN_TG = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web-green/fedcba9876543210';
const PAUSE_HOOK = 'ecs-pause-Xk7rT2mP9sLwQn4vB8fYd3hJ6gA1cE5iO0uR_ZpWqAb';

const config: ServiceDeployment['deploymentConfiguration'] = {
  maximumPercent: 200,
  minimumHealthyPercent: 100,
  strategy: 'CANARY',
  bakeTimeInMinutes: 5,
  canaryConfiguration: { canaryPercent: 10.0, canaryBakeTimeInMinutes: 5 },
  lifecycleHooks: [
    { targetType: 'AWS_LAMBDA', hookTargetArn: 'arn:aws:lambda:us-east-1:111122223333:function:web-smoke', roleArn: 'arn:aws:iam::111122223333:role/ecs-hook-invoke', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] },
    { targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT' as never], timeoutConfiguration: { timeoutInMinutes: 60, action: 'ROLLBACK' } },
  ],
};

function deployment(overrides: Partial<ServiceDeployment>, green: number, blue = 100 - green): ServiceDeployment {
  return {
    serviceDeploymentArn: SD,
    serviceArn: SERVICE,
    clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/demo',
    createdAt: at(1767268800),
    startedAt: at(1767268801),
    updatedAt: at(1767268925),
    sourceServiceRevisions: [{ arn: BLUE_REV, requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedTestTrafficWeight: 0, requestedProductionTrafficWeight: blue }],
    targetServiceRevision: { arn: GREEN_REV, requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0, requestedTestTrafficWeight: 100, requestedProductionTrafficWeight: green },
    status: 'IN_PROGRESS',
    lifecycleHookDetails: [],
    deploymentConfiguration: config,
    deploymentCircuitBreaker: { status: 'DISABLED', failureCount: 0, threshold: 3 },
    alarms: { status: 'DISABLED' },
    ...overrides,
  };
}

const paused = deployment(
  {
    lifecycleStage: 'PRE_PRODUCTION_TRAFFIC_SHIFT' as never,
    lifecycleHookDetails: [{ hookId: PAUSE_HOOK, targetType: 'PAUSE', status: 'AWAITING_ACTION', expiresAt: at(1767272525), timeoutAction: 'ROLLBACK' }],
  },
  0,
);

function rule(blue: number, green: number) {
  return {
    Rules: [
      {
        RuleArn: PR,
        Priority: '10',
        Conditions: [{ Field: 'path-pattern', Values: ['/*'], PathPatternConfig: { Values: ['/*'] } }],
        Actions: [
          {
            Type: 'forward' as const,
            Order: 1,
            ForwardConfig: { TargetGroups: [{ TargetGroupArn: BLUE_TG, Weight: blue }, { TargetGroupArn: GREEN_TG, Weight: green }], TargetGroupStickinessConfig: { Enabled: false } },
          },
        ],
        IsDefault: false,
      },
    ],
  };
}

function serviceEvent(status: string): StackEventRecord {
  return { eventId: `Web-${status}`, stackName: 'demo', stackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/demo/1', logicalId: 'WebService', physicalId: SERVICE, resourceType: 'AWS::ECS::Service', status, at: '2026-01-01T12:00:00.000Z', depth: 0 };
}

describe('EcsDeploymentWatcher', () => {
  const ecsMock = mockClient(ECSClient);
  const elbMock = mockClient(ElasticLoadBalancingV2Client);
  let clock: FakeClock;
  let events: DeployEventBody[];
  let watcher: EcsDeploymentWatcher;
  let controller: AbortController;
  beforeEach(() => {
    ecsMock.reset();
    elbMock.reset();
    clock = new FakeClock();
    events = [];
    controller = new AbortController();
    ecsMock.on(ListServiceDeploymentsCommand).resolves({
      serviceDeployments: [{ serviceDeploymentArn: SD, serviceArn: SERVICE, clusterArn: 'arn:aws:ecs:us-east-1:111122223333:cluster/demo', startedAt: at(1767268801), createdAt: at(1767268800), targetServiceRevisionArn: GREEN_REV, status: 'IN_PROGRESS' }],
    });
    ecsMock.on(DescribeServiceRevisionsCommand).resolves({
      serviceRevisions: [{ serviceRevisionArn: GREEN_REV, resolvedConfiguration: { loadBalancers: [{ targetGroupArn: GREEN_TG, productionListenerRule: PR }] } }],
      failures: [],
    });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
  });
  const start = (withElb: boolean) => {
    const scheduler = new PollScheduler({ clock, activeIntervalMs: 1000, idleIntervalMs: 5000 });
    watcher = new EcsDeploymentWatcher([{ name: 'web', logicalId: 'WebService' }], {
      ecs: new ECSClient({ region: 'us-east-1' }),
      ...(withElb ? { elbv2: new ElasticLoadBalancingV2Client({ region: 'us-east-1' }) } : {}),
      scheduler,
      emit: (e) => events.push(e),
      signal: controller.signal,
    });
    watcher.onEvent(serviceEvent('UPDATE_IN_PROGRESS'));
  };

  it('reports stage, the paused hook with its expiry, the listener-rule split and the canary bake countdown; then the outcome', async () => {
    // What ECS and the load balancer answer depends on the (virtual) time of the poll.
    ecsMock.on(DescribeServiceDeploymentsCommand).callsFake(() => {
      const t = clock.now();
      const d =
        t < 1000 ? deployment({ lifecycleStage: 'SCALE_UP' }, 0)
        : t < 2000 ? paused
        : t < 20_000 ? deployment({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }, 10)
        : deployment({ status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP', finishedAt: at(1767269790) }, 100);
      return { serviceDeployments: [d], failures: [] };
    });
    elbMock.on(DescribeRulesCommand).callsFake(() => (clock.now() < 2000 ? rule(100, 0) : clock.now() < 20_000 ? rule(90, 10) : rule(0, 100)));
    start(true);
    await clock.advance(0);
    const controls = new CanaryControls(new ECSClient({ region: 'us-east-1' }));
    controls.attach(watcher);
    await clock.advance(1000);
    // Paused: the session can continue the hook the watcher saw.
    ecsMock.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
    await controls.continueCanary('web', PAUSE_HOOK);
    expect(ecsMock.commandCalls(ContinueServiceDeploymentCommand)[0]!.args[0].input).toEqual({ serviceDeploymentArn: SD, hookId: PAUSE_HOOK, action: 'CONTINUE' });
    await clock.advance(1000);
    await clock.advance(30_000);
    watcher.onEvent(serviceEvent('UPDATE_COMPLETE'));
    await clock.advance(10_000);
    await watcher.settle();

    const deployments = events.filter((e) => e.type === 'ecs.deployment');
    expect(deployments).toEqual([
      { type: 'ecs.deployment', service: 'web', serviceArn: SERVICE, deploymentArn: SD, status: 'IN_PROGRESS', stage: 'SCALE_UP', weights: { source: 100, target: 0 }, weightsFrom: 'listener-rule', hooks: [] },
      {
        type: 'ecs.deployment',
        service: 'web',
        serviceArn: SERVICE,
        deploymentArn: SD,
        status: 'IN_PROGRESS',
        stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
        weights: { source: 100, target: 0 },
        weightsFrom: 'listener-rule',
        hooks: [{ id: PAUSE_HOOK, kind: 'pause', stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', status: 'AWAITING_ACTION', expiresAt: '2026-01-01T13:02:05.000Z', reason: 'on timeout: ROLLBACK' }],
      },
      { type: 'ecs.deployment', service: 'web', serviceArn: SERVICE, deploymentArn: SD, status: 'IN_PROGRESS', stage: 'PRODUCTION_TRAFFIC_SHIFT', weights: { source: 90, target: 10 }, weightsFrom: 'listener-rule', bakeRemainingS: 300, hooks: [] },
      // Polls back off while nothing changes; the countdown alone is re-reported once it moved 10 s (at 15.125 s).
      { type: 'ecs.deployment', service: 'web', serviceArn: SERVICE, deploymentArn: SD, status: 'IN_PROGRESS', stage: 'PRODUCTION_TRAFFIC_SHIFT', weights: { source: 90, target: 10 }, weightsFrom: 'listener-rule', bakeRemainingS: 287, hooks: [] },
      { type: 'ecs.deployment', service: 'web', serviceArn: SERVICE, deploymentArn: SD, status: 'SUCCESSFUL', stage: 'CLEAN_UP', weights: { source: 0, target: 100 }, weightsFrom: 'listener-rule', hooks: [] },
    ]);
    // Once the deployment ended and the resource finished, polling stopped.
    const describes = ecsMock.commandCalls(DescribeServiceDeploymentsCommand).length;
    await clock.advance(30_000);
    expect(ecsMock.commandCalls(DescribeServiceDeploymentsCommand).length).toBe(describes);
    await expect(controls.rollbackCanary('web')).rejects.toThrow('the deployment of "web" has already ended (SUCCESSFUL)');
  });

  it("without a load balancer client falls back to ECS's requested weights, marked as the schedule", async () => {
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [deployment({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }, 10)], failures: [] });
    start(false);
    await clock.advance(0);
    const first = events.find((e) => e.type === 'ecs.deployment');
    expect(first).toMatchObject({ weights: { source: 90, target: 10 }, weightsFrom: 'schedule', bakeRemainingS: 300 });
    controller.abort();
  });

  it("names a Lambda hook's function (ECS's targetArn) beside its hook id", async () => {
    const fn = 'arn:aws:lambda:us-east-1:111122223333:function:web-smoke';
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({
      serviceDeployments: [deployment({ lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT', lifecycleHookDetails: [{ hookId: 'b2437450-05d9-40ab-bd82-4a4d2fdb35c8', targetType: 'AWS_LAMBDA', targetArn: fn, status: 'IN_PROGRESS' }] }, 0)],
      failures: [],
    });
    start(false);
    await clock.advance(0);
    const first = events.find((e) => e.type === 'ecs.deployment');
    expect(first).toMatchObject({ hooks: [{ id: 'b2437450-05d9-40ab-bd82-4a4d2fdb35c8', kind: 'lambda', target: fn, stage: 'POST_TEST_TRAFFIC_SHIFT', status: 'IN_PROGRESS' }] });
    controller.abort();
  });

  it('rolls back a paused canary through its hook, and a running one with StopServiceDeployment', async () => {
    ecsMock.on(DescribeServiceDeploymentsCommand).resolvesOnce({ serviceDeployments: [paused], failures: [] }).resolves({ serviceDeployments: [deployment({ lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }, 10)], failures: [] });
    ecsMock.on(ContinueServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
    ecsMock.on(StopServiceDeploymentCommand).resolves({ serviceDeploymentArn: SD });
    start(false);
    const controls = new CanaryControls(new ECSClient({ region: 'us-east-1' }));
    controls.attach(watcher);
    await clock.advance(0);
    await controls.rollbackCanary('web');
    expect(ecsMock.commandCalls(ContinueServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([{ serviceDeploymentArn: SD, hookId: PAUSE_HOOK, action: 'ROLLBACK' }]);
    await expect(controls.continueCanary('web', 'ecs-pause-other')).rejects.toThrow(`the deployment of "web" is not paused at hook ecs-pause-other (paused at ${PAUSE_HOOK})`);
    await clock.advance(1000);
    await controls.rollbackCanary('web');
    expect(ecsMock.commandCalls(StopServiceDeploymentCommand).map((c) => c.args[0].input)).toEqual([{ serviceDeploymentArn: SD, stopType: 'ROLLBACK' }]);
    await expect(controls.continueCanary('api', PAUSE_HOOK)).rejects.toThrow('no ECS deployment of "api" is running under this session');
    controller.abort();
  });

  it('reports stopped tasks with reason and exit code, and joins them into the first cause', async () => {
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [deployment({ lifecycleStage: 'SCALE_UP' }, 0)], failures: [] });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['arn:aws:ecs:us-east-1:111122223333:task/demo/0a1b2c3d4e5f'] });
    ecsMock.on(DescribeTasksCommand).resolves({
      tasks: [
        {
          taskArn: 'arn:aws:ecs:us-east-1:111122223333:task/demo/0a1b2c3d4e5f',
          stoppedReason: 'Essential container in task exited',
          stoppedAt: new Date('2026-01-01T12:00:30.000Z'),
          containers: [{ name: 'sidecar', exitCode: 0 }, { name: 'app', exitCode: 1, reason: 'OutOfMemoryError: Container killed due to memory usage' }],
        },
      ],
    });
    start(false);
    await clock.advance(0);
    await clock.advance(1000);
    expect(events.filter((e) => e.type === 'ecs.task-stopped')).toEqual([
      { type: 'ecs.task-stopped', service: 'web', taskArn: 'arn:aws:ecs:us-east-1:111122223333:task/demo/0a1b2c3d4e5f', reason: 'Essential container in task exited', exitCode: 1, container: 'app' },
    ]);
    expect(await watcher.stoppedTaskDetails('WebService')).toEqual([
      'task 0a1b2c3d4e5f stopped: Essential container in task exited; container app exited with code 1 (OutOfMemoryError: Container killed due to memory usage)',
    ]);
    controller.abort();
  });

  it("leaves out tasks that stopped before the service's resource began to be worked on (a previous deploy's)", async () => {
    ecsMock.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [deployment({ lifecycleStage: 'SCALE_UP' }, 0)], failures: [] });
    const task = (id: string, stoppedAt: string) => ({ taskArn: `arn:aws:ecs:us-east-1:111122223333:task/demo/${id}`, stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)', stoppedAt: new Date(stoppedAt), containers: [{ name: 'app', exitCode: 137 }] });
    ecsMock.on(ListTasksCommand).resolves({ taskArns: ['arn:aws:ecs:us-east-1:111122223333:task/demo/before', 'arn:aws:ecs:us-east-1:111122223333:task/demo/during'] });
    // The service's event is at 12:00:00 (serviceEvent); the deployment lookback is 60 s.
    ecsMock.on(DescribeTasksCommand).resolves({ tasks: [task('before', '2026-01-01T11:59:40.000Z'), task('during', '2026-01-01T12:00:20.000Z')] });
    start(false);
    await clock.advance(0);
    await clock.advance(1000);
    expect(events.filter((e) => e.type === 'ecs.task-stopped').map((e) => e.type === 'ecs.task-stopped' && e.taskArn.split('/').pop())).toEqual(['during']);
    controller.abort();
  });

  it("follows the stack rollback's new deployment of the same service after the failed one", async () => {
    const SD2 = `${SD}-rollback`;
    let second = false;
    ecsMock.on(ListServiceDeploymentsCommand).callsFake(() => ({
      serviceDeployments: [
        { serviceDeploymentArn: SD, createdAt: at(1767268800), status: 'ROLLBACK_SUCCESSFUL' },
        ...(second ? [{ serviceDeploymentArn: SD2, createdAt: at(1767269000), status: 'IN_PROGRESS' }] : []),
      ],
    }));
    ecsMock.on(DescribeServiceDeploymentsCommand).callsFake((input: { serviceDeploymentArns: string[] }) => ({
      serviceDeployments: [
        input.serviceDeploymentArns[0] === SD
          ? deployment({ status: 'ROLLBACK_SUCCESSFUL', lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT', rollback: { reason: 'hook execution failure(s) detected', startedAt: at(1767268900) } }, 0)
          : deployment({ serviceDeploymentArn: SD2, status: 'SUCCESSFUL', lifecycleStage: 'CLEAN_UP' }, 100),
      ],
      failures: [],
    }));
    start(false);
    await clock.advance(0);
    watcher.onEvent(serviceEvent('UPDATE_FAILED'));
    await clock.advance(5000);
    // CloudFormation rolls the service back: another deployment.
    second = true;
    watcher.onEvent(serviceEvent('UPDATE_IN_PROGRESS'));
    await clock.advance(5000);
    watcher.onEvent(serviceEvent('UPDATE_COMPLETE'));
    await watcher.settle();
    expect(events.filter((e) => e.type === 'ecs.deployment').map((e) => [(e as { deploymentArn: string }).deploymentArn, (e as { status: string }).status, (e as { rollback?: unknown }).rollback])).toEqual([
      [SD, 'ROLLBACK_SUCCESSFUL', { reason: 'hook execution failure(s) detected', startedAt: '2026-01-01T12:01:40.000Z' }],
      [SD2, 'SUCCESSFUL', undefined],
    ]);
  });

  it('does not hold the end of the watch while its polls back off from 5xx', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServerException', $metadata: { httpStatusCode: 503 } }));
    start(false);
    await clock.advance(0);
    expect(clock.pendingTimers).toBe(1); // sleeping in backoff
    watcher.onEvent(serviceEvent('UPDATE_COMPLETE'));
    await watcher.settle();
    expect(clock.pendingTimers).toBe(0);
    expect(events).toEqual([]);
  });

  it('tolerates a cloud that does not run service deployments: one warning, no crash', async () => {
    ecsMock.on(ListServiceDeploymentsCommand).rejects(Object.assign(new Error('The operation ListServiceDeployments is not supported by the local cloud yet'), { name: 'UnknownOperationException', $metadata: { httpStatusCode: 400 } }));
    start(false);
    await clock.advance(0);
    watcher.onEvent(serviceEvent('UPDATE_COMPLETE'));
    await watcher.settle();
    expect(events).toEqual([
      {
        type: 'warning',
        code: 'STP_ECS_DEPLOYMENT_UNAVAILABLE',
        message: 'cannot follow the ECS deployment of "web": UnknownOperationException: The operation ListServiceDeployments is not supported by the local cloud yet',
        resource: 'web',
      },
    ]);
  });
});

describe('traffic schedule and bake countdown', () => {
  it('places a deployment without reported weights by its stage and strategy', () => {
    const bare = (o: Partial<ServiceDeployment>): ServiceDeployment => ({ deploymentConfiguration: config, ...o });
    expect(scheduledWeights(bare({ status: 'IN_PROGRESS', lifecycleStage: 'SCALE_UP' }))).toEqual({ source: 100, target: 0 });
    expect(scheduledWeights(bare({ status: 'IN_PROGRESS', lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }))).toEqual({ source: 90, target: 10 });
    expect(scheduledWeights(bare({ status: 'IN_PROGRESS', lifecycleStage: 'BAKE_TIME' }))).toEqual({ source: 0, target: 100 });
    expect(scheduledWeights(bare({ status: 'ROLLBACK_IN_PROGRESS', lifecycleStage: 'PRODUCTION_TRAFFIC_SHIFT' }))).toEqual({ source: 100, target: 0 });
  });

  it('counts down the deployment bake in BAKE_TIME and the canary bake between steps, and nothing otherwise', () => {
    const d = deployment({}, 10);
    expect(bakeRemaining(d, 'BAKE_TIME', 100, 30)).toBe(270);
    expect(bakeRemaining(d, 'PRODUCTION_TRAFFIC_SHIFT', 10, 299.6)).toBe(0);
    expect(bakeRemaining(d, 'PRODUCTION_TRAFFIC_SHIFT', 100, 0)).toBeUndefined();
    expect(bakeRemaining(d, 'SCALE_UP', 0, 0)).toBeUndefined();
  });
});
