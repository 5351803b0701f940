import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DeployEventBody, EcsHookState } from '../../../src/engine/events.js';
import { StpError } from '../../../src/errors/stp-error.js';
import { CanaryPane } from '../../../src/ui/panes/canary-pane.js';
import { readEventBodies } from '../../support/event-fixtures.js';
import { KEY, plain, settle, waitForFrame, waitForText } from '../support/ink-wait.js';
import { recordingCommands } from '../support/recording-commands.js';
import { mountPane } from '../support/mount-pane.js';

// Recorded by `stp deploy --local --json` (test/fixtures/events/canary-and-scripts.md).
const PAUSE_CONTINUE = readEventBodies('canary-pause-continue.ndjson');
const PAUSE_ROLLBACK = readEventBodies('canary-pause-rollback.ndjson');
const FIRST_PAUSE = 'ecs-pause-UDijqD5EYXfhfO4Lt0DxpcwEmMY1817tden9oxIPlx8';

/** The recorded stream up to (and including) the first report of a paused deployment. */
function untilPaused(bodies: DeployEventBody[]): DeployEventBody[] {
  const index = bodies.findIndex((b) => b.type === 'ecs.deployment' && b.hooks.some((h) => h.status === 'AWAITING_ACTION'));
  return bodies.slice(0, index + 1);
}

function deployment(overrides: Partial<Extract<DeployEventBody, { type: 'ecs.deployment' }>> = {}): Extract<DeployEventBody, { type: 'ecs.deployment' }> {
  return {
    type: 'ecs.deployment',
    service: 'web',
    serviceArn: 'arn:aws:ecs:us-east-1:111122223333:service/demo/web',
    deploymentArn: 'arn:aws:ecs:us-east-1:111122223333:service-deployment/demo/web/EZe5RNVLH6PPzHXINuP28',
    status: 'IN_PROGRESS',
    stage: 'PRODUCTION_TRAFFIC_SHIFT',
    weights: { source: 90, target: 10 },
    weightsFrom: 'listener-rule',
    hooks: [],
    ...overrides,
  };
}

function mount(bodies: DeployEventBody[], size: { width?: number; height?: number } = {}) {
  return mountPane(CanaryPane, bodies, { width: size.width ?? 90, height: size.height ?? 24 });
}

/** Waits for `text`, then lets the pane's input handler attach (it does after the first frame). */
async function ready(instance: Parameters<typeof waitForText>[0], text: string): Promise<string> {
  const frame = await waitForText(instance, text);
  await settle();
  return frame;
}

/** Types keys, waits until the frame satisfies `until`, then lets handlers re-attach (they do after each frame). */
async function type(instance: Parameters<typeof waitForText>[0], keys: string, until: string | ((frame: string) => boolean)): Promise<string> {
  instance.stdin.write(keys);
  const frame = typeof until === 'string' ? await waitForText(instance, until) : await waitForFrame(instance, until);
  await settle();
  return frame;
}

const closed = (title: string) => (frame: string) => !frame.includes(title);

