/**
 * Headless mode never loads Ink (nor React): not when stdout is a pipe, not with --ci at a real
 * terminal, not with CI set at one. Every module the process resolves is recorded by a loader hook
 * (test/support/record-loaded-modules.mjs); a module is Ink's or React's when it comes from their
 * packages or, bundled into dist/, holds their code (Ink's `ink-root` node name, React 19's element
 * symbol). A control run that does import Ink shows the check sees it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moduleRecorder, UI_CODE, uiModules } from '../../support/loaded-ui-modules.js';
import { repoRoot, runStp, stpBin } from '../../support/run-stp.js';
import { TmuxTerminal } from '../../support/tmux-terminal.js';
import { copyExample } from '../../integration/examples/example-deployer.js';

const recorder = moduleRecorder;
const example = copyExample('hello-script');
const scratch = mkdtempSync(path.join(tmpdir(), 'stp-loaded-'));
const terminals: TmuxTerminal[] = [];
let runs = 0;

beforeAll(async () => {
  // Created once, so the runs below are quick no-change deploys.
  const created = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '60', CI: 'true' } });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 120_000);
afterAll(() => {
  for (const t of terminals) t.stop();
  example.remove();
  rmSync(scratch, { recursive: true, force: true });
});

function loadedFile(): string {
  return path.join(scratch, `loaded-${++runs}.txt`);
}

describe('headless stp deploy never loads Ink', () => {
  it('control: a process that imports Ink is seen loading it', () => {
    const file = loadedFile();
    const run = spawnSync(process.execPath, ['--import', recorder, '--input-type=module', '-e', "await import('ink')"], { cwd: repoRoot, env: { ...process.env, STP_TEST_LOADED_MODULES: file }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(uiModules(file).some((u) => u.includes('/node_modules/ink/'))).toBe(true);
    expect(uiModules(file).some((u) => u.includes('/node_modules/react/'))).toBe(true);
    // The console is bundled into dist/: the marker finds its chunk, so a run that loaded it would be seen.
    const chunks = readdirSync(path.join(repoRoot, 'dist', 'chunks')).filter((f) => f.endsWith('.mjs'));
    expect(chunks.some((f) => UI_CODE.test(readFileSync(path.join(repoRoot, 'dist', 'chunks', f), 'utf8')))).toBe(true);
  });

  it('stdout a pipe (no TTY): plain lines, no Ink', () => {
    const file = loadedFile();
    const run = spawnSync(process.execPath, ['--import', recorder, stpBin, 'deploy', '--local', '--region', 'eu-west-1'], {
      cwd: example.dir,
      env: { ...process.env, STP_LOCAL_TIME_SCALE: '60', STP_TEST_LOADED_MODULES: file, CI: '' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ no changes: hello-script-dev \(CREATE_COMPLETE\) is up to date\n$/);
    // The recorder saw stp's own chunks, so an Ink chunk would have been seen too.
    expect(readFileSync(file, 'utf8')).toContain('/dist/chunks/');
    expect(uiModules(file)).toEqual([]);
  }, 120_000);

  for (const [name, flags, extraEnv] of [
    ['--ci at a real terminal', '--ci', ''],
    ['CI=true at a real terminal', '', 'CI=true '],
  ] as const) {
    it(`${name}: plain lines, no prompt, no Ink`, async () => {
      const file = loadedFile();
      const term = new TmuxTerminal(example.dir, { columns: 200, rows: 50 });
      terminals.push(term);
      term.start(`env ${extraEnv}STP_LOCAL_TIME_SCALE=60 NO_COLOR=1 STP_TEST_LOADED_MODULES=${file} node --import ${recorder} ${stpBin} deploy ${flags} --local --region eu-west-1`);
      const done = await term.waitFor((s) => s.includes('[exit '), 'the command to finish', 2400);
      expect(done).toContain('✓ no changes: hello-script-dev (CREATE_COMPLETE) is up to date');
      expect(done).toContain('[exit 0]');
      expect(readFileSync(file, 'utf8')).toContain('/dist/chunks/');
      expect(uiModules(file)).toEqual([]);
    }, 120_000);
  }
});
