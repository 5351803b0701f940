import { UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { ListTasksCommand } from '@aws-sdk/client-ecs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { streamLogLines } from '../../../src/engine/logs/stream-log-lines.js';
import { CanaryControls } from '../../../src/engine/watch/canary-controls.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { createEcsStack, createWithPause, ecsTemplate, STACK, startEcsCloud, type EcsStack, type EcsStackOptions } from '../ecs/ecs-stack.js';
import { fastScheduler } from './watch-local-cloud.js';

/**
 * The ECS watcher against the local cloud's ECS service deployments (no mocks): a canary update
 * with a PAUSE gate before each production step, continued by the session's canary controls as
 * soon as the watcher reports the gate.
 */
describe('ECS deployments watched during a stack update on the local cloud', () => {
  let stack: EcsStack;
  let lambda: LambdaClient;
  const base: EcsStackOptions = { image: 'shop:v1', pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
  beforeAll(async () => {
    stack = await startEcsCloud(600);
    lambda = new LambdaClient(clientConfig(stack.local.cloud.endpoint));
    await createWithPause(stack, base);
  }, 60_000);
  afterAll(async () => {
    lambda.destroy();
    await stack.stop();
  });

  it('reports stage, the PAUSE gates, the listener-rule split moving 0 → 10 → 100, and the outcome; continueCanary opens each gate', async () => {
    const since = new Date();
    await stack.cfn.send(new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ ...base, image: 'shop:v2' }), Capabilities: ['CAPABILITY_IAM'], ClientRequestToken: 'tok-canary' }));
    const canary = new CanaryControls(stack.ecs);
    const events: DeployEventBody[] = [];
    const continued: string[] = [];
    const answers: Promise<void>[] = [];
    const result = await watchOperation(
      {
        clients: { cloudFormation: stack.cfn, logs: stack.logs, lambda, ecs: stack.ecs, elbv2: stack.elbv2 },
        stackName: STACK,
        clientRequestToken: 'tok-canary',
        since,
        plannedResources: 2,
        owners: { Service: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'Service' }],
        emit: (event) => {
          events.push(event);
          if (event.type !== 'ecs.deployment') return;
          for (const hook of event.hooks) {
            if (hook.kind === 'pause' && hook.status === 'AWAITING_ACTION' && !continued.includes(hook.id)) {
              continued.push(hook.id);
              answers.push(canary.continueCanary('web', hook.id));
            }
          }
        },
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), canary },
    );
    await Promise.all(answers);
    expect(result).toEqual({ stackStatus: 'UPDATE_COMPLETE', detached: false });

    const deployments = events.filter((e): e is Extract<DeployEventBody, { type: 'ecs.deployment' }> => e.type === 'ecs.deployment');
    expect(new Set(deployments.map((d) => d.deploymentArn)).size).toBe(1);
    expect(deployments.every((d) => d.weightsFrom === 'listener-rule' && d.service === 'web')).toBe(true);
    // Two gates (one per production step), each seen awaiting action, then continued.
    expect(continued).toHaveLength(2);
    expect(continued.every((id) => /^ecs-pause-/.test(id))).toBe(true);
    const gates = deployments.filter((d) => d.hooks.some((h) => h.status === 'AWAITING_ACTION'));
    expect(gates.map((d) => [d.stage, d.weights.target])).toEqual([
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', 0],
      ['PRE_PRODUCTION_TRAFFIC_SHIFT', 10],
    ]);
    expect(gates.every((d) => d.hooks.every((h) => h.expiresAt !== undefined))).toBe(true);
    // The split only ever moves forward: 0 → 10 → 100.
    const targets = deployments.map((d) => d.weights.target).filter((t, i, all) => i === 0 || all[i - 1] !== t);
    expect(targets).toEqual([0, 10, 100]);
    expect(deployments.at(-1)).toMatchObject({ status: 'SUCCESSFUL', weights: { source: 0, target: 100 } });
    expect(events.filter((e) => e.type === 'warning')).toEqual([]);
  }, 60_000);

  it('rollbackCanary at the first gate rolls the deployment back; the stack update fails with the service as its first cause', async () => {
    const since = new Date();
    await stack.cfn.send(new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ ...base, image: 'shop:v3' }), Capabilities: ['CAPABILITY_IAM'], ClientRequestToken: 'tok-rollback' }));
    const canary = new CanaryControls(stack.ecs);
    const events: DeployEventBody[] = [];
    let rolledBack: Promise<void> | undefined;
    const result = await watchOperation(
      {
        clients: { cloudFormation: stack.cfn, logs: stack.logs, lambda, ecs: stack.ecs, elbv2: stack.elbv2 },
        stackName: STACK,
        clientRequestToken: 'tok-rollback',
        since,
        plannedResources: 2,
        owners: { Service: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'Service' }],
        emit: (event) => {
          events.push(event);
          if (event.type === 'ecs.deployment' && !rolledBack && event.hooks.some((h) => h.status === 'AWAITING_ACTION')) rolledBack = canary.rollbackCanary('web');
        },
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), canary },
    );
    await rolledBack;
    expect(result.stackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const deployments = events.filter((e): e is Extract<DeployEventBody, { type: 'ecs.deployment' }> => e.type === 'ecs.deployment');
    const first = deployments[0]!.deploymentArn;
    const ofFirst = deployments.filter((d) => d.deploymentArn === first);
    expect(ofFirst.at(-1)).toMatchObject({ status: 'ROLLBACK_SUCCESSFUL', weights: { source: 100, target: 0 }, weightsFrom: 'listener-rule' });
    expect(ofFirst.at(-1)?.rollback).toBeDefined();
    // Production traffic never moved to v3.
    expect(ofFirst.every((d) => d.weights.target === 0)).toBe(true);
    const causes = events.filter((e) => e.type === 'first-cause');
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ logicalId: 'Service', owner: 'web', resourceType: 'AWS::ECS::Service' });
  }, 60_000);
});

