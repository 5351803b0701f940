import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { StpError } from '../../../src/errors/stp-error.js';
import { ScriptsPane } from '../../../src/ui/panes/scripts-pane.js';
import { readEventBodies } from '../../support/event-fixtures.js';
import { KEY, plain, settle, waitForFrame, waitForText, type InkInstance } from '../support/ink-wait.js';
import { recordingCommands } from '../support/recording-commands.js';
import { mountPane } from '../support/mount-pane.js';
import { sessionFixture } from '../support/session-fixture.js';

// Recorded by `stp deploy --local --json` and `stp script:run greet --local --json` (test/fixtures/events/canary-and-scripts.md).
const DEPLOY = readEventBodies('script-deploy.ndjson');
const RERUN = readEventBodies('script-rerun.ndjson');

function mount(bodies: DeployEventBody[], size: { width?: number; height?: number } = {}) {
  return mountPane(ScriptsPane, bodies, { width: size.width ?? 90, height: size.height ?? 20 });
}

async function ready(instance: InkInstance, text: string): Promise<string> {
  const frame = await waitForText(instance, text);
  await settle();
  return frame;
}

/** Types keys, waits until the frame satisfies `until`, then lets handlers re-attach. */
async function type(instance: InkInstance, keys: string, until: string | ((frame: string) => boolean)): Promise<string> {
  instance.stdin.write(keys);
  const frame = typeof until === 'string' ? await waitForText(instance, until) : await waitForFrame(instance, until);
  await settle();
  return frame;
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await settle(1);
}

const started = (script: string, trigger: 'deploy' | 'rerun' = 'deploy'): DeployEventBody => ({ type: 'script.started', script, functionName: `s-dev-${script}`, logGroup: `/aws/lambda/s-dev-${script}`, trigger });
const log = (script: string, line: string, n: number): DeployEventBody => ({ type: 'script.log', script, line, at: '2026-12-06T10:47:00.725Z', eventId: `e${n}` });

afterEach(cleanup);

