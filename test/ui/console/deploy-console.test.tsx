import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { DeployConsole, type InterruptControl } from '../../../src/ui/console/deploy-console.js';
import { KEY, plain, press as pressKey, settle, waitForText, type InkInstance } from '../../ui/support/ink-wait.js';
import { sessionFixture } from '../../ui/support/session-fixture.js';
import { phases, recordingCommands, STARTED, TEST_PANES, WATCHING } from './console-test-kit.js';

afterEach(() => cleanup());

/**
 * A key, then scheduler turns: a question or picker that just appeared subscribes to keys in an
 * effect after its first frame (Ink), and React runs that effect in a later task — later still on
 * a loaded machine, where its scheduler yields — so the next key must not race it.
 */
async function press(instance: InkInstance, keys: string): Promise<string> {
  const frame = await pressKey(instance, keys);
  await settle(40);
  return frame;
}

function mount(bodies: DeployEventBody[], options: { exitOnEnd?: boolean; rows?: number; failing?: Parameters<typeof recordingCommands>[0] } = {}) {
  const fixture = sessionFixture(bodies);
  const { commands, calls } = recordingCommands(options.failing);
  const exits: number[] = [];
  const control: InterruptControl & { log: string[] } = {
    log: [],
    stop() {
      this.log.push('stop');
    },
    markInterrupted() {
      this.log.push('markInterrupted');
    },
  };
  const instance = render(
    <DeployConsole
      store={fixture.store}
      commands={commands}
      panes={TEST_PANES}
      onExit={(code) => exits.push(code)}
      control={control}
      exitOnEnd={options.exitOnEnd ?? false}
      startedAt={Date.parse('2026-12-06T10:00:00.000Z')}
      animations={false}
      size={{ columns: 100, rows: options.rows ?? 30 }}
    />,
  );
  return { instance, calls, exits, control, push: fixture.push };
}

describe('the header and the phase path', () => {
  it('names the stack, stage, region and account, and marks the phases taken, current and to come', async () => {
    const { instance } = mount([STARTED, ...phases('resolve', 'package', 'check')]);
    const frame = await waitForText(instance, 'shop-prod');
    const [header, steps, tabs] = frame.split('\n');
    expect(header).toContain('stp deploy · shop-prod · stage prod · eu-west-1 · account 123456789012');
    expect(header).toContain('● check');
    expect(steps).toBe('resolve ✓ › package ✓ › check ● › change-set · › classify · › gate · › execute · › watch ·');
    expect(tabs).toContain('[1 Plan]');
    expect(tabs).toContain('2 Events');
    expect(tabs).toContain('5 Logs');
  });

  it('says "local cloud" for the embedded cloud and marks the failed phase with ✗', async () => {
    const { instance } = mount([
      { ...STARTED, target: 'the local cloud (http://127.0.0.1:39217, in this process, state in x/.stp/local)' },
      ...phases('resolve', 'package', 'check', 'change-set'),
      { type: 'error', code: 'STP_CHANGE_SET_FAILED', message: 'The change set failed: Template format error', phase: 'change-set' },
      { type: 'result', outcome: 'failed', exitCode: 1, durationMs: 4200, outputs: {} },
    ]);
    const frame = await waitForText(instance, 'failed');
    const [header, steps] = frame.split('\n');
    expect(header).toContain('· local cloud');
    expect(header).toContain('✗ failed  0:04');
    expect(steps).toBe('resolve ✓ › package ✓ › check ✓ › change-set ✗ › classify · › gate · › execute · › watch ·');
  });
});

