import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { parseRecording } from '../../../src/engine/replay/parse-recording.js';
import { READ_ONLY_MESSAGE, readOnlyCommands } from '../../../src/engine/replay/read-only-commands.js';
import { ReplayPlayer } from '../../../src/engine/replay/replay-player.js';
import { formatReplayTime, formatSpeed } from '../../../src/ui/replay/replay-bar.js';
import { Text, useInput } from 'ink';
import { useStore } from 'zustand';
import type { PaneSpec, ShellPaneProps } from '../../../src/ui/console/pane-spec.js';
import { ReplayConsole } from '../../../src/ui/replay/replay-console.js';
import { FakeClock } from '../../support/fake-clock.js';
import { KEY, press, settle, waitForFrame, waitForText } from '../support/ink-wait.js';

afterEach(() => cleanup());

const T0 = Date.parse('2026-12-06T10:00:00.000Z');

function recording(items: [number, DeployEventBody][]) {
  const text = items.map(([ms, body], i) => JSON.stringify({ ...body, v: 1, seq: i + 1, ts: new Date(T0 + ms).toISOString() })).join('\n');
  return parseRecording(text, 'run.ndjson');
}

const RUN = recording([
  [0, { type: 'session.started', command: 'deploy', stack: 'app-dev', stage: 'dev', region: 'eu-west-1', target: 'local cloud', mode: 'interactive' }],
  [0, { type: 'phase.changed', phase: 'resolve' }],
  [5000, { type: 'phase.changed', phase: 'execute', previous: 'resolve' }],
  [20_000, { type: 'stack.event', event: { eventId: 'e1', stackName: 'app-dev', stackId: 'app-dev', logicalId: 'Topic', resourceType: 'AWS::SNS::Topic', status: 'CREATE_FAILED', reason: 'topic refused', at: '2026-12-06T10:00:20.000Z', owner: 'alerts', depth: 0 } }],
  [30_000, { type: 'result', outcome: 'rolled-back', exitCode: 1, durationMs: 30_000, stackStatus: 'ROLLBACK_COMPLETE', outputs: {} }],
]);

/** A pane listing the resources' statuses from the store, and one that tries a command. */
function ResourcesPane({ store, focused, setCapturing }: ShellPaneProps) {
  const resources = useStore(store, (s) => s.resources);
  // '/' takes the keyboard as a filter input would; Esc gives it back.
  useInput(
    (input, key) => {
      if (input === '/') setCapturing(true);
      if (key.escape) setCapturing(false);
    },
    { isActive: focused },
  );
  return (
    <Text>
      {Object.values(resources)
        .map((r) => `${r.status.endsWith('_FAILED') ? '✗' : '·'} ${r.owner ?? ''} ${r.logicalId} ${r.status}${r.reason ? ` — ${r.reason}` : ''}`)
        .join('\n') || 'no resources yet'}
    </Text>
  );
}
const PANES: PaneSpec[] = [{ id: 'events', title: 'Events', scope: 'events', component: (p) => <ResourcesPane {...p} /> }];

function mount(speed = 1) {
  const clock = new FakeClock();
  const player = new ReplayPlayer(RUN, { clock, speed });
  const exits: number[] = [];
  const instance = render(<ReplayConsole player={player} file="run.ndjson" panes={PANES} onExit={(code) => exits.push(code)} animations={false} size={{ columns: 100, rows: 20 }} />);
  return { clock, player, instance, exits };
}

