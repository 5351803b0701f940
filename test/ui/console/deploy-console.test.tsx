import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { DeployConsole, type InterruptControl } from '../../../src/ui/console/deploy-console.js';
import { KEY, plain, press, settle, waitForText } from '../../ui/support/ink-wait.js';
import { sessionFixture } from '../../ui/support/session-fixture.js';
import { phases, recordingCommands, STARTED, TEST_PANES, WATCHING } from './console-test-kit.js';

afterEach(() => cleanup());

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
    // 30 rows: header, steps, tabs, notice and help lines around the pane, and one row spare.
    expect(plain(instance.lastFrame())).toContain('height=24 width=100');
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
  });

  it("shows a pane's notice in the footer and switches to the logs pane for showLogs", async () => {
    const { instance } = mount(WATCHING);
    await waitForText(instance, 'pane plan');
    expect(await press(instance, 'e')).toContain('✗ plan says hi');
    const frame = await press(instance, 'L');
    expect(frame).toContain('pane logs focused=true');
    expect(frame).toContain('logs=api');
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