describe('a crashing container watched on the local cloud', () => {
  let stack: EcsStack;
  let lambda: LambdaClient;
  const base: EcsStackOptions = { image: 'shop:v1', strategy: 'ROLLING', circuitBreaker: true };
  beforeAll(async () => {
    stack = await startEcsCloud(600);
    lambda = new LambdaClient(clientConfig(stack.local.cloud.endpoint));
    expect(await createEcsStack(stack, base)).toBe('CREATE_COMPLETE');
  }, 60_000);
  afterAll(async () => {
    lambda.destroy();
    await stack.stop();
  });

  it("the first cause joins the service's failure with its stopped tasks' reason and exit code", async () => {
    const since = new Date();
    await stack.cfn.send(
      new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ ...base, image: 'shop:v2', environment: { STP_LOCAL_CRASH: 'exit:3' } }), Capabilities: ['CAPABILITY_IAM'], ClientRequestToken: 'tok-crash' }),
    );
    const events: DeployEventBody[] = [];
    const result = await watchOperation(
      {
        clients: { cloudFormation: stack.cfn, logs: stack.logs, lambda, ecs: stack.ecs, elbv2: stack.elbv2 },
        stackName: STACK,
        clientRequestToken: 'tok-crash',
        since,
        plannedResources: 2,
        owners: { Service: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'Service' }],
        emit: (event) => events.push(event),
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler() },
    );
    expect(result.stackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    const stopped = events.filter((e): e is Extract<DeployEventBody, { type: 'ecs.task-stopped' }> => e.type === 'ecs.task-stopped');
    // Every task ECS stopped in this operation, once each (how many the breaker lets start depends on timing).
    const { taskArns } = await stack.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'web', desiredStatus: 'STOPPED' }));
    expect(stopped.map((t) => t.taskArn).sort()).toEqual([...(taskArns ?? [])].sort());
    expect(stopped.length).toBeGreaterThanOrEqual(3);
    expect(stopped[0]).toMatchObject({ service: 'web', reason: 'Essential container in task exited', exitCode: 3, container: 'app' });
    const causes = events.filter((e): e is Extract<DeployEventBody, { type: 'first-cause' }> => e.type === 'first-cause');
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ logicalId: 'Service', owner: 'web', resourceType: 'AWS::ECS::Service' });
    expect(causes[0]!.reason).toMatch(/ECS Deployment Circuit Breaker was triggered/);
    // The stopped tasks known when the service failed (more may stop during the rollback).
    expect(causes[0]!.details.length).toBeGreaterThanOrEqual(3);
    expect(causes[0]!.details[0]).toMatch(/^task \S+ stopped: Essential container in task exited; container app exited with code 3/);

    // `stp logs web` reads the container's awslogs group: the crashes are there, as the container wrote them.
    const lines: string[] = [];
    await streamLogLines({
      logs: stack.logs,
      sources: [{ source: 'web', logGroupName: '/stp/shop/web', format: 'raw' }],
      startTime: since.getTime() - 1000,
      filterPattern: '"exited with code 3"',
      follow: false,
      scheduler: fastScheduler(),
      signal: new AbortController().signal,
      emit: (event) => lines.push(event.line),
    });
    expect(lines).toHaveLength(stopped.filter((t) => t.exitCode === 3).length);
  }, 60_000);
});
