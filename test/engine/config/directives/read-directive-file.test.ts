import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDirectiveFile } from '../../../../src/engine/config/directives/read-directive-file.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('readDirectiveFile', () => {
  it.each([
    ['settings.json', { db: { instanceSize: 'db.t4g.micro', port: 5432 }, domains: ['a.example.com', 'b.example.com'] }],
    ['settings.yml', { db: { instanceSize: 'db.t4g.small', port: 3306 } }],
    [
      '.env.production',
      { API_KEY: 'abc123', PLAIN: 'hello world', QUOTED: 'line1\nline2', SINGLE: 'no $escape \\n here', MULTI: 'first\nsecond' },
    ],
  ])('reads %s by its name', (file, value) => {
    const result = readDirectiveFile(fixtures, file);
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toEqual(value);
    expect(result.absolutePath).toBe(join(fixtures, file));
  });

  it.each([
    ['missing.json', 'not-found'],
    ['notes.txt', 'unsupported-format'],
    ['broken.json', 'parse-error'],
  ])('%s → %s', (file, reason) => {
    const result = readDirectiveFile(fixtures, file);
    expect(result).toMatchObject({ ok: false, reason });
  });
});