describe('ScriptsPane', () => {
  it("lists each script's status with duration and error, and shows the selected one's output", async () => {
    const { instance } = mount([
      ...DEPLOY,
      started('migrate'),
      log('migrate', 'applying 0003_add_index.sql', 1),
      { type: 'script.finished', script: 'migrate', ok: false, error: 'relation "users" does not exist', durationMs: 1234 },
      started('seed'),
      log('seed', 'seeding 10 rows', 2),
      { type: 'script.started', script: 'zfarewell', functionName: 's-dev-zfarewell', logGroup: '/aws/lambda/s-dev-zfarewell', trigger: 'delete' },
    ]);
    const frame = await waitForText(instance, 'greet output');
    const lines = frame.split('\n');
    expect(lines[0]).toBe('▸ ✓ greet      succeeded in 505 ms');
    expect(lines[1]).toBe('  ✗ migrate    failed after 1.2 s: relation "users" does not exist');
    expect(lines[2]).toMatch(/^ {2}\S seed {7}running$/);
    expect(lines[3]).toMatch(/^ {2}\S zfarewell {2}running \(before:delete\)$/);
    expect(lines.slice(4)).toEqual(['greet output', 'hello from stp (stage dev)', 'function: hello-script-dev-writeNote', 'bucket:   hello-script-dev-notesbucket-68kclnaawbog', 'all good']);
  });

  it('live lines appear as they arrive, following the tail; j/k select, l and Enter open logs', async () => {
    const { instance, push, logs } = mount([started('greet'), log('greet', 'first line', 1)]);
    await ready(instance, 'first line');
    push(log('greet', 'second line', 2), log('greet', 'third line', 3));
    expect(await waitForText(instance, 'third line')).toContain('first line\nsecond line\nthird line');
    push(started('migrate'));
    await ready(instance, 'migrate');
    await type(instance, 'j', '▸ ');
    const frame = await waitForFrame(instance, (f) => f.includes('migrate output'));
    expect(frame).toContain('waiting for output…');
    instance.stdin.write('l');
    await until(() => logs.length === 1);
    await type(instance, 'k', 'greet output');
    instance.stdin.write(KEY.enter);
    await until(() => logs.length === 2);
    expect(logs).toEqual(['migrate', 'greet']);
  });

  it('R asks first (Cancel focused, Enter does nothing); confirmed, it reruns the script and the new run streams in', async () => {
    const { instance, push, commands, notices, capturing } = mount(DEPLOY);
    await ready(instance, 'all good');
    let frame = await type(instance, 'R', 'Rerun script greet?');
    expect(frame).toContain("Runs greet's code against stack hello-script-dev again,");
    expect(frame).toContain("with the last deploy's parameters; its output streams here.");
    expect(frame).toContain('▸ Cancel ◂    Rerun');
    expect(capturing).toEqual([true]);
    await type(instance, KEY.enter, (f) => !f.includes('Rerun script greet?'));
    expect(commands.calls).toEqual([]);
    expect(capturing).toEqual([true, false]);

    await type(instance, 'R', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Rerun ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Rerun script greet?'));
    expect(commands.calls).toEqual([['rerunScript', 'greet']]);

    // The engine streams the rerun (recorded by `stp script:run greet`).
    push(RERUN[0]!);
    frame = await waitForText(instance, '── run 2 (rerun) ──');
    expect(frame.split('\n')[0]).toMatch(/^▸ \S greet {2}running \(rerun\)$/);
    push(...RERUN.slice(1));
    frame = await waitForText(instance, 'succeeded in 9 ms');
    expect(frame.split('\n')).toEqual([
      '▸ ✓ greet  succeeded in 9 ms',
      'greet output · run 2',
      'hello from stp (stage dev)',
      'function: hello-script-dev-writeNote',
      'bucket:   hello-script-dev-notesbucket-68kclnaawbog',
      'all good',
      '── run 2 (rerun) ──',
      'hello from stp (stage dev)',
      'function: hello-script-dev-writeNote',
      'bucket:   hello-script-dev-notesbucket-68kclnaawbog',
      'all good',
    ]);
    expect(notices).toEqual([['greet: rerun finished', 'info']]);
  });

  it("a rerun's error shows via notify; a running script is not rerun", async () => {
    const { instance, commands, notices } = mount([...DEPLOY, started('seed')]);
    commands.failWith('rerunScript', new StpError('usage', 'Rerunning a script is not available in a replay.', { code: 'STP_COMMAND_UNAVAILABLE' }));
    await ready(instance, 'greet output');
    await type(instance, 'R', '▸ Cancel ◂');
    await type(instance, KEY.tab, '▸ Rerun ◂');
    await type(instance, KEY.enter, (f) => !f.includes('Rerun script'));
    await until(() => notices.length === 1);
    await type(instance, 'j', 'seed output');
    instance.stdin.write('R');
    await until(() => notices.length === 2);
    expect(notices).toEqual([
      ['Rerunning a script is not available in a replay.', 'error'],
      ['seed is running: rerun it once it has finished', 'info'],
    ]);
    expect(commands.calls).toEqual([['rerunScript', 'greet']]);
    expect(plain(instance.lastFrame())).not.toContain('Rerun script seed?');
  });

  it('windows the output over the ring buffer within its height, newest lines last', async () => {
    const lines = Array.from({ length: 50 }, (_, i) => log('flood', `line ${i + 1}`, i));
    const { instance, push } = mount([started('flood'), ...lines], { height: 8 });
    let frame = await waitForText(instance, 'line 50');
    expect(frame.split('\n')).toEqual(['▸ ' + frame.split('\n')[0]!.slice(2), 'flood output', 'line 45', 'line 46', 'line 47', 'line 48', 'line 49', 'line 50']);
    push(log('flood', 'line 51', 51));
    frame = await waitForText(instance, 'line 51');
    expect(frame.split('\n')).toHaveLength(8);
    expect(frame.split('\n').at(-1)).toBe('line 51');
  });

  it('says how many lines the ring buffer dropped', async () => {
    const fixture = sessionFixture([started('flood'), ...Array.from({ length: 12 }, (_, i) => log('flood', `line ${i + 1}`, i))], { scriptLines: 10 });
    const instance = render(<ScriptsPane store={fixture.store} commands={recordingCommands()} focused width={90} height={6} notify={() => {}} setCapturing={() => {}} showLogs={() => {}} />);
    expect(await waitForText(instance, 'flood output')).toContain('flood output · 2 earlier lines not kept (l for all)');
  });

  it('keeps the selected script when the pane is mounted again (a tab switch)', async () => {
    const { instance, store } = mount([...DEPLOY, started('seed')]);
    await ready(instance, 'greet output');
    await type(instance, 'j', 'seed output');
    instance.unmount();
    const again = render(<ScriptsPane store={store} commands={recordingCommands()} focused width={90} height={20} notify={() => {}} setCapturing={() => {}} showLogs={() => {}} />);
    expect(await waitForText(again, 'seed output')).toMatch(/^ {2}✓ greet/);
  });

  it('says so when no script ran', async () => {
    const { instance } = mount([]);
    expect(await waitForText(instance, 'No deployment script has run in this session.')).toContain('after:deploy');
  });
});
