import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandLineFor } from '../../../src/cli/home/run-home.js';
import { main } from '../../../src/cli/main.js';
import type { TerminalIo } from '../../../src/cli/output/terminal-io.js';

const empty = mkdtempSync(path.join(tmpdir(), 'stp-home-none-'));
const broken = mkdtempSync(path.join(tmpdir(), 'stp-home-broken-'));
writeFileSync(path.join(broken, 'stacktape.yml'), 'resources:\n  api:\n    type: functon\n');
afterAll(() => {
  rmSync(empty, { recursive: true, force: true });
  rmSync(broken, { recursive: true, force: true });
});

async function run(argv: string[], tty: boolean, cwd: string, extraEnv: NodeJS.ProcessEnv = {}) {
  const env = { NO_COLOR: '1', ...extraEnv };
  let out = '';
  let err = '';
  const code = await main({
    argv,
    env,
    cwd,
    stdoutIsTTY: tty,
    makeIo: (color): TerminalIo => ({ out: (t) => void (out += t), err: (t) => void (err += t), color, stdoutIsTTY: tty, stdinIsTTY: tty }),
  });
  return { code, out, err };
}

describe('stp with no command', () => {
  it('headless: prints the help and exits 2, as before the home screen', async () => {
    const result = await run([], false, broken);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/\n {2}replay +Play a recorded session/);
    expect(result.err).toBe('');
  });

  it('at a terminal under CI: the help', async () => {
    const result = await run([], true, empty, { CI: 'true' });
    expect(result.code).toBe(2);
    expect(result.out).toContain('Commands');
  });

  it('at a terminal without a config: the help', async () => {
    const result = await run([], true, empty);
    expect(result.code).toBe(2);
    expect(result.out).toMatch(/\n {2}deploy +Deploy the stack/);
    expect(result.err).toBe('');
  });

  it('at a terminal with a config that does not load: the help, with a note to validate', async () => {
    const result = await run([], true, broken);
    expect(result.code).toBe(2);
    expect(result.err).toContain('has errors; `stp validate` shows them.');
    expect(result.out).toMatch(/\n {2}deploy +Deploy the stack/);
  });
});

describe('commandLineFor', () => {
  it('puts the action first, keeps the global flags and replaces the stage', () => {
    expect(commandLineFor({ action: 'deploy', stage: 'prod' }, ['--local', '--stage', 'dev', '--region', 'eu-west-1'])).toEqual(['deploy', '--local', '--region', 'eu-west-1', '--stage', 'prod']);
    expect(commandLineFor({ action: 'status', stage: 'qa' }, ['-s', 'dev', '--stage=x', '--config', 'infra'])).toEqual(['status', '--config', 'infra', '--stage', 'qa']);
    expect(commandLineFor({ action: 'logs', stage: 'dev', resource: 'api' }, [])).toEqual(['logs', 'api', '--stage', 'dev']);
  });
});