describe('panes', () => {
  it('switches by number, Tab and Shift+Tab, giving the focused pane the keyboard and a height budget', async () => {
    const { instance } = mount(WATCHING, { rows: 30 });
    await waitForText(instance, 'pane plan focused=true');
    // 30 rows: header, steps, tabs, notice and help lines around the pane, and one row spare;
    // 100 columns less the one kept free (a full-width line wraps the cursor in some terminals).
    expect(plain(instance.lastFrame())).toContain('height=24 width=99');
    expect(await press(instance, '4')).toContain('pane scripts focused=true');
    expect(plain(instance.lastFrame())).toContain('[4 Scripts]');
    expect(await press(instance, KEY.tab)).toContain('pane logs focused=true');
    expect(await press(instance, KEY.tab)).toContain('pane plan focused=true');
    expect(await press(instance, KEY.shiftTab)).toContain('pane logs focused=true');
    expect(await press(instance, '2')).toContain('pane events focused=true');
  });

  it('keeps the whole frame shorter than the terminal', async () => {
    const { instance } = mount(WATCHING, { rows: 20 });
    const frame = await waitForText(instance, 'pane plan');
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    // A question below the pane takes its rows from the pane, not from the terminal.
    const asking = await press(instance, 'q');
    expect(asking).toContain('Leave it running, or cancel it?');
    expect(asking.split('\n').length).toBeLessThanOrEqual(19);
    await press(instance, KEY.escape);
    expect(await press(instance, 'x')).toContain('Cancel the running update?');
    expect(plain(instance.lastFrame()).split('\n').length).toBeLessThanOrEqual(19);
  });

  it("shows a pane's notice in the footer and switches to the logs pane for showLogs", async () => {
    const { instance } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    expect(await press(instance, 'e')).toContain('✗ plan says hi');
    const frame = await press(instance, 'L');
    expect(frame).toContain('pane logs focused=true');
    expect(frame).toContain('logs=api');
  });

  it('moves from the plan to the events pane when the update starts', async () => {
    const { instance, push } = mount([STARTED, ...phases('resolve', 'package', 'check', 'change-set', 'classify', 'gate', 'execute')]);
    await waitForText(instance, 'pane plan focused=true');
    push(...phases('watch'));
    expect(await waitForText(instance, 'pane events focused=true')).toContain('[2 Events]');
  });

  it('focuses the plan pane when an approval is requested', async () => {
    const { instance, push } = mount([STARTED, ...phases('resolve', 'package', 'check', 'change-set', 'classify')]);
    await waitForText(instance, 'pane plan');
    await press(instance, '5');
    push(...phases('gate'), { type: 'approval.requested', id: 'approval-1', level: 'changes', resources: [] });
    const frame = await waitForText(instance, 'pane plan focused=true');
    // The approval's keys are in the footer's short help.
    expect(frame).toContain('y approve the plan');
  });
});

describe('the help overlay', () => {
  it('lists the global keys and the focused pane scope from KEYMAP, dangerous keys marked', async () => {
    const { instance } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    await press(instance, '3');
    const frame = await press(instance, '?');
    expect(frame).toContain('Everywhere');
    expect(frame).toContain('1-5');
    expect(frame).toContain('jump to a pane');
    expect(frame).toContain('x');
    expect(frame).toContain('cancel the running update (rolls back) !');
    expect(frame).toContain('Canary');
    expect(frame).toContain('continue a paused deployment !');
    expect(frame).not.toContain('follow / pause');
    expect(frame).not.toContain('pane canary');
    // Keys other than ? and Esc do nothing while it is open.
    instance.stdin.write('1');
    await settle();
    expect(plain(instance.lastFrame())).toContain('Everywhere');
    const closed = await press(instance, KEY.escape);
    expect(closed).toContain('pane canary focused=true');
  });
});

