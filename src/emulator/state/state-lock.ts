/**
 * The single-writer lock on a local cloud state directory: `<stateDir>/lock` holds the owner's pid,
 * its start time (ISO) and, on Linux, the kernel's process start tick (so a pid reused by an
 * unrelated process is still recognised as stale). A lock whose pid is dead (or reused) is taken
 * over; a live one is a clear error naming the pid.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export interface LockOwner {
  pid: number;
  startedAt: string;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent off Linux. */
  procStartTicks?: string;
  /** The endpoint the holder serves, once it listens (so another command can use it). */
  endpoint?: string;
}

export interface StateLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Records the endpoint in the lock file (rewritten atomically). */
  setEndpoint(endpoint: string): void;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

export class StateLockedError extends Error {
  constructor(
    readonly lockPath: string,
    readonly holder: LockOwner,
  ) {
    super(
      `The local cloud state at ${lockPath.replace(/[/\\]lock$/, '')} is in use by another process ` +
        `(pid ${holder.pid}, started ${holder.startedAt}${holder.endpoint ? `, serving ${holder.endpoint}` : ''}). ` +
        `Stop that process (e.g. the other \`stp local\`) ` +
        `or remove ${lockPath} if you are sure it is not running.`,
    );
    this.name = 'StateLockedError';
  }
}

function procStartTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after the last ')' are fixed.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19];
  } catch {
    return undefined;
  }
}

function isAlive(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: the pid exists but belongs to someone else, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  if (owner.procStartTicks !== undefined) {
    const current = procStartTicks(owner.pid);
    if (current !== undefined && current !== owner.procStartTicks) return false;
  }
  return true;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      startedAt: String(parsed.startedAt ?? 'unknown'),
      procStartTicks: parsed.procStartTicks,
      endpoint: typeof parsed.endpoint === 'string' ? parsed.endpoint : undefined,
    };
  } catch {
    return undefined;
  }
}

function writeExclusive(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function acquireStateLock(stateDir: string): StateLock {
  const path = join(stateDir, 'lock');
  const owner: LockOwner = { pid: process.pid, startedAt: new Date().toISOString(), procStartTicks: procStartTicks(process.pid) };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (writeExclusive(path, owner)) {
      let released = false;
      return {
        path,
        owner,
        setEndpoint(endpoint) {
          if (released) return;
          owner.endpoint = endpoint;
          const tmp = `${path}.tmp-${process.pid}`;
          writeFileSync(tmp, JSON.stringify(owner));
          renameSync(tmp, path);
        },
        release() {
          if (released) return;
          released = true;
          const current = readOwner(path);
          if (current && current.pid === owner.pid && current.startedAt === owner.startedAt) {
            try {
              unlinkSync(path);
            } catch {
              // Already gone: nothing to release.
            }
          }
        },
      };
    }
    const holder = readOwner(path);
    if (holder && isAlive(holder)) throw new StateLockedError(path, holder);
    // Stale (dead pid, reused pid, or a torn file): move it aside atomically, then retry, so two
    // processes racing for the same stale lock cannot both win.
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
      unlinkSync(aside);
    } catch {
      // Another process took it over first; the next attempt sees its lock.
    }
  }
  const holder = readOwner(path);
  throw new StateLockedError(path, holder ?? { pid: -1, startedAt: 'unknown' });
}

/**
 * The live process holding the state directory, if any, with the endpoint it serves: lets a
 * command use an already running `stp local` instead of failing on the lock.
 */
export function runningEmulator(stateDir: string): LockOwner | undefined {
  const holder = readOwner(join(stateDir, 'lock'));
  return holder && isAlive(holder) ? holder : undefined;
}
