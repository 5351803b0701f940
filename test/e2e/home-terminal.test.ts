/**
 * `stp` alone at a real terminal (tmux, CI unset) in a project folder: the home screen lists the
 * deployed stages from the local cloud; choosing an action leaves the screen and runs the command
 * as if typed; `q` leaves with exit 0.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../support/run-stp.js';
import { TmuxTerminal } from '../support/tmux-terminal.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stp-home-e2e-'));
const terminals: TmuxTerminal[] = [];
const env = { STP_LOCAL_TIME_SCALE: '600', CI: 'true' };

beforeAll(async () => {
  writeFileSync(path.join(dir, 'stacktape.yml'), 'serviceName: homee2e\nresources: {}\ncloudformationResources:\n  Topic:\n    Type: AWS::SNS::Topic\n');
  for (const stage of ['dev', 'prod']) {
    const run = await runStp(['deploy', '--local', '--region', 'eu-west-1', '--stage', stage], { cwd: dir, env });
    if (run.code !== 0) throw new Error(run.stdout + run.stderr);
  }
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  rmSync(dir, { recursive: true, force: true });
});

function home(): TmuxTerminal {
  const term = new TmuxTerminal(dir, { columns: 120, rows: 30 });
  terminals.push(term);
  term.start(`STP_LOCAL_TIME_SCALE=600 NO_COLOR=1 node ${stpBin} --local --region eu-west-1`);
  return term;
}

it('lists the stages; s on prod leaves the screen and runs stp status for prod', async () => {
  const term = home();
  const screen = await term.waitFor((s) => s.includes('CREATE_COMPLETE'), 'the home screen with its stages', 2400);
  expect(screen).toContain('stp homee2e · eu-west-1 · the local cloud');
  expect(screen).toMatch(/› dev +✓ CREATE_COMPLETE/);
  expect(screen).toMatch(/ {2}prod +✓ CREATE_COMPLETE/);
  term.sendKeys('j');
  await term.waitFor((s) => /› prod/.test(s), 'prod selected');
  term.sendKeys('s');
  const done = await term.waitFor((s) => s.includes('[exit '), 'stp status to finish', 2400);
  expect(done).toMatch(/homee2e-prod CREATE_COMPLETE \(the local cloud/);
  expect(done).toContain('resources (1):');
  expect(done).toContain('[exit 0]');
  // The home frame was cleared before the command ran.
  expect(done).not.toContain('q quit');
}, 120_000);

it('q leaves with exit 0', async () => {
  const term = home();
  await term.waitFor((s) => s.includes('q quit'), 'the home screen', 2400);
  term.sendKeys('q');
  const done = await term.waitFor((s) => s.includes('[exit '), 'stp to leave', 2400);
  expect(done).toContain('[exit 0]');
}, 120_000);