describe('leaving during an update', () => {
  it('q asks with Cancel focused; Enter on it changes nothing', async () => {
    const { instance, calls, exits } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    const frame = await press(instance, 'q');
    expect(frame).toContain('An update is running in AWS. Leave it running, or cancel it?');
    expect(frame).toContain('▸ Cancel ◂');
    expect(frame).toContain('Cancel the update (roll back)');
    const after = await press(instance, KEY.enter);
    expect(after).not.toContain('An update is running');
    expect(calls).toEqual([]);
    expect(exits).toEqual([]);
  });

  it('q → Detach detaches and leaves with the result the engine reports', async () => {
    const { instance, calls, exits, push } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    await press(instance, 'q');
    expect(await press(instance, KEY.right)).toContain('▸ Detach (leave it running) ◂');
    expect(await press(instance, KEY.enter)).toContain('Detaching: the update keeps running in AWS.');
    expect(calls).toEqual([['detach']]);
    expect(exits).toEqual([]);
    push({ type: 'result', outcome: 'detached', exitCode: 0, durationMs: 9000, stackStatus: 'UPDATE_IN_PROGRESS', outputs: {} });
    await settle();
    await waitForCondition(() => exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('q → Cancel the update cancels it and stays to watch the rollback', async () => {
    const { instance, calls, exits } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    await press(instance, 'q');
    await press(instance, KEY.right);
    expect(await press(instance, KEY.tab)).toContain('▸ Cancel the update (roll back) ◂');
    const frame = await press(instance, KEY.enter);
    expect(frame).toContain('Cancelling the update: CloudFormation rolls it back.');
    expect(calls).toEqual([['cancel']]);
    expect(exits).toEqual([]);
  });

  it('x asks first, and a cancel the engine cannot do is explained in the footer', async () => {
    const { instance, calls } = mount(WATCHING, { failing: { cancel: 'There is no update to cancel right now.' } });
    await waitForText(instance, 'pane plan');
    const frame = await press(instance, 'x');
    expect(frame).toContain('Cancel the running update?');
    expect(frame).toContain('▸ Cancel ◂');
    expect(frame).not.toContain('Detach');
    await press(instance, KEY.tab);
    await press(instance, KEY.enter);
    expect(await waitForText(instance, '✗ There is no update to cancel right now.')).not.toContain('Cancel the running update?');
    expect(calls).toEqual([['cancel']]);
  });

  it('x outside an update says there is none and asks nothing', async () => {
    const { instance, calls } = mount([STARTED, ...phases('resolve', 'package')]);
    await waitForText(instance, 'pane plan');
    const frame = await press(instance, 'x');
    expect(frame).toContain('✗ There is no update to cancel right now.');
    expect(calls).toEqual([]);
  });

  it('Ctrl-C asks the same question; → roll back counts as an interrupt', async () => {
    const { instance, calls, control } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    expect(await press(instance, KEY.ctrlC)).toContain('Leave it running, or cancel it?');
    await press(instance, KEY.left);
    await press(instance, KEY.left);
    await press(instance, KEY.enter);
    expect(control.log).toEqual(['markInterrupted']);
    expect(calls).toEqual([['cancel']]);
  });

  it('Ctrl-C twice forces: stops watching and leaves once the engine reports, a third leaves at once', async () => {
    const { instance, calls, control, exits } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    await press(instance, KEY.ctrlC);
    const frame = await press(instance, KEY.ctrlC);
    expect(frame).not.toContain('Leave it running, or cancel it?');
    expect(frame).toContain('Leaving: stopped watching');
    expect(control.log).toEqual(['stop']);
    expect(calls).toEqual([]);
    expect(exits).toEqual([]);
    instance.stdin.write(KEY.ctrlC);
    await waitForCondition(() => exits.length > 0);
    expect(exits).toEqual([130]);
  });

  it('q before anything runs in AWS stops the engine and leaves with its result', async () => {
    const { instance, control, exits, push } = mount([STARTED, ...phases('resolve', 'package')]);
    await waitForText(instance, 'pane plan');
    expect(await press(instance, 'q')).toContain('Stopping…');
    expect(control.log).toEqual(['stop']);
    push({ type: 'error', code: 'STP_INTERRUPTED', message: 'Interrupted before anything changed in AWS.', phase: 'package' }, { type: 'result', outcome: 'interrupted', exitCode: 130, durationMs: 1200, outputs: {} });
    await waitForCondition(() => exits.length > 0);
    expect(exits).toEqual([130]);
  });
});

async function waitForCondition(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition never held');
    await settle(1);
  }
}

const SUCCEEDED: DeployEventBody[] = [
  ...WATCHING,
  { type: 'script.started', script: 'greet', functionName: 'shop-prod-greet', logGroup: '/aws/lambda/shop-prod-greet', trigger: 'deploy' },
  { type: 'script.finished', script: 'greet', ok: true, durationMs: 800 },
  ...phases('done'),
  {
    type: 'result',
    outcome: 'succeeded',
    exitCode: 0,
    durationMs: 75_000,
    stackStatus: 'UPDATE_COMPLETE',
    outputs: { ApiUrl: 'https://api.example.com', BucketName: 'shop-prod-uploads' },
    counts: { add: 2, modify: 1, replace: 0, mayReplace: 0, remove: 0, dataLoss: 0, total: 3 },
  },
];

describe('the result screen', () => {
  it('stays open on the outcome, duration, status and outputs; q leaves with the exit code', async () => {
    const { instance, exits } = mount(SUCCEEDED);
    const frame = await waitForText(instance, 'Outputs');
    expect(frame).toContain('✓ deployed shop-prod in 1:15 · UPDATE_COMPLETE · exit code 0');
    expect(frame).toContain('+2 add  ~1 modify  ±0 replace  ?0 may replace  −0 remove');
    expect(frame).toContain('ApiUrl https://api.example.com');
    expect(frame).toContain('BucketName shop-prod-uploads');
    expect(frame).toContain('R rerun greet');
    expect(frame).toContain('[0 Result]');
    expect(frame.split('\n')[1]).toBe('resolve ✓ › package ✓ › check ✓ › change-set ✓ › classify ✓ › gate ✓ › execute ✓ › watch ✓');
    expect(exits).toEqual([]);
    // Panes stay reachable, and 0 comes back.
    expect(await press(instance, '2')).toContain('pane events focused=true');
    expect(await press(instance, '0')).toContain('ApiUrl');
    instance.stdin.write('q');
    await waitForCondition(() => exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('R reruns the only script after asking, and shows the scripts pane; l opens the logs pane', async () => {
    const { instance, calls } = mount(SUCCEEDED);
    await waitForText(instance, 'Outputs');
    const asked = await press(instance, 'R');
    expect(asked).toContain('Rerun greet?');
    expect(asked).toContain('▸ Cancel ◂');
    expect(calls).toEqual([]);
    await press(instance, KEY.tab);
    const frame = await press(instance, KEY.enter);
    expect(frame).toContain('pane scripts focused=true');
    expect(frame).toContain('Rerunning greet…');
    expect(calls).toEqual([['rerunScript', 'greet']]);
    await press(instance, '0');
    expect(await press(instance, 'l')).toContain('pane logs focused=true');
  });

  it('--exit leaves as soon as the deploy ends, with its exit code', async () => {
    const { exits, instance, push } = mount(WATCHING, { exitOnEnd: true });
    await waitForText(instance, 'pane plan');
    expect(exits).toEqual([]);
    push({ type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 1000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} });
    await waitForCondition(() => exits.length > 0);
    expect(exits).toEqual([1]);
  });

  it('without --exit stays, except for bad input that never reached a plan (its diagnostics print after)', async () => {
    const stays = mount(WATCHING);
    stays.push({ type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 1000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} });
    await waitForText(stays.instance, 'rolled back');
    await settle();
    expect(stays.exits).toEqual([]);
    cleanup();
    const bad = mount([STARTED, ...phases('resolve'), { type: 'error', code: 'STP_CONFIG_INVALID', message: 'stacktape.yml has 2 errors', phase: 'resolve' }, { type: 'result', outcome: 'failed', exitCode: 2, durationMs: 90, outputs: {} }]);
    await waitForCondition(() => bad.exits.length > 0);
    expect(bad.exits).toEqual([2]);
  });
});

const FAILED_UPDATE: DeployEventBody[] = [
  ...WATCHING,
  { type: 'stack.event', event: { eventId: 'e1', stackName: 'shop-prod', stackId: 'shop-prod', logicalId: 'StpDbInstance', owner: 'db', resourceType: 'AWS::RDS::DBInstance', status: 'UPDATE_FAILED', reason: 'Storage size too small', at: '2026-12-06T10:00:05.000Z', depth: 0 } },
  { type: 'stack.event', event: { eventId: 'e2', stackName: 'shop-prod', stackId: 'shop-prod', logicalId: 'StpWebService', owner: 'web', resourceType: 'AWS::ECS::Service', status: 'UPDATE_FAILED', reason: 'Service did not stabilize', at: '2026-12-06T10:00:06.000Z', depth: 0 } },
  { type: 'stack.event', event: { eventId: 'e3', stackName: 'shop-prod', stackId: 'shop-prod', logicalId: 'StpBucket', owner: 'uploads', resourceType: 'AWS::S3::Bucket', status: 'UPDATE_COMPLETE', at: '2026-12-06T10:00:04.000Z', depth: 0 } },
  { type: 'first-cause', logicalId: 'StpDbInstance', owner: 'db', resourceType: 'AWS::RDS::DBInstance', reason: 'Storage size too small', details: ['allocated 5 GiB, minimum 20 GiB'] },
  { type: 'error', code: 'STP_STACK_NEEDS_ATTENTION', message: 'The operation on shop-prod ended in UPDATE_ROLLBACK_FAILED.', phase: 'watch', fix: 'Recover it with `stp rollback --skip LOGICAL_ID,…` for the resources that could not roll back.' },
  { type: 'result', outcome: 'needs-attention', exitCode: 4, durationMs: 30_000, stackStatus: 'UPDATE_ROLLBACK_FAILED', outputs: {} },
];

describe('the failure screen', () => {
  it('shows the first cause and the error, and recovers UPDATE_ROLLBACK_FAILED skipping the picked resources', async () => {
    const { instance, calls, push } = mount(FAILED_UPDATE);
    const frame = await waitForText(instance, 'First cause');
    expect(frame).toContain('! needs attention shop-prod in 0:30 · UPDATE_ROLLBACK_FAILED · exit code 4');
    expect(frame).toContain('✗ First cause: db  StpDbInstance AWS::RDS::DBInstance');
    expect(frame).toContain('Storage size too small');
    expect(frame).toContain('│ allocated 5 GiB, minimum 20 GiB');
    expect(frame).toContain('fix   Recover it with `stp rollback --skip');
    expect(frame).toContain('shop-prod is UPDATE_ROLLBACK_FAILED. s continue the rollback, skipping resources you pick');
    expect(frame.split('\n')[1]).toContain('watch ✗');
    const picker = await press(instance, 's');
    // Only the resources that failed are offered, in order, the cursor on the first.
    expect(picker).toContain('› [ ] db  StpDbInstance UPDATE_FAILED');
    expect(picker).toContain('  [ ] web  StpWebService UPDATE_FAILED');
    expect(picker).not.toContain('StpBucket');
    // Shell keys pause while picking: 2 does not switch panes.
    instance.stdin.write('2');
    await settle();
    expect(plain(instance.lastFrame())).toContain('Resources to skip');
    await press(instance, 'j');
    expect(await press(instance, ' ')).toContain('› [x] web  StpWebService UPDATE_FAILED');
    const confirm = await press(instance, KEY.enter);
    expect(confirm).toContain('Continue the rollback of shop-prod?');
    expect(confirm).toContain('Skipping (left as they are, no longer managed consistently): StpWebService');
    expect(confirm).toContain('▸ Cancel ◂');
    await press(instance, KEY.right);
    const after = await press(instance, KEY.enter);
    expect(calls).toEqual([['recover', ['StpWebService']]]);
    // Back on the live panes while the recovery runs, its own phases in the step line.
    expect(after).toContain('pane events focused=true');
    expect(after).toContain('Continuing the rollback of shop-prod, skipping StpWebService…');
    push(...phases('resolve', 'check', 'execute', 'watch'));
    const running = await waitForText(instance, 'watch ●');
    expect(running.split('\n')[0]).toContain('● watch');
    expect(running).not.toContain('0 Result');
    push(...phases('done'), { type: 'result', outcome: 'rolled-back', exitCode: 0, durationMs: 5000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} });
    expect(await waitForText(instance, '↺ rolled back')).toContain('UPDATE_ROLLBACK_COMPLETE');
  });

  it('rolls a failed stack back after a confirmation; Esc on the question does nothing', async () => {
    const failed = FAILED_UPDATE.slice(0, -2).concat([
      { type: 'error', code: 'STP_STACK_NEEDS_ATTENTION', message: 'The operation on shop-prod ended in UPDATE_FAILED.', phase: 'watch' },
      { type: 'result', outcome: 'needs-attention', exitCode: 4, durationMs: 30_000, stackStatus: 'UPDATE_FAILED', outputs: {} },
    ]);
    const { instance, calls } = mount(failed);
    const frame = await waitForText(instance, 'r roll it back');
    expect(frame).not.toContain('s continue the rollback');
    expect(frame).toContain('r roll the stack back');
    expect(await press(instance, 'r')).toContain('Roll shop-prod back?');
    expect(await press(instance, KEY.escape)).toContain('r roll it back');
    expect(calls).toEqual([]);
    await press(instance, 'r');
    await press(instance, KEY.right);
    await press(instance, KEY.enter);
    expect(calls).toEqual([['rollback']]);
  });

  it('offers no recovery when CloudFormation already rolled back', async () => {
    const { instance } = mount(FAILED_UPDATE.slice(0, -2).concat([{ type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 30_000, stackStatus: 'UPDATE_ROLLBACK_COMPLETE', outputs: {} }]));
    const frame = await waitForText(instance, 'First cause');
    expect(frame).toContain('↺ rolled back');
    expect(frame).not.toContain('roll it back');
    expect(frame).not.toContain('continue the rollback');
    // Nor in the footer's keys; and no script ran, so no rerun key either.
    expect(frame).not.toContain('roll the stack back');
    expect(frame).not.toContain('R rerun');
  });
});
