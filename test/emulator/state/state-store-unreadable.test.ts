import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { StpError } from '../../../src/errors/stp-error.js';
import { openStateStore } from '../../../src/emulator/state/state-store.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'stp-state-unreadable-'));
  dirs.push(dir);
  return dir;
}

it('a corrupt state file is an environment error naming the file; the file is kept and the lock released', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'state.json'), '{ torn');
  let error: unknown;
  try {
    openStateStore({ dir });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(StpError);
  expect(error).toMatchObject({ kind: 'environment', code: 'STP_LOCAL_STATE_CORRUPT', resource: join(dir, 'state.json') });
  expect((error as Error).message).toMatch(/state\.json is not valid JSON \(.*\); it was left as it is$/);
  expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe('{ torn');
  expect(existsSync(join(dir, 'lock'))).toBe(false);
});

it('state a service cannot restore is never overwritten on close', async () => {
  const dir = tempDir();
  const saved = JSON.stringify({ format: 'stp-local-state', version: 1, savedAt: 'then', namespaces: { s3: { buckets: ['precious'] } } });
  writeFileSync(join(dir, 'state.json'), saved);
  const store = openStateStore({ dir });
  expect(() =>
    store.register('s3', {
      serialize: () => ({ buckets: [] }),
      restore: () => {
        throw new Error('unexpected shape');
      },
    }),
  ).toThrow(/holds "s3" state this version of stp cannot restore \(unexpected shape\)/);
  store.markDirty();
  await store.close();
  expect(readFileSync(join(dir, 'state.json'), 'utf8')).toBe(saved);
  expect(existsSync(join(dir, 'lock'))).toBe(false);
});
