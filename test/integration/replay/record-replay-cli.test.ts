/**
 * `--record FILE` and `stp replay FILE --ci` as a user runs them (the built binary, no TTY,
 * --local): the recording is exactly what --json prints, and a replay prints exactly the plain
 * lines the live --ci run printed — for a deploy that fails and rolls back.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../examples/example-deployer.js';

const example = copyExample('hello-script');
const env = { STP_LOCAL_TIME_SCALE: '600', CI: 'true' };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });
const replay = (...args: string[]) => runStp(['replay', ...args], { cwd: example.dir, env });

afterAll(() => example.remove());

/** A topic the local cloud refuses to create: the deploy fails and rolls back. */
const BROKEN = `
cloudformationResources:
  Broken:
    Type: AWS::SNS::Topic
    Metadata:
      stp:emulator:
        fail: topic refused by the test
`;

describe('--record and stp replay', () => {
  it('deploy --json --record: the file holds exactly the NDJSON --json printed, and is 0600', async () => {
    const run = await stp('deploy', '--json', '--record', 'first.ndjson');
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(example.dir, 'first.ndjson');
    expect(readFileSync(file, 'utf8')).toBe(run.stdout);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const types = run.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { type: string }).type);
    expect(types[0]).toBe('session.started');
    expect(types.at(-1)).toBe('result');
  }, 120_000);

  it('a failing deploy recorded with --ci replays (--ci) to exactly the lines the live run printed', async () => {
    editFile(example.configFile, (t) => t + BROKEN);
    const live = await stp('deploy', '--ci', '--record', 'failing.ndjson');
    expect(live.code, live.stdout + live.stderr).toBe(1);
    expect(live.stdout).toContain('topic refused by the test');
    expect(live.stdout).toMatch(/✗ failed and rolled back: hello-script-dev \(UPDATE_ROLLBACK_COMPLETE\)/);
    const played = await replay('failing.ndjson', '--ci');
    expect(played.code, played.stderr).toBe(0);
    expect(played.stdout).toBe(live.stdout);
    // And the recording is the events of that run: mode ci, ending in its rolled-back result.
    const events = readFileSync(path.join(example.dir, 'failing.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events[0]).toMatchObject({ type: 'session.started', command: 'deploy', mode: 'ci', v: 1, seq: 1 });
    expect(events.at(-1)).toMatchObject({ type: 'result', outcome: 'rolled-back', exitCode: 1 });
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  }, 120_000);

  it('refuses a recording path in a missing folder before any AWS call (exit 2)', async () => {
    const run = await stp('preview', '--record', 'no/such/folder/x.ndjson');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot write the recording to no/such/folder/x.ndjson: its folder does not exist.');
    expect(run.stdout).toBe('');
  }, 60_000);

  it('status --record without --watch is a usage error', async () => {
    const run = await stp('status', '--record', 'x.ndjson');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--record records a watched operation: it needs --watch');
  }, 60_000);

  it('replay: a missing file, a malformed line and contradicting flags exit 2 with what is wrong', async () => {
    const missing = await replay('nope.ndjson', '--ci');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Cannot read the recording nope.ndjson: no such file.');
    editFile(path.join(example.dir, 'first.ndjson'), (t) => t.replace(/\n/, '\n{"v":1,"seq":\n'));
    const malformed = await replay('first.ndjson', '--ci');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/first\.ndjson:2: not JSON/);
    expect(malformed.stdout).toBe('');
    const both = await replay('failing.ndjson', '--speed', '2', '--instant');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--speed and --instant contradict each other');
    const bad = await replay('failing.ndjson', '--speed', 'fast');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--speed takes a positive number (a multiplier of real time), got "fast"');
    const none = await replay('--ci');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('stp replay takes the recording to play');
  }, 60_000);
});
