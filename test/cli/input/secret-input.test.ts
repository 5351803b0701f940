import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readSecretValue, type SecretStdin } from '../../../src/cli/input/secret-input.js';
import { StpError } from '../../../src/errors/stp-error.js';

function pipedStdin(text: string): SecretStdin {
  const stream = new PassThrough();
  stream.end(text);
  return stream;
}

function terminal(): { stdin: SecretStdin & PassThrough; raw: boolean[] } {
  const raw: boolean[] = [];
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: (mode: boolean) => raw.push(mode) });
  return { stdin, raw };
}

describe('readSecretValue', () => {
  it('reads piped standard input and drops one trailing newline', async () => {
    expect(await readSecretValue({ stdin: pipedStdin('s3cret\n'), prompt: () => undefined, ci: true, name: 'x' })).toBe('s3cret');
    expect(await readSecretValue({ stdin: pipedStdin('two\n\n'), prompt: () => undefined, ci: true, name: 'x' })).toBe('two\n');
  });

  it('reads --file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'stp-secret-input-'));
    try {
      writeFileSync(path.join(dir, 'v.json'), '{"password":"p"}\n');
      expect(await readSecretValue({ file: path.join(dir, 'v.json'), stdin: pipedStdin('ignored'), prompt: () => undefined, ci: false, name: 'x' })).toBe('{"password":"p"}');
      const missing = await readSecretValue({ file: path.join(dir, 'nope'), stdin: pipedStdin(''), prompt: () => undefined, ci: false, name: 'x' }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(StpError);
      expect(missing).toMatchObject({ kind: 'environment', code: 'STP_SECRET_FILE_UNREADABLE' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prompts on a terminal with echo off (raw mode, nothing written back), handling backspace', async () => {
    const { stdin, raw } = terminal();
    const written: string[] = [];
    const value = readSecretValue({ stdin, prompt: (text) => written.push(text), ci: false, name: 'db' });
    stdin.write('hunx');
    stdin.write('\u007f');
    stdin.write('ter2\r');
    expect(await value).toBe('hunter2');
    expect(raw).toEqual([true, false]);
    expect(written.join('')).toBe('Value for secret db (input hidden, Enter to finish): \n');
  });

  it('Ctrl+C at the prompt stores nothing and exits 130', async () => {
    const { stdin } = terminal();
    const value = readSecretValue({ stdin, prompt: () => undefined, ci: false, name: 'db' }).catch((e: unknown) => e);
    stdin.write('abc\u0003');
    expect(await value).toMatchObject({ code: 'STP_INTERRUPTED', exitCode: 130 });
  });

  it('never prompts in --ci mode, and refuses an empty value', async () => {
    const { stdin } = terminal();
    expect(await readSecretValue({ stdin, prompt: () => undefined, ci: true, name: 'db' }).catch((e: unknown) => e)).toMatchObject({ kind: 'usage', code: 'STP_SECRET_NO_VALUE' });
    expect(await readSecretValue({ stdin: pipedStdin('\n'), prompt: () => undefined, ci: true, name: 'db' }).catch((e: unknown) => e)).toMatchObject({ kind: 'usage', code: 'STP_SECRET_EMPTY' });
  });
});
