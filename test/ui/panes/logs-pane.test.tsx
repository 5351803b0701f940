import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { StpError } from '../../../src/errors/stp-error.js';
import { LogsPane, type LogsPaneProps } from '../../../src/ui/panes/logs-pane.js';
import { KEY, plain, press, settle, waitForFrame, waitForText } from '../support/ink-wait.js';
import { recordingCommands, type RecordingCommands } from '../support/recording-commands.js';
import { sessionFixture } from '../support/session-fixture.js';

/** The calls the pane made, as text: `tailLogs("api", {"filterPattern":"ERROR"})`. */
function callTexts(commands: RecordingCommands): () => string[] {
  return () => commands.calls.map(([name, ...args]) => `${name}(${args.map((a) => String(JSON.stringify(a))).join(', ')})`);
}

const line = (source: string, n: number, text = `line ${n}`): DeployEventBody => ({
  type: 'log.line',
  source,
  line: text,
  at: `2026-12-06T10:00:${String(n % 60).padStart(2, '0')}.${String(n).padStart(3, '0').slice(-3)}Z`,
  eventId: `${source}-${n}`,
});
const lines = (source: string, from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => line(source, from + i));

function renderPane(bodies: DeployEventBody[], extra: Partial<LogsPaneProps> = {}, tailError?: string) {
  const fixture = sessionFixture(bodies);
  const commands = recordingCommands();
  if (tailError) commands.failWith('tailLogs', new StpError('usage', tailError, { code: 'STP_COMMAND_UNAVAILABLE' }));
  const calls = callTexts(commands);
  const notices: string[] = [];
  const capturing: boolean[] = [];
  const props: LogsPaneProps = {
    store: fixture.store,
    commands,
    focused: true,
    width: 80,
    height: 8,
    notify: (message, tone) => void notices.push(`${tone ?? 'info'}: ${message}`),
    setCapturing: (value) => void capturing.push(value),
    showLogs: () => undefined,
    ...extra,
  };
  const instance = render(<LogsPane {...props} />);
  return { instance, fixture, calls, commands, notices, capturing };
}

/** The log rows (the pane fills its height; empty rows below the lines are left out). */
const rowsOf = (frame: string) => frame.split('\n').slice(1).filter((row) => row !== '');

/**
 * Ink subscribes a new input handler in an effect after the frame is drawn: after opening the
 * input and after typing, let it settle so the next keys reach the input (a user is that slow).
 */
async function openFilter(instance: Parameters<typeof press>[0]) {
  await press(instance, '/');
  await settle();
}
async function type(instance: Parameters<typeof press>[0], text: string) {
  await press(instance, text);
  await settle();
}

afterEach(() => cleanup());