describe('the replay console', () => {
  it('shows the position, the speed and the replay keys from KEYMAP.replay', async () => {
    const { instance } = mount();
    const frame = await waitForText(instance, 'event 0/5');
    expect(frame).toContain('replay run.ndjson  ‖ paused ×1  0:00 / 0:30');
    expect(frame).toContain('Space pause / play  +/- faster / slower  ←/→ seek 10 s back / forward  Home/End jump to start / end');
  });

  it('Space plays by the recorded time; the session view follows the store', async () => {
    const { instance, clock } = mount();
    await waitForText(instance, 'event 0/5');
    await press(instance, KEY.space);
    await clock.advance(0);
    await waitForText(instance, 'event 2/5');
    expect(instance.lastFrame()).toContain('stp deploy · app-dev · stage dev · eu-west-1 · local cloud');
    await clock.advance(20_000);
    const frame = await waitForText(instance, 'event 4/5');
    expect(frame).toContain('✗ alerts Topic CREATE_FAILED — topic refused');
    // The header's elapsed time is the recording's (5 s in when the phase last changed), not the wall clock's.
    expect(frame).toMatch(/● execute {2}0:05\n/);
    expect(frame).toContain('▶ playing ×1');
  });

  it('End jumps to the final screen, Home back to the start, ←/→ seek 10 s', async () => {
    const { instance } = mount();
    await waitForText(instance, 'event 0/5');
    let frame = await press(instance, KEY.end);
    expect(frame).toContain('■ ended');
    expect(frame).toMatch(/↺ rolled back {2}0:30\n/);
    frame = await press(instance, KEY.home);
    expect(frame).toContain('event 2/5');
    expect(frame).not.toContain('rolled back');
    expect(frame).toContain('no resources yet');
    frame = await press(instance, KEY.right);
    expect(frame).toContain('0:10 / 0:30');
    expect(frame).toContain('event 3/5');
    expect(await press(instance, KEY.right)).toContain('0:20 / 0:30');
    frame = await press(instance, KEY.left);
    expect(frame).toContain('0:10 / 0:30');
    expect(frame).not.toContain('CREATE_FAILED');
  });

  it('q leaves at once (exit 0), even mid-update; x answers that a replay is read-only', async () => {
    const { instance, exits } = mount();
    await waitForText(instance, 'event 0/5');
    await press(instance, KEY.right);
    const frame = await press(instance, 'x');
    expect(frame).toContain('✗ A replay is read-only: nothing is sent to AWS.');
    instance.stdin.write('q');
    await waitForFrame(instance, () => exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('q on the final screen leaves with 0, not the recorded deploy\'s exit code', async () => {
    const { instance, exits } = mount();
    await waitForText(instance, 'event 0/5');
    expect(await press(instance, KEY.end)).toContain('■ ended');
    instance.stdin.write('q');
    await waitForFrame(instance, () => exits.length > 0);
    expect(exits).toEqual([0]);
  });

  it('while a pane owns the keyboard, the replay keys are its; ? lists the replay keys', async () => {
    const { instance } = mount();
    await waitForText(instance, 'event 0/5');
    instance.stdin.write('/');
    await settle();
    instance.stdin.write('+');
    await settle();
    expect(instance.lastFrame()).toContain('‖ paused ×1');
    instance.stdin.write(KEY.escape);
    await settle();
    expect(await press(instance, '+')).toContain('×2');
    const help = await press(instance, '?');
    expect(help).toMatch(/Space +pause \/ play/);
    expect(help).toMatch(/Home\/End +jump to start \/ end/);
  });

  it('+ and - change the speed', async () => {
    const { instance } = mount();
    await waitForText(instance, 'event 0/5');
    expect(await press(instance, '+')).toContain('×2');
    expect(await press(instance, '=')).toContain('×4');
    expect(await press(instance, '-')).toContain('×2');
  });
});

describe('replay pieces', () => {
  it('formats time and speed', () => {
    expect(formatReplayTime(0)).toBe('0:00');
    expect(formatReplayTime(61_999)).toBe('1:01');
    expect(formatSpeed(0.5)).toBe('×0.5');
    expect(formatSpeed(Infinity)).toBe('instant');
  });

  it('every command of a replay refuses with the read-only message', async () => {
    const commands = readOnlyCommands();
    expect(() => commands.approve('a')).toThrow(READ_ONLY_MESSAGE);
    expect(() => commands.detach()).toThrow(READ_ONLY_MESSAGE);
    await expect(commands.rerunScript('greet')).rejects.toMatchObject({ code: 'STP_COMMAND_UNAVAILABLE', message: READ_ONLY_MESSAGE });
    await expect(commands.continueCanary('web', 'ecs-pause-1')).rejects.toMatchObject({ code: 'STP_COMMAND_UNAVAILABLE' });
  });
});
