/**
 * `stp logs … --ci` as a pipeline runs it (issue 12 item 7): plain lines, one source without a
 * source column; `--follow` streams until interrupted, then exits 130 with every line printed.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { copyExample } from '../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z {2}/;

beforeAll(async () => {
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '600', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 120_000);
afterAll(() => example.remove());

it('--ci --follow prints the lines so far, keeps following, and exits 130 on SIGINT', async () => {
  const child = spawn(process.execPath, [stpBin, 'logs', 'greet', '--ci', '--follow', '--local', '--region', 'eu-west-1', '--since', '1h'], {
    cwd: example.dir,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  for (let i = 0; i < 1200 && !stdout.includes('all good\n'); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  // Still following: nothing ends it but the signal.
  expect(child.exitCode).toBeNull();
  child.kill('SIGINT');
  expect(await exited).toBe(130);
  const lines = stdout.trimEnd().split('\n');
  expect(lines.every((line) => TIME.test(line))).toBe(true);
  expect(lines.map((line) => line.replace(TIME, ''))).toEqual([
    'hello from stp (stage dev)',
    'function: hello-script-dev-writeNote',
    expect.stringMatching(/^bucket: {3}hello-script-dev-notesbucket-\w+$/),
    'all good',
  ]);
  expect(stderr).toBe('');
}, 120_000);
