import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDirectiveFile } from '../../../../src/engine/config/directives/read-directive-file.js';

const dir = mkdtempSync(join(tmpdir(), 'stp-dotenv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What `$File('.env')` gives for a file with this text (read by dotenv, the convention). */
function readEnv(text: string): unknown {
  writeFileSync(join(dir, '.env'), text);
  const result = readDirectiveFile(dir, '.env');
  if (!result.ok) throw new Error(result.message);
  return result.value;
}

describe("$File('.env')", () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['  A = spaced  ', { A: 'spaced' }],
    ['A=x # comment', { A: 'x' }],
    // dotenv: an unquoted `#` starts a comment even without a space before it (quote to keep it).
    ['A=x#comment', { A: 'x' }],
    ['A="x#kept"', { A: 'x#kept' }],
    ['# only a comment\n\nB=2', { B: '2' }],
    // dotenv expands \n and \r inside double quotes; other backslashes stay as written.
    ['A="a\\nb \\"q\\""', { A: 'a\nb \\"q\\"' }],
    ["A='raw \\n # kept'", { A: 'raw \\n # kept' }],
    ['A="one\ntwo"\nB=3', { A: 'one\ntwo', B: '3' }],
    ['A=\r\nB=2\r\n', { A: '', B: '2' }],
    ['not a line\nC=3', { C: '3' }],
  ])('%j', (text, expected) => {
    expect(readEnv(text)).toEqual(expected);
  });
});
