import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { StateLockedError } from '../../../src/emulator/state/state-lock.js';
import { openStateStore } from '../../../src/emulator/state/state-store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'stp-state-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('saves every namespace on close and restores each at registration', async () => {
  const dir = tempDir();
  const store = openStateStore({ dir });
  let counter = 41;
  store.register('a', { serialize: () => ({ counter }), restore: () => undefined });
  counter++;
  await store.close();
  expect(existsSync(join(dir, 'lock'))).toBe(false);

  const reopened = openStateStore({ dir });
  const restored: unknown[] = [];
  reopened.register('a', { serialize: () => ({}), restore: (saved) => restored.push(saved) });
  reopened.register('never-saved', { serialize: () => ({}), restore: (saved) => restored.push(saved) });
  expect(restored).toEqual([{ counter: 42 }]);
  await reopened.close();
});

it('keeps namespaces nobody registered in this run', async () => {
  const dir = tempDir();
  const first = openStateStore({ dir });
  first.register('lambda', { serialize: () => ({ functions: ['f'] }), restore: () => undefined });
  first.register('logs', { serialize: () => ({ groups: 1 }), restore: () => undefined });
  await first.close();
  const second = openStateStore({ dir });
  second.register('logs', { serialize: () => ({ groups: 2 }), restore: () => undefined });
  await second.close();
  const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { namespaces: Record<string, unknown> };
  expect(saved.namespaces).toEqual({ lambda: { functions: ['f'] }, logs: { groups: 2 } });
});

it('writes after markDirty without an explicit flush (debounced)', async () => {
  const dir = tempDir();
  const store = openStateStore({ dir, debounceMs: 5 });
  let value = 0;
  store.register('n', { serialize: () => value, restore: () => undefined });
  value = 7;
  store.markDirty();
  store.markDirty();
  await vi.waitFor(() => {
    expect((JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { namespaces: { n: number } }).namespaces.n).toBe(7);
  });
  await store.close();
});

it('locks the directory against a second writer and names the holder', async () => {
  const dir = tempDir();
  const store = openStateStore({ dir });
  expect(() => openStateStore({ dir })).toThrow(StateLockedError);
  expect(() => openStateStore({ dir })).toThrow(new RegExp(`pid ${process.pid}`));
  await store.close();
  const again = openStateStore({ dir });
  await again.close();
});

it('treats a lock whose pid belongs to another process start as stale (Linux: /proc start ticks)', async () => {
  const dir = tempDir();
  // Our own pid, but a process start time that is not ours: the pid was reused.
  writeFileSync(join(dir, 'lock'), JSON.stringify({ pid: process.pid, startedAt: 'earlier', procStartTicks: '1' }));
  if (process.platform !== 'linux') {
    // Without /proc a live pid cannot be told from a reused one: the lock holds, and says who has it.
    expect(() => openStateStore({ dir })).toThrow(StateLockedError);
    return;
  }
  // On Linux (where the suite runs) the check must really happen, never be skipped.
  expect(existsSync(`/proc/${process.pid}/stat`)).toBe(true);
  const store = openStateStore({ dir });
  const taken = JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')) as { pid: number; startedAt: string; procStartTicks?: string };
  expect(taken.pid).toBe(process.pid);
  expect(taken.startedAt).not.toBe('earlier');
  expect(taken.procStartTicks).toMatch(/^\d+$/);
  expect(taken.procStartTicks).not.toBe('1');
  await store.close();
});

it('refuses a corrupt state file with a clear message and releases the lock', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'state.json'), '{ torn');
  expect(() => openStateStore({ dir })).toThrow(/state\.json is not valid JSON/);
  expect(existsSync(join(dir, 'lock'))).toBe(false);
});

it('reports which namespace failed to restore', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 'stp-local-state', version: 1, savedAt: '', namespaces: { x: 1 } }));
  const store = openStateStore({ dir });
  expect(() =>
    store.register('x', {
      serialize: () => 1,
      restore: () => {
        throw new Error('bad shape');
      },
    }),
  ).toThrow(/"x" state .*bad shape/);
  return store.close();
});
