import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { TerminalIo } from '../../src/cli/output/terminal-io.js';

async function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  let out = '';
  let err = '';
  let color = false;
  const code = await main({
    argv,
    env,
    cwd: process.cwd(),
    stdoutIsTTY: false,
    makeIo: (c): TerminalIo => {
      color = c;
      return { out: (t) => void (out += t), err: (t) => void (err += t), color: c, stdoutIsTTY: false, stdinIsTTY: false };
    },
  });
  return { code, out, err, color };
}

describe('stp main', () => {
  it('prints the version', async () => {
    const result = await run(['--version']);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^\S+\n$/);
  });

  it('lists only the commands that exist in --help', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('validate');
    expect(result.out).toContain('schema');
    expect(result.out).toContain('--endpoint-url URL');
  });

  it('shows per-command help with examples', async () => {
    const result = await run(['validate', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('stp validate');
    expect(result.out).toContain('Examples');
    expect(result.out).toContain('--stage prod');
  });

  it('answers an unknown command with a did-you-mean and exit code 2', async () => {
    const result = await run(['valdate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown command "valdate"');
    expect(result.err).toContain('did you mean "stp validate"?');
  });

  it('answers an unknown flag with a did-you-mean and exit code 2', async () => {
    const result = await run(['validate', '--confg', 'x.yml']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown flag --confg');
    expect(result.err).toContain('did you mean --config?');
  });

  it('does not mistake a flag value for a command', async () => {
    const result = await run(['--stage', 'prod', '--help']);
    expect(result.code).toBe(0);
    expect(result.err).toBe('');
  });

  it('turns colour off for NO_COLOR and --no-color, on for FORCE_COLOR', async () => {
    expect((await run(['--help'], { FORCE_COLOR: '1' })).color).toBe(true);
    expect((await run(['--help'], { FORCE_COLOR: '1', NO_COLOR: '1' })).color).toBe(false);
    expect((await run(['--help', '--no-color'], { FORCE_COLOR: '1' })).color).toBe(false);
    expect((await run(['--help'], {})).color).toBe(false);
  });
});
