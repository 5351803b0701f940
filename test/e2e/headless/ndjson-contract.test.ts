/**
 * `stp deploy --json` against the local cloud: stdout is one event per line and nothing else, every
 * line has `v` and the next `seq`, the last is the `result`; a person's lines go to stderr. The
 * events' fields are those pinned in test/golden/ndjson-contract.json (a renamed, removed or retyped
 * field fails here as well as in the compile-time pin, test/engine/event-contract.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseLine } from '../../support/headless-lines.js';
import { contractViolations, type Golden } from '../../support/ndjson-shape.js';
import { repoRoot, runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';

const golden = JSON.parse(readFileSync(path.join(repoRoot, 'test', 'golden', 'ndjson-contract.json'), 'utf8')) as Golden;
const example = copyExample('hello-script');
const env = { STP_LOCAL_TIME_SCALE: '15', CI: 'true' };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });
afterAll(() => example.remove());

interface Event {
  type: string;
  v: number;
  seq: number;
  ts: string;
  [key: string]: unknown;
}

function parse(stdout: string): Event[] {
  return stdout
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as Event);
}

function expectStream(events: Event[], result: Record<string, unknown>): void {
  expect(events.every((e) => e.v === 1)).toBe(true);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.every((e) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(e.ts))).toBe(true);
  expect(events[0]!.type).toBe('session.started');
  expect(events.filter((e) => e.type === 'result')).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ type: 'result', ...result });
  expect(contractViolations(events, golden)).toEqual([]);
}

describe('stp deploy --json', () => {
  it('a new stack: NDJSON on stdout in the pinned shape, the plain lines on stderr', async () => {
    editFile(example.configFile, (t) => `${t}\ncloudformationResources:\n  Archive:\n    Type: AWS::SNS::Topic\n`);
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(0);
    const events = parse(run.stdout);
    expectStream(events, { outcome: 'succeeded', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    expect(events[0]).toMatchObject({ type: 'session.started', command: 'deploy', stack: 'hello-script-dev', stage: 'dev', region: 'eu-west-1', mode: 'json' });
    expect(events.filter((e) => e.type === 'phase.changed').map((e) => e.phase)).toEqual(['resolve', 'package', 'check', 'change-set', 'classify', 'gate', 'execute', 'watch', 'done']);
    expect(events.filter((e) => e.type === 'script.log').map((e) => e.line)).toEqual([
      'hello from stp (stage dev)',
      'function: hello-script-dev-writeNote',
      expect.stringMatching(/^bucket: {3}hello-script-dev-notesbucket-[a-z0-9]{12}$/),
      'all good',
    ]);
    const stderr = run.stderr.trimEnd().split('\n').map(normaliseLine);
    expect(stderr[0]).toBe('HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)');
    expect(stderr.at(-1)).toBe('HH:MM:SS ✓ deployed hello-script-dev (CREATE_COMPLETE) in DURATION');
  }, 120_000);

  it('a failing script: first-cause and error before a rolled-back result (exit 1)', async () => {
    editFile(path.join(example.dir, 'src', 'greet.ts'), (t) => t.replace("console.log('all good');", "throw new Error('smoke check failed');"));
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(1);
    const events = parse(run.stdout);
    expectStream(events, { outcome: 'rolled-back', exitCode: 1, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    expect(events.find((e) => e.type === 'first-cause')).toMatchObject({ logicalId: 'GreetScriptCustomResource', owner: 'greet', resourceType: 'Custom::StpDeploymentScript' });
    expect(events.find((e) => e.type === 'error')).toMatchObject({ type: 'error', code: 'STP_ROLLED_BACK', phase: 'watch', fix: 'Fix the first cause above and deploy again.' });
    expect(events.find((e) => e.type === 'script.finished')).toMatchObject({ script: 'greet', ok: false, error: 'smoke check failed' });
  }, 120_000);

  it('a refused destructive change: the policy answer, the error and a refused result (exit 3)', async () => {
    editFile(example.configFile, (t) => t.replace('\ncloudformationResources:\n  Archive:\n    Type: AWS::SNS::Topic\n', ''));
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(3);
    const events = parse(run.stdout);
    expectStream(events, { outcome: 'refused', exitCode: 3, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    expect(events.find((e) => e.type === 'approval.answered')).toMatchObject({ id: 'policy', approved: false, by: 'policy' });
    expect(events.find((e) => e.type === 'error')).toMatchObject({ type: 'error', code: 'STP_APPROVAL_REQUIRED', phase: 'gate' });
  }, 120_000);
});

describe('stp preview --json --detailed-exitcode', () => {
  it('the result carries the code stp exits with: 6 for the destructive plan', async () => {
    const run = await stp('preview', '--json', '--detailed-exitcode');
    expect(run.code, run.stderr).toBe(6);
    expectStream(parse(run.stdout), { outcome: 'succeeded', exitCode: 6, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    expect(normaliseLine(run.stderr.trimEnd().split('\n').at(-1)!)).toBe('HH:MM:SS ✓ previewed hello-script-dev (UPDATE_ROLLBACK_COMPLETE) in DURATION (exit 6)');
  }, 120_000);
});

describe('stp deploy --json with a config error', () => {
  it('NDJSON ends in a failed result with exit code 2; the code frame goes to stderr', async () => {
    editFile(example.configFile, (t) => t.replace('type: bucket', 'type: buckett'));
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(2);
    const events = parse(run.stdout);
    expectStream(events, { outcome: 'failed', exitCode: 2 });
    const error = events.find((e) => e.type === 'error')!;
    expect(error).toMatchObject({ type: 'error', message: 'The stack config has 1 error.', phase: 'resolve' });
    expect(error.cause).toEqual([expect.stringMatching(/stacktape\.yml:11:11 STP_CONFIG_[A-Z_]+ /)]);
    expect(run.stderr).toContain('stacktape.yml:11:11');
    editFile(example.configFile, (t) => t.replace('type: buckett', 'type: bucket'));
  }, 60_000);
});

describe('the golden check', () => {
  it('catches a renamed, a missing and a retyped field, and an unknown event type', () => {
    const ok = { type: 'progress', v: 1, seq: 1, ts: 't', done: 1, total: 2 };
    expect(contractViolations([ok], golden)).toEqual([]);
    expect(contractViolations([{ type: 'progress', v: 1, seq: 1, ts: 't', finished: 1, total: 2 }], golden)).toEqual([
      'progress: field "finished" is not in the golden',
      'progress: required field "done" is missing',
    ]);
    expect(contractViolations([{ ...ok, total: '2' }], golden)).toEqual(['progress: field "total" is string, the golden says number']);
    expect(contractViolations([{ ...ok, type: 'progress.made' }], golden)).toEqual(['event type "progress.made" is not in the golden']);
  });
});
