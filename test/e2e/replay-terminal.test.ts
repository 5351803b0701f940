/**
 * `stp replay FILE` at a real terminal (tmux, CI unset): a failing deploy recorded with --record
 * plays in the console to its result, Home goes back to the start, x answers that a replay is
 * read-only, End shows the end again, and q leaves with exit 0 (whatever the recorded deploy's code) — the terminal's own screen back.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stp-replay-e2e-'));
const terminals: TmuxTerminal[] = [];
let events = 0;

beforeAll(async () => {
  writeFileSync(
    path.join(dir, 'stacktape.yml'),
    'serviceName: replaye2e\nresources: {}\ncloudformationResources:\n  Broken:\n    Type: AWS::SNS::Topic\n    Metadata:\n      stp:emulator:\n        fail: refused for the replay test\n',
  );
  const run = await runStp(['deploy', '--local', '--region', 'eu-west-1', '--record', 'failing.ndjson'], { cwd: dir, env: { STP_LOCAL_TIME_SCALE: '600', CI: 'true' } });
  if (run.code !== 1) throw new Error(run.stdout + run.stderr);
  events = readFileSync(path.join(dir, 'failing.ndjson'), 'utf8').trim().split('\n').length;
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('plays the recording in the console; Home, x, End and q work', async () => {
  const term = new TmuxTerminal(dir, { columns: 110, rows: 30 });
  terminals.push(term);
  term.start(`echo before-replay; NO_COLOR=1 node ${stpBin} replay failing.ndjson`);
  let ended = await term.waitFor((s) => s.includes('■ ended'), 'the replay to end', 2400);
  expect(ended).toMatch(/stp deploy · replaye2e-dev · stage dev · eu-west-1 · local cloud +↺ rolled back/);
  // The whole recorded deploy took 0.2 s: the console may not have drawn the moment the update
  // started (when it moves from the plan to the events pane), so go there by key.
  if (!ended.includes('[2 Events]')) {
    term.sendKeys('2');
    ended = await term.waitFor((s) => s.includes('[2 Events]'), 'the events pane');
  }
  expect(ended).toMatch(/✗ First cause: Broken +AWS::SNS::Topic/);
  expect(ended).toContain('refused for the replay test');
  expect(ended).toContain(`event ${events}/${events}`);
  expect(ended).toContain('Space pause / play  +/- faster / slower');
  term.sendKeys('Home');
  const start = await term.waitFor((s) => /‖ paused|▶ playing/.test(s) && !s.includes('■ ended'), 'the start');
  expect(start).toMatch(/event \d+\/\d+/);
  // One key at a time, each after the screen answered: keys typed in one burst reach Ink as one input.
  term.sendKeys('x');
  await term.waitFor((s) => s.includes('A replay is read-only'), 'the read-only answer');
  term.sendKeys('End');
  await term.waitFor((s) => s.includes('■ ended'), 'the end again');
  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'stp replay to leave', 2400);
  expect(done).toContain('[exit 0]');
  // The alternate screen is gone: the terminal shows what it showed before.
  expect(done).toContain('before-replay');
  expect(done).not.toContain('■ ended');
}, 120_000);