describe('LogsPane', () => {
  it('follows the newest lines in a window that fits the height, without a source column for one source', async () => {
    const { instance } = renderPane(lines('api', 1, 20));
    const frame = await waitForText(instance, 'line 20');
    expect(frame.split('\n')).toEqual([
      'logs all sources · ▼ following · 14–20 of 20',
      '10:00:14.014  line 14',
      '10:00:15.015  line 15',
      '10:00:16.016  line 16',
      '10:00:17.017  line 17',
      '10:00:18.018  line 18',
      '10:00:19.019  line 19',
      '10:00:20.020  line 20',
    ]);
  });

  it('shows a source column when the lines come from several sources', async () => {
    const { instance } = renderPane([line('api', 1), line('worker', 2, 'job started'), line('api', 3)], { sources: ['api', 'worker'] });
    const frame = await waitForText(instance, 'line 3');
    expect(rowsOf(frame)).toEqual(['10:00:01.001  api     line 1', '10:00:02.002  worker  job started', '10:00:03.003  api     line 3']);
    expect(frame.split('\n')[0]).toBe('logs api, worker · ▼ following');
  });

  it('in a deploy session with no logs open, says how to open some (and tails nothing)', async () => {
    const { instance, calls } = renderPane([], { width: 120 });
    expect(await waitForText(instance, 'no logs open')).toContain('press l on a resource in Events, Canary or Scripts');
    expect(calls()).toEqual([]);
  });

  it('with a resource: shows only its lines and asks the session to tail it', async () => {
    const { instance, calls } = renderPane([line('api', 1), line('worker', 2), line('api', 3)], { resource: 'worker' });
    const frame = await waitForText(instance, 'line 2');
    expect(rowsOf(frame)).toEqual(['10:00:02.002  line 2']);
    expect(calls()).toEqual(['tailLogs("worker", undefined)']);
  });

  it('asks for the tail once per resource, not on every render with new callbacks', async () => {
    const { instance, calls, fixture, commands } = renderPane([line('api', 1)], { resource: 'api' });
    await waitForText(instance, 'line 1');
    const props = (resource: string): LogsPaneProps => ({
      store: fixture.store,
      // A new object (and new functions) on every render, as a careless shell would hand them.
      commands: { ...commands },
      focused: true,
      width: 80,
      height: 8,
      notify: () => undefined,
      setCapturing: () => undefined,
      showLogs: () => undefined,
      resource,
    });
    instance.rerender(<LogsPane {...props('api')} />);
    fixture.push(line('api', 2));
    await waitForText(instance, 'line 2');
    instance.rerender(<LogsPane {...props('api')} />);
    await settle();
    expect(calls()).toEqual(['tailLogs("api", undefined)']);
    instance.rerender(<LogsPane {...props('worker')} />);
    await waitForText(instance, 'waiting for lines from worker');
    expect(calls()).toEqual(['tailLogs("api", undefined)', 'tailLogs("worker", undefined)']);
  });

  it('/ types a filter: Enter filters the buffered lines and re-tails with the exact pattern; Esc clears it', async () => {
    const { instance, calls, capturing } = renderPane([line('api', 1, 'GET /health 200'), line('api', 2, 'ERROR db timeout'), line('api', 3, 'GET /users 200'), line('api', 4, 'ERROR -- retry')], { resource: 'api' });
    await waitForText(instance, 'ERROR -- retry');
    await openFilter(instance);
    expect(capturing).toEqual([true]);
    await type(instance, 'ERROR -retry');
    const typed = await waitForText(instance, '/ERROR -retry');
    expect(typed.split('\n').at(-1)).toBe('/ERROR -retry');
    const filtered = await press(instance, KEY.enter);
    expect(filtered.split('\n')[0]).toBe('logs api · ▼ following · filter ERROR -retry');
    expect(rowsOf(filtered)).toEqual(['10:00:02.002  ERROR db timeout']);
    expect(calls()).toEqual(['tailLogs("api", undefined)', 'tailLogs("api", {"filterPattern":"ERROR -retry"})']);
    expect(capturing).toEqual([true, false]);
    const cleared = await press(instance, KEY.escape);
    expect(rowsOf(cleared)).toHaveLength(4);
    expect(calls().at(-1)).toBe('tailLogs("api", undefined)');
  });

  it('a filter this side cannot evaluate (regex) is left to CloudWatch: only lines after applying it show', async () => {
    const { instance, fixture, calls } = renderPane(lines('api', 1, 3), { resource: 'api' });
    await waitForText(instance, 'line 3');
    await openFilter(instance);
    await type(instance, '%lin.%');
    const applied = await press(instance, KEY.enter);
    expect(applied).toContain('no buffered line matches %lin.%');
    expect(calls().at(-1)).toBe('tailLogs("api", {"filterPattern":"%lin.%"})');
    fixture.push(line('api', 9, 'line 9 from the filtered tail'));
    const after = await waitForText(instance, 'line 9 from');
    expect(rowsOf(after)).toEqual(['10:00:09.009  line 9 from the filtered tail']);
  });

  it('a pattern CloudWatch would refuse is not applied and says why', async () => {
    const { instance, notices, calls } = renderPane(lines('api', 1, 2), { resource: 'api' });
    await waitForText(instance, 'line 2');
    await openFilter(instance);
    await type(instance, 'a-b');
    await press(instance, KEY.enter);
    await settle();
    expect(notices).toEqual(['error: Invalid filter pattern: the term "a-b" has characters other than letters, digits and underscore, so it must be inside double quotes.']);
    expect(calls()).toEqual(['tailLogs("api", undefined)']);
    expect(plain(instance.lastFrame())).not.toContain('filter');
  });

  it("a session that cannot tail says so in the footer's notice", async () => {
    const { notices } = renderPane([], { resource: 'api' }, 'Logs cannot be opened in this session; use `stp logs`.');
    await settle();
    expect(notices).toEqual(['error: Logs cannot be opened in this session; use `stp logs`.']);
  });

  it('f pauses: new lines are counted, the view stays; f follows again', async () => {
    const { instance, fixture } = renderPane(lines('api', 1, 10));
    await waitForText(instance, 'line 10');
    const paused = await press(instance, 'f');
    expect(paused.split('\n')[0]).toBe('logs all sources · ‖ paused · G follows · 4–10 of 10');
    fixture.push(...lines('api', 11, 13));
    const stayed = await waitForText(instance, '+3 new');
    expect(stayed.split('\n')[0]).toBe('logs all sources · ‖ paused · +3 new · G follows · 4–10 of 13');
    expect(rowsOf(stayed)[6]).toBe('10:00:10.010  line 10');
    const following = await press(instance, 'f');
    expect(rowsOf(following)[6]).toBe('10:00:13.013  line 13');
  });

  it('j/k, g/G and PgUp/PgDn move the window; ctrl+u/d page too; G follows again', async () => {
    const { instance, fixture } = renderPane(lines('api', 1, 30));
    await waitForText(instance, 'line 30');
    const first = (frame: string) => rowsOf(frame)[0];
    expect(first(await press(instance, 'k'))).toBe('10:00:23.023  line 23');
    expect(first(await press(instance, 'k'))).toBe('10:00:22.022  line 22');
    expect(first(await press(instance, 'j'))).toBe('10:00:23.023  line 23');
    expect(first(await press(instance, KEY.pageUp))).toBe('10:00:16.016  line 16');
    expect(first(await press(instance, '\u0015'))).toBe('10:00:09.009  line 9');
    expect(first(await press(instance, 'g'))).toBe('10:00:01.001  line 1');
    expect(first(await press(instance, KEY.pageDown))).toBe('10:00:08.008  line 8');
    expect(first(await press(instance, '\u0004'))).toBe('10:00:15.015  line 15');
    fixture.push(line('api', 31));
    await waitForText(instance, '+1 new');
    const followed = await press(instance, 'G');
    expect(followed.split('\n')[0]).toBe('logs all sources · ▼ following · 25–31 of 31');
    expect(rowsOf(followed).at(-1)).toBe('10:00:31.031  line 31');
  });

  it('a paused view keeps its lines while the ring drops older ones, until they are gone', async () => {
    const { instance, fixture } = renderPane(lines('api', 1, 10));
    await waitForText(instance, 'line 10');
    await press(instance, 'g');
    fixture.push(...lines('api', 11, 2005));
    const frame = await waitForText(instance, '+1995 new');
    // The ring holds the last 2,000 lines (6–2005): the view's top line 1 is gone, so it shows the oldest kept.
    expect(rowsOf(frame)[0]).toBe('10:00:06.006  line 6');
  });

  it('stays within its height and width whatever the lines', async () => {
    const long = 'x'.repeat(300);
    const { instance } = renderPane([...lines('api', 1, 50), line('api', 51, `${long}\u001b[31mred`)], { height: 5, width: 40 });
    const frame = await waitForText(instance, '10:00:51');
    const rows = frame.split('\n');
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.length).toBeLessThanOrEqual(40);
    await press(instance, '/');
    const editing = await waitForFrame(instance, (f) => f.split('\n').at(-1)!.startsWith('/'));
    expect(editing.split('\n')).toHaveLength(5);
    expect(editing.split('\n')[0]).toBe('logs all sources · ▼ following · 49–51 …');
    expect(editing.split('\n')[4]).toBe('/a CloudWatch filter pattern, e.g. ERROR');
  });
});
