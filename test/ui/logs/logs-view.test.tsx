import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { LogsView } from '../../../src/ui/logs/logs-view.js';
import { KEY, press, settle, waitForText } from '../support/ink-wait.js';
import { recordingCommands } from '../support/recording-commands.js';
import { sessionFixture } from '../support/session-fixture.js';

function setup(bodies: DeployEventBody[]) {
  const fixture = sessionFixture(bodies);
  const commands = recordingCommands();
  const calls = () => commands.calls.map(([name, ...args]) => `${name}(${args.map((a) => String(JSON.stringify(a))).join(', ')})`);
  const exits: number[] = [];
  const instance = render(<LogsView store={fixture.store} commands={commands} sources={['api', 'worker']} onExit={(code) => void exits.push(code)} columns={90} rows={10} />);
  return { instance, calls, exits };
}

const line = (source: string, n: number, text: string): DeployEventBody => ({ type: 'log.line', source, line: text, at: `2026-12-06T10:00:0${n}.000Z`, eventId: `${source}-${n}` });

afterEach(() => cleanup());

describe('stp logs terminal view', () => {
  it('fills the terminal but one row: the pane, then the keys in the footer', async () => {
    const { instance } = setup([line('api', 1, 'GET / 200'), line('worker', 2, 'job 7 done')]);
    const frame = await waitForText(instance, 'job 7 done');
    const rows = frame.split('\n');
    expect(rows).toHaveLength(9);
    expect(rows[0]).toBe('logs api, worker · ▼ following');
    expect(rows.slice(1, 3)).toEqual(['10:00:01.000  api     GET / 200', '10:00:02.000  worker  job 7 done']);
    expect(rows[8]).toBe('q quit · / filter (CloudWatch pattern) · f follow / pause · j/k scroll a line · g/G oldes…');
  });

  it('a filter re-tails every shown resource with the pattern; the footer says how to apply it meanwhile', async () => {
    const { instance, calls } = setup([line('api', 1, 'GET / 200'), line('worker', 2, 'ERROR job 7')]);
    await waitForText(instance, 'ERROR job 7');
    const open = await press(instance, '/');
    expect(open.split('\n')[8]).toBe('Enter applies the filter · Esc clears it');
    await settle();
    await press(instance, 'ERROR');
    await settle();
    const filtered = await press(instance, KEY.enter);
    expect(filtered.split('\n').slice(0, 2)).toEqual(['logs api, worker · ▼ following · filter ERROR', '10:00:02.000  worker  ERROR job 7']);
    expect(calls()).toEqual(['tailLogs("api", {"filterPattern":"ERROR"})', 'tailLogs("worker", {"filterPattern":"ERROR"})']);
  });

  it('q leaves with 0, Ctrl-C with 130; q typed into the filter is text', async () => {
    const first = setup([line('api', 1, 'x')]);
    await waitForText(first.instance, 'x');
    await press(first.instance, '/');
    await settle();
    await press(first.instance, 'q');
    expect(first.exits).toEqual([]);
    first.instance.stdin.write(KEY.escape);
    await settle();
    first.instance.stdin.write('q');
    await settle();
    expect(first.exits).toEqual([0]);
    cleanup();
    const second = setup([line('api', 1, 'x')]);
    await waitForText(second.instance, 'x');
    second.instance.stdin.write(KEY.ctrlC);
    await settle();
    expect(second.exits).toEqual([130]);
  });
});
