/**
 * The canary pane against the real engine and the local cloud (no mocks): a canary update with a
 * PAUSE gate before each production step is watched by watchOperation, its events go through the
 * event bus into the session store the pane reads, and the operator continues each gate with the
 * pane's keys (c, Tab to Continue, Enter) — the pane's hook id is the one ECS accepts.
 */
import { UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploySessionCommands } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { createSessionStore } from '../../../src/engine/session/session-store.js';
import { CanaryControls } from '../../../src/engine/watch/canary-controls.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { CanaryPane } from '../../../src/ui/panes/canary-pane.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { KEY, settle, waitForFrame, waitForText, type InkInstance } from '../../ui/support/ink-wait.js';
import { recordingCommands } from '../../ui/support/recording-commands.js';
import { createWithPause, ecsTemplate, STACK, startEcsCloud, type EcsStack, type EcsStackOptions } from '../ecs/ecs-stack.js';
import { fastScheduler } from '../watch/watch-local-cloud.js';

async function type(instance: InkInstance, keys: string, until: string | ((frame: string) => boolean), timeoutMs = 20_000): Promise<string> {
  instance.stdin.write(keys);
  const frame = typeof until === 'string' ? await waitForText(instance, until, timeoutMs) : await waitForFrame(instance, until, timeoutMs);
  await settle();
  return frame;
}

describe('the canary pane driving a real canary on the local cloud', () => {
  let stack: EcsStack;
  let lambda: LambdaClient;
  const base: EcsStackOptions = { image: 'shop:v1', pause: { stages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] } };
  beforeAll(async () => {
    stack = await startEcsCloud(600);
    lambda = new LambdaClient(clientConfig(stack.local.cloud.endpoint));
    await createWithPause(stack, base);
  }, 60_000);
  afterAll(async () => {
    cleanup();
    lambda.destroy();
    await stack.stop();
  });

  it('shows each PAUSE gate; c → Continue opens it; the split moves 100/0 → 90/10 → 0/100 and the deployment succeeds', async () => {
    const since = new Date();
    await stack.cfn.send(new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ ...base, image: 'shop:v2' }), Capabilities: ['CAPABILITY_IAM'], ClientRequestToken: 'tok-pane' }));
    const canary = new CanaryControls(stack.ecs);
    const session = createSessionStore();
    const bus = createEventBus([session.sink]);
    const recorded = recordingCommands();
    const continued: string[] = [];
    const commands: DeploySessionCommands = {
      ...recorded,
      continueCanary: (service, hookId) => {
        continued.push(hookId);
        return canary.continueCanary(service, hookId);
      },
      rollbackCanary: (service) => canary.rollbackCanary(service),
    };
    const notices: string[] = [];
    const instance = render(
      <CanaryPane store={session.store} commands={commands} focused width={100} height={24} notify={(message) => notices.push(message)} setCapturing={() => {}} showLogs={() => {}} />,
    );
    const watching = watchOperation(
      {
        clients: { cloudFormation: stack.cfn, logs: stack.logs, lambda, ecs: stack.ecs, elbv2: stack.elbv2 },
        stackName: STACK,
        clientRequestToken: 'tok-pane',
        since,
        plannedResources: 2,
        owners: { Service: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'Service' }],
        emit: (event) => bus.emit(event),
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), canary },
    );

    // First gate: before any production traffic moves.
    await waitForText(instance, '⏸ paused at pre-prod', 30_000);
    await settle();
    expect(instance.lastFrame()).toContain('old 100%');
    await type(instance, 'c', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Continue ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Continue the deployment'));
    // Second gate: the canary holds 10 %.
    await waitForFrame(instance, (f) => f.includes('⏸ paused at pre-prod') && f.includes('old 90%'), 30_000);
    await settle();
    await type(instance, 'c', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Continue ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Continue the deployment'));

    expect(await watching).toEqual({ stackStatus: 'UPDATE_COMPLETE', detached: false });
    session.flush();
    const frame = await waitForText(instance, 'SUCCESSFUL');
    expect(frame).toContain('old 0%');
    expect(continued).toHaveLength(2);
    expect(continued.every((id) => /^ecs-pause-/.test(id))).toBe(true);
    expect(new Set(continued).size).toBe(2);
    expect(notices.filter((n) => n.startsWith('web: continued past PAUSE hook ecs-pause-'))).toHaveLength(2);
    expect(frame).toContain('  ✓ PAUSE ');
  }, 90_000);

  it('r → Roll back at the first gate rolls the deployment back; the pane shows where and why', async () => {
    const since = new Date();
    await stack.cfn.send(new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate({ ...base, image: 'shop:v3' }), Capabilities: ['CAPABILITY_IAM'], ClientRequestToken: 'tok-pane-rollback' }));
    const canary = new CanaryControls(stack.ecs);
    const session = createSessionStore();
    const bus = createEventBus([session.sink]);
    const rolledBack: string[] = [];
    const commands: DeploySessionCommands = {
      ...recordingCommands(),
      continueCanary: (service, hookId) => canary.continueCanary(service, hookId),
      rollbackCanary: (service) => {
        rolledBack.push(service);
        return canary.rollbackCanary(service);
      },
    };
    const instance = render(<CanaryPane store={session.store} commands={commands} focused width={100} height={24} notify={() => {}} setCapturing={() => {}} showLogs={() => {}} />);
    const watching = watchOperation(
      {
        clients: { cloudFormation: stack.cfn, logs: stack.logs, lambda, ecs: stack.ecs, elbv2: stack.elbv2 },
        stackName: STACK,
        clientRequestToken: 'tok-pane-rollback',
        since,
        plannedResources: 2,
        owners: { Service: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'Service' }],
        emit: (event) => bus.emit(event),
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), canary },
    );
    await waitForText(instance, '⏸ paused at pre-prod', 30_000);
    await settle();
    await type(instance, 'r', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Roll back ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Roll back the deployment'));
    expect((await watching).stackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    session.flush();
    expect(rolledBack).toEqual(['web']);
    // The deployment the operator rolled back (the stack rollback may start another one, followed after it).
    const history = session.store.getState().ecsHistory.web;
    expect(history?.hooks.some((hook) => hook.kind === 'pause')).toBe(true);
    const frame = await waitForText(instance, '↺ rollback: ');
    expect(frame).toContain('↺ rollback: deployment rolled back by ContinueServiceDeployment (ROLLBACK) on pause hook');
    expect(frame).toContain('✓ post-test › ✗ pre-prod › · prod shift');
    expect(frame).toContain('↺ web  ROLLBACK_SUCCESSFUL · 100% old / 0% new');
  }, 90_000);
});