/** The frame's line that starts with `prefix`. */
function line(frame: string, prefix: string): string | undefined {
  return frame.split('\n').find((l) => l.startsWith(prefix));
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('CanaryPane', () => {
  it('draws the split as a bar of two fill characters with both percentages: 100/0, 90/10, 0/100', async () => {
    const { instance, push } = mount([deployment({ stage: 'SCALE_UP', weights: { source: 100, target: 0 } })], { width: 60 });
    // 60 columns: "old 100% " and " 0% new" leave 44 cells.
    expect(line(await waitForText(instance, 'old 100%'), 'old ')).toBe(`old 100% ${'░'.repeat(44)} 0% new`);
    push(deployment({ weights: { source: 90, target: 10 } }));
    // "old 90% " and " 10% new" leave 44 cells; 10 % of them is 4.
    expect(line(await waitForText(instance, 'old 90%'), 'old ')).toBe(`old 90% ${'░'.repeat(40)}${'█'.repeat(4)} 10% new`);
    push(deployment({ status: 'SUCCESSFUL', stage: 'CLEAN_UP', weights: { source: 0, target: 100 } }));
    expect(line(await waitForText(instance, 'old 0%'), 'old ')).toBe(`old 0% ${'█'.repeat(44)} 100% new`);
    expect(await waitForText(instance, '✓ web  SUCCESSFUL · 0% old / 100% new')).toContain('▸ ✓ web');
  });

  it('marks the stage timeline: done before the current stage, current, pending after; failed where it rolled back', async () => {
    const paused = mount(untilPaused(PAUSE_ROLLBACK), { width: 100 });
    let frame = await waitForText(paused.instance, '▶ pre-prod');
    expect(line(frame, '✓ pre-scale')).toBe('✓ pre-scale › ✓ scale up › ✓ post-scale › ✓ test shift › ✓ post-test › ▶ pre-prod › · prod shift');
    expect(line(frame, '· post-prod')).toBe('· post-prod › · bake › · clean up');
    cleanup();
    const rolledBack = mount(PAUSE_ROLLBACK, { width: 100 });
    frame = await waitForText(rolledBack.instance, '✗ pre-prod');
    expect(line(frame, '✓ pre-scale')).toBe('✓ pre-scale › ✓ scale up › ✓ post-scale › ✓ test shift › ✓ post-test › ✗ pre-prod › · prod shift');
    expect(frame).toContain('↺ web  ROLLBACK_SUCCESSFUL · 100% old / 0% new');
    expect(frame).toContain('↺ rollback: deployment failed: pause hook ecs-pause-3P6JEXbhfh9-XYsaAxGpEJ2b78c_qO118ni0hk893hZ\ntimed out');
    cleanup();
    const done = mount(readEventBodies('canary-update.ndjson'), { width: 100 });
    frame = await waitForText(done.instance, 'clean up');
    expect(line(frame, '✓ pre-scale')).toBe('✓ pre-scale › ✓ scale up › ✓ post-scale › ✓ test shift › ✓ post-test › ✓ pre-prod › ✓ prod shift');
    expect(line(frame, '✓ post-prod')).toBe('✓ post-prod › ✓ bake › ✓ clean up');
  });

  it('counts the bake down between reports and restarts from each new report', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:00.000Z'));
    const { instance, push } = mount([deployment({ bakeRemainingS: 300 })]);
    await waitForText(instance, 'bake 5:00 left');
    vi.advanceTimersByTime(3000);
    await waitForText(instance, 'bake 4:57 left');
    push(deployment({ bakeRemainingS: 287 }));
    await waitForText(instance, 'bake 4:47 left');
    vi.advanceTimersByTime(290_000);
    // Never below zero while the next report is due.
    await waitForText(instance, 'bake 0:00 left');
    push(deployment({ stage: 'BAKE_TIME', weights: { source: 0, target: 100 }, bakeRemainingS: 0 }));
    expect(await waitForText(instance, 'stage BAKE_TIME')).not.toContain(' left');
    push(deployment({ status: 'SUCCESSFUL', stage: 'CLEAN_UP', weights: { source: 0, target: 100 } }));
    expect(await waitForText(instance, 'stage CLEAN_UP')).not.toContain(' left');
  });

  it("a service's bake keeps counting while another service is selected", async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:00.000Z'));
    const { instance } = mount([deployment({ service: 'api', bakeRemainingS: 60 }), deployment({ service: 'web', bakeRemainingS: 300 })]);
    await ready(instance, 'bake 1:00 left');
    vi.advanceTimersByTime(10_000);
    await waitForText(instance, 'bake 0:50 left');
    instance.stdin.write('j');
    await waitForText(instance, 'bake 4:50 left');
  });

  it("after a failed deployment, the stack rollback's new one shows how the one before ended", async () => {
    const failed = PAUSE_ROLLBACK.filter((b) => b.type === 'ecs.deployment').at(-1) as Extract<DeployEventBody, { type: 'ecs.deployment' }>;
    const { instance } = mount([...PAUSE_ROLLBACK, { ...failed, deploymentArn: `${failed.deploymentArn}-rollback`, status: 'IN_PROGRESS', stage: 'SCALE_UP', rollback: undefined } as never], { width: 120 });
    const frame = await waitForText(instance, 'the deployment before this one');
    expect(frame).toContain('the deployment before this one ended ROLLBACK_SUCCESSFUL at pre-prod: deployment failed: pause hook\necs-pause-3P6JEXbhfh9-XYsaAxGpEJ2b78c_qO118ni0hk893hZ timed out');
    expect(frame).toContain('▶ scale up');
    expect(frame).not.toContain('hooks');
  });

  it('a bake keeps counting across the pane being unmounted and mounted again (a tab switch)', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-12-06T10:00:00.000Z'));
    const { instance, store } = mount([deployment({ bakeRemainingS: 300 })]);
    await waitForText(instance, 'bake 5:00 left');
    instance.unmount();
    vi.advanceTimersByTime(20_000);
    const again = render(<CanaryPane store={store} commands={recordingCommands()} focused width={90} height={24} notify={() => {}} setCapturing={() => {}} showLogs={() => {}} />);
    await waitForText(again, 'bake 4:40 left');
  });

  it('shows every hook seen with its outcome, by function name for Lambda hooks', async () => {
    const { instance } = mount(PAUSE_CONTINUE, { width: 120 });
    const frame = await waitForText(instance, 'hooks');
    expect(frame).toContain('  ✓ Lambda shop-web-dev-checkBeforeTraffic-ecs-hook · post-test · passed (last seen IN_PROGRESS)');
    expect(frame).toContain('  ✓ PAUSE ecs-pause-UDijqD5EYXf… · pre-prod · passed (last seen AWAITING_ACTION)');
    expect(frame).toContain('  ✓ PAUSE ecs-pause-NWCqOX9GeQN… · pre-prod · passed (last seen AWAITING_ACTION)');
    expect(frame).toContain('stopped tasks (2)');
    expect(frame).toContain('  task 8818a0c3 · app exit 137 · Scaling activity initiated by (deployment ecs-svc/8474684225787522633)');
  });

  it('reports terminal hook statuses as they are', async () => {
    const hook = (status: string): EcsHookState => ({ id: `ecs-pause-${status}`, kind: 'pause', stage: 'POST_TEST_TRAFFIC_SHIFT', status, reason: 'on timeout: ROLLBACK' });
    const { instance } = mount([deployment({ status: 'ROLLBACK_IN_PROGRESS', stage: 'POST_TEST_TRAFFIC_SHIFT', hooks: [hook('SUCCEEDED'), hook('FAILED'), hook('TIMED_OUT')] })], { width: 120 });
    const frame = await waitForText(instance, 'hooks');
    expect(frame).toContain('  ✓ PAUSE ecs-pause-SUCCEEDED · post-test · succeeded');
    expect(frame).toContain('  ✗ PAUSE ecs-pause-FAILED · post-test · failed');
    expect(frame).toContain('  ✗ PAUSE ecs-pause-TIMED_OUT · post-test · timed out (on timeout: ROLLBACK)');
  });

  it('PAUSE: c opens a confirmation on Cancel (Enter does nothing); confirming continues the exact hook', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    // 2.2 s before the recorded hook's expiry (10:46:14.271).
    vi.setSystemTime(new Date('2026-12-06T10:46:12.079Z'));
    const { instance, commands, notices, capturing } = mount(untilPaused(PAUSE_CONTINUE), { width: 100 });
    let frame = await ready(instance, '⏸ paused at pre-prod: c continue · r roll back · expires in 0:02, then CONTINUE');
    expect(frame).toContain('  ⏸ PAUSE ecs-pause-UDijqD5EYXf… · pre-prod · awaiting action');
    vi.advanceTimersByTime(1000);
    await waitForText(instance, 'expires in 0:01, then CONTINUE');
    // Keys next, with real timers (the waits' deadlines read the clock).
    vi.useRealTimers();

    frame = await type(instance, 'c', 'Continue the deployment of web?');
    expect(frame).toContain('Answers PAUSE hook ecs-pause-UDijqD5EYXf… with CONTINUE.');
    expect(frame).toContain('Production traffic moves on from 100% old / 0% new.');
    expect(frame).toContain('▸ Cancel ◂    Continue');
    expect(capturing).toEqual([true]);
    await type(instance, KEY.enter, closed('Continue the deployment'));
    expect(commands.calls).toEqual([]);
    expect(capturing).toEqual([true, false]);

    await type(instance, 'c', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Continue ◂');
    await type(instance, KEY.enter, closed('Continue the deployment'));
    expect(commands.calls).toEqual([['continueCanary', 'web', FIRST_PAUSE]]);
    expect(notices).toEqual([['web: continued past PAUSE hook ecs-pause-UDijqD5EYXf…', 'info']]);
  });

  it('r on a paused deployment confirms and rolls back; Esc cancels', async () => {
    const { instance, commands, notices } = mount(untilPaused(PAUSE_ROLLBACK), { width: 100 });
    await ready(instance, '⏸ paused');
    const frame = await type(instance, 'r', 'Roll back the deployment of web?');
    expect(frame).toContain('Answers PAUSE hook ecs-pause-3P6JEXbhfh9… with ROLLBACK.');
    expect(frame).toContain('▸ Cancel ◂    Roll back');
    await type(instance, KEY.escape, closed('Roll back the deployment'));
    expect(commands.calls).toEqual([]);
    await type(instance, 'r', 'Roll back the deployment of web?');
    await type(instance, KEY.right, '▸ Roll back ◂');
    await type(instance, KEY.enter, closed('Roll back the deployment'));
    expect(commands.calls).toEqual([['rollbackCanary', 'web']]);
    expect(notices).toEqual([['web: rollback requested', 'info']]);
  });

  it('r also rolls back a running deployment (no pause): the dialog says it stops the deployment', async () => {
    const { instance, commands } = mount([deployment({ bakeRemainingS: 120 })]);
    await ready(instance, 'bake');
    const frame = await type(instance, 'r', 'Roll back the deployment of web?');
    expect(frame).toContain('Stops the deployment with a rollback (StopServiceDeployment).');
    expect(frame).toContain('All traffic returns to the old revision (now 90% old / 10% new).');
    await type(instance, KEY.tab, '▸ Roll back ◂');
    await type(instance, KEY.enter, closed('Roll back the deployment'));
    expect(commands.calls).toEqual([['rollbackCanary', 'web']]);
  });

  it('closes the continue dialog when the gate stops awaiting action before the operator answers', async () => {
    const { instance, commands, notices, push } = mount(untilPaused(PAUSE_CONTINUE));
    await ready(instance, '⏸ paused');
    await type(instance, 'c', 'Continue the deployment of web?');
    // The recorded next report: the gate timed out and continued, production is at 10 %.
    const next = PAUSE_CONTINUE.slice(untilPaused(PAUSE_CONTINUE).length).find((b) => b.type === 'ecs.deployment')!;
    push(next);
    await waitForFrame(instance, (f) => !f.includes('Continue the deployment') && f.includes('old 90%'));
    await settle();
    expect(notices).toEqual([['web: PAUSE hook ecs-pause-UDijqD5EYXf… is no longer awaiting action', 'info']]);
    expect(commands.calls).toEqual([]);
  });

  it("shows a command's error through notify", async () => {
    const { instance, commands, notices } = mount(untilPaused(PAUSE_CONTINUE));
    commands.failWith('continueCanary', new StpError('usage', 'Continuing a canary is not available in a replay.', { code: 'STP_COMMAND_UNAVAILABLE' }));
    await ready(instance, '⏸ paused');
    await type(instance, 'c', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Continue ◂');
    await type(instance, KEY.enter, closed('Continue the deployment'));
    for (let i = 0; i < 50 && notices.length === 0; i++) await settle(1);
    expect(notices).toEqual([['Continuing a canary is not available in a replay.', 'error']]);
    expect(commands.calls).toEqual([['continueCanary', 'web', FIRST_PAUSE]]);
  });

  it('says why when there is nothing to continue or roll back, without a dialog', async () => {
    const { instance, notices, commands, push } = mount([deployment()]);
    await ready(instance, 'web');
    instance.stdin.write('c');
    for (let i = 0; i < 50 && notices.length === 0; i++) await settle(1);
    push(deployment({ status: 'SUCCESSFUL', stage: 'CLEAN_UP', weights: { source: 0, target: 100 } }));
    await waitForText(instance, 'SUCCESSFUL');
    instance.stdin.write('r');
    for (let i = 0; i < 50 && notices.length < 2; i++) await settle(1);
    expect(notices).toEqual([
      ['web is not paused at a hook: nothing to continue', 'info'],
      ['the deployment of web has already ended (SUCCESSFUL): nothing to roll back', 'info'],
    ]);
    expect(plain(instance.lastFrame())).not.toContain('Roll back the deployment');
    expect(commands.calls).toEqual([]);
  });

  it('j/k select a service, l opens its logs; the pane keeps within its height', async () => {
    const { instance, logs, push } = mount(PAUSE_CONTINUE, { width: 100, height: 9 });
    push(deployment({ service: 'api', serviceArn: 'arn:aws:ecs:us-east-1:111122223333:service/demo/api', weights: { source: 75, target: 25 } }));
    let frame = await ready(instance, ' api ');
    expect(line(frame, '▸ ')).toMatch(/^▸ \S+ api {2}IN_PROGRESS · 75% old \/ 25% new$/);
    expect(frame.split('\n').length).toBeLessThanOrEqual(9);
    frame = await type(instance, 'j', (f) => (line(f, '▸ ') ?? '').includes('web'));
    expect(frame).toContain('old 0%');
    expect(frame.split('\n').length).toBeLessThanOrEqual(9);
    instance.stdin.write('l');
    for (let i = 0; i < 50 && logs.length === 0; i++) await settle(1);
    await type(instance, 'k', (f) => (line(f, '▸ ') ?? '').includes('api'));
    instance.stdin.write('l');
    for (let i = 0; i < 50 && logs.length < 2; i++) await settle(1);
    expect(logs).toEqual(['web', 'api']);
  });

  it('keeps the newest hooks when a linear deployment gated more steps than fit', async () => {
    const pauses: EcsHookState[] = Array.from({ length: 10 }, (_, i) => ({ id: `ecs-pause-step-${i + 1}`, kind: 'pause', stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', status: 'AWAITING_ACTION' }));
    const { instance, push } = mount([deployment({ stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', weights: { source: 100, target: 0 }, hooks: [pauses[0]!] })], { width: 100, height: 12 });
    await waitForText(instance, 'ecs-pause-step-1');
    for (let step = 1; step < 10; step++) {
      push(deployment({ stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', weights: { source: 100 - step * 10, target: step * 10 }, hooks: [pauses[step]!] }));
    }
    const frame = await waitForText(instance, 'ecs-pause-step-10');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(12);
    expect(lines.filter((l) => l.startsWith('  ') && l.includes('PAUSE')).at(-1)).toBe('  ⏸ PAUSE ecs-pause-step-10 · pre-prod · awaiting action');
    expect(frame).toMatch(/hooks \(10, newest \d\)/);
  });

  it('draws no split for a rolling deployment (no stage, no listener rule)', async () => {
    const { instance } = mount([deployment({ stage: undefined, weightsFrom: 'schedule', weights: { source: 100, target: 0 } })]);
    const frame = await waitForText(instance, 'no traffic split');
    expect(frame).toContain('no traffic split (a rolling deployment replaces tasks in place)');
    expect(frame).toContain('no lifecycle stages reported');
    expect(frame).not.toContain('░');
  });

  it('says so when no service deployment was reported', async () => {
    const { instance } = mount([]);
    expect(await waitForText(instance, 'No ECS service deployment in this session yet.')).toContain('traffic split');
  });
});
