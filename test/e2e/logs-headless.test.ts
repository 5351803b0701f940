/**
 * `stp logs … --ci` as a pipeline runs it (issue 12 item 7): plain lines, one source without a
 * source column; `--follow` streams until interrupted, then exits 130 with every line printed.
 * At a real terminal `--ci` prints the same lines and never loads Ink; without it the terminal
 * view does (the control).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { moduleRecorder, uiModules } from '../support/loaded-ui-modules.js';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';
import { copyExample } from '../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const scratch = mkdtempSync(path.join(tmpdir(), 'stp-logs-loaded-'));
const terminals: TmuxTerminal[] = [];
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z {2}/;

beforeAll(async () => {
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '600', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  example.remove();
  rmSync(scratch, { recursive: true, force: true });
});

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

it('--ci at a real terminal prints plain lines and never loads Ink; without --ci the view loads it', async () => {
  const headless = path.join(scratch, 'ci.txt');
  const term = new TmuxTerminal(example.dir, { columns: 120, rows: 20 });
  terminals.push(term);
  term.start(`NO_COLOR=1 STP_TEST_LOADED_MODULES=${headless} node --import ${moduleRecorder} ${stpBin} logs greet --ci --local --region eu-west-1 --since 1h`);
  const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
  expect(done.split('\n').filter((row) => TIME.test(row)).map((row) => row.replace(TIME, '').trimEnd())).toEqual([
    'hello from stp (stage dev)',
    'function: hello-script-dev-writeNote',
    expect.stringMatching(/^bucket: {3}hello-script-dev-notesbucket-\w+$/),
    'all good',
  ]);
  expect(done).toContain('[exit 0]');
  expect(readFileSync(headless, 'utf8')).toContain('/dist/chunks/');
  expect(uiModules(headless)).toEqual([]);

  const interactive = path.join(scratch, 'view.txt');
  const view = new TmuxTerminal(example.dir, { columns: 120, rows: 20 });
  terminals.push(view);
  view.start(`NO_COLOR=1 STP_TEST_LOADED_MODULES=${interactive} node --import ${moduleRecorder} ${stpBin} logs greet --local --region eu-west-1 --since 1h`);
  await view.waitFor((s) => s.includes('logs all sources') || s.includes('logs greet'), 'the logs view', 2400);
  view.sendKeys('q');
  expect(await view.waitFor((s) => s.includes('[exit '), 'the view to close', 400)).toContain('[exit 0]');
  expect(uiModules(interactive).length).toBeGreaterThan(0);
}, 120_000);
