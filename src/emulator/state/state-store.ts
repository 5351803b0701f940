/**
 * Persistence for the local cloud: one JSON file, `<stateDir>/state.json`, with one namespace per
 * service, plus per-namespace blob folders for large payloads (S3 object bodies, Lambda code).
 *
 * How a service uses it (Lambda and CloudFormation included; the store reaches them as `ctx.state`,
 * see core/runtime-context.ts):
 *
 *   ctx.state.register<MySnapshot>('cloudformation', {
 *     serialize: () => ({ stacks: [...] }),          // JSON-serialisable snapshot of the whole namespace
 *     restore: (saved) => { ...rebuild from saved },   // called synchronously inside register(), only
 *   });                                                // when the file holds data for that namespace
 *   ...after every change: ctx.state.markDirty();     // debounced write (50 ms, longer when writes are slow)
 *   const dir = ctx.state.blobDir('lambda');          // <stateDir>/blobs/lambda, created on demand
 *
 * - Dates must be serialised by the service itself (e.g. ISO strings); the store only JSON-encodes.
 * - Writes are atomic: write `state.json.tmp`, fsync, rename over `state.json`, fsync the folder.
 *   Blob files are the service's business; write them atomically too (see writeFileAtomicSync).
 * - Namespaces present in the file but not registered in this run (a service not started) are kept
 *   as they are, so starting a subset of services never drops the others' state.
 * - The directory is locked against a second writer (state-lock.ts); close() flushes and unlocks.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StpError } from '../../errors/stp-error.js';
import { acquireStateLock, type StateLock } from './state-lock.js';

export interface StateNamespace<T> {
  serialize(): T;
  restore(saved: T): void;
}

export interface StateStore {
  readonly dir: string;
  /** `<stateDir>/blobs/<namespace>`, created if missing. */
  blobDir(namespace: string): string;
  register<T>(namespace: string, handlers: StateNamespace<T>): void;
  /** Schedules a debounced write of every namespace. */
  markDirty(): void;
  /** Writes now (waits for any write in flight). */
  flush(): Promise<void>;
  /** Flushes, then releases the lock. The store must not be used afterwards. */
  close(): Promise<void>;
  /** Advertises the endpoint in the lock file (see runningEmulator in state-lock.ts). */
  advertiseEndpoint(endpoint: string): void;
}

interface StateFile {
  format: 'stp-local-state';
  version: 1;
  savedAt: string;
  namespaces: Record<string, unknown>;
}

export const STATE_FILE_NAME = 'state.json';

function readStateFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let parsed: Partial<StateFile>;
  try {
    parsed = JSON.parse(text) as Partial<StateFile>;
  } catch (error) {
    throw unreadableState(path, `is not valid JSON (${(error as Error).message})`, error);
  }
  if (parsed.format !== 'stp-local-state' || parsed.version !== 1 || typeof parsed.namespaces !== 'object' || parsed.namespaces === null) {
    throw unreadableState(path, 'has an unknown format (expected stp-local-state version 1)');
  }
  return { ...(parsed.namespaces as Record<string, unknown>) };
}

/** A state file stp cannot read is never overwritten: the local cloud refuses to start and says so. */
function unreadableState(path: string, what: string, cause?: unknown): StpError {
  return new StpError('environment', `the local cloud state file ${path} ${what}; it was left as it is`, {
    code: 'STP_LOCAL_STATE_CORRUPT',
    resource: path,
    fix: `Move it aside (mv ${path} ${path}.broken) to start from an empty local cloud, or restore it from a backup.`,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/** Writes a file so that readers see either the old or the new content, never a torn one. */
export function writeFileAtomicSync(path: string, data: Buffer | string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some filesystems refuse fsync on a directory; the rename is still atomic.
  }
}

export function openStateStore(options: { dir: string; debounceMs?: number; log?: (line: string) => void; command?: string }): StateStore {
  const dir = options.dir;
  const debounceMs = options.debounceMs ?? 50;
  mkdirSync(dir, { recursive: true });
  const lock: StateLock = acquireStateLock(dir, options.command !== undefined ? { command: options.command } : {});
  const filePath = join(dir, STATE_FILE_NAME);
  let saved: Record<string, unknown>;
  try {
    saved = readStateFile(filePath);
  } catch (error) {
    lock.release();
    throw error;
  }
  const namespaces = new Map<string, StateNamespace<unknown>>();
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  // Set when saved state could not be restored: writing now would replace it with less.
  let readOnly = false;

  const snapshot = (): string => {
    const all: Record<string, unknown> = { ...saved };
    for (const [name, handlers] of namespaces) all[name] = handlers.serialize();
    const file: StateFile = { format: 'stp-local-state', version: 1, savedAt: new Date().toISOString(), namespaces: all };
    return JSON.stringify(file);
  };

  let lastWriteMs = 0;
  const writeNow = async (): Promise<void> => {
    const started = performance.now();
    const text = snapshot();
    const tmp = `${filePath}.tmp-${process.pid}`;
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, filePath);
    await fsyncDir(dirname(filePath));
    lastWriteMs = performance.now() - started;
  };

  const enqueueWrite = (): Promise<void> => {
    // Writes are chained so two never interleave on the tmp file.
    writing = writing
      .catch(() => undefined)
      .then(writeNow)
      .catch((error: unknown) => {
        options.log?.(`local cloud: could not save state to ${filePath}: ${(error as Error).message}`);
        throw error;
      });
    return writing;
  };

  const assertOpen = () => {
    if (closed) throw new Error('The local cloud state store is closed.');
  };

  return {
    dir,
    blobDir(namespace) {
      const path = join(dir, 'blobs', namespace);
      mkdirSync(path, { recursive: true });
      return path;
    },
    register<T>(namespace: string, handlers: StateNamespace<T>) {
      assertOpen();
      if (namespaces.has(namespace)) throw new Error(`State namespace "${namespace}" is registered twice.`);
      namespaces.set(namespace, handlers as StateNamespace<unknown>);
      if (Object.hasOwn(saved, namespace)) {
        try {
          handlers.restore(saved[namespace] as T);
        } catch (error) {
          readOnly = true;
          namespaces.delete(namespace);
          throw unreadableState(filePath, `holds "${namespace}" state this version of stp cannot restore (${(error as Error).message})`, error);
        }
        delete saved[namespace];
      }
    },
    markDirty() {
      if (closed || readOnly || timer) return;
      // A big state makes each write costly; space writes out so saving never dominates the CPU.
      timer = setTimeout(() => {
        timer = undefined;
        enqueueWrite().catch(() => undefined);
      }, Math.max(debounceMs, Math.min(5 * lastWriteMs, 2_000)));
    },
    async flush() {
      assertOpen();
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      await enqueueWrite();
    },
    advertiseEndpoint(endpoint) {
      lock.setEndpoint(endpoint);
    },
    async close() {
      if (closed) return;
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
      }
      try {
        if (!readOnly) await enqueueWrite();
      } finally {
        closed = true;
        lock.release();
      }
    },
  };
}
