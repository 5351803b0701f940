/**
 * The single-writer lock on a local cloud state directory: `<stateDir>/lock` holds the owner's pid,
 * its start time (ISO), on Linux the kernel's process start tick (so a pid reused by an unrelated
 * process is still recognised as stale), the command that holds it and, only for a long-lived
 * `stp local`, the endpoint it serves. A live holder is a clear error; a dead one is taken over.
 *
 * Why not proper-lockfile: its staleness is an mtime heartbeat (a suspended laptop or a busy event
 * loop "compromises" a live lock) and its stale takeover has the same stat-then-remove race this
 * module had. Here liveness is the pid, and the takeover is race-free:
 * - a lock appears with its full content at once (written to a temporary file, then `link`ed,
 *   which fails if the lock exists), so a reader never sees a half-written lock;
 * - a stale lock is removed only by the holder of `lock.takeover-<hash of its content>`, created
 *   exclusively, after checking the lock still has that content. Only one process can hold that
 *   marker, so a stale generation is removed at most once; everyone then races on the exclusive
 *   `link`, which exactly one wins. A marker left by a taker that died is taken over the same way.
 */
import { createHash } from 'node:crypto';
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { StpError } from '../../errors/stp-error.js';

export interface LockOwner {
  pid: number;
  startedAt: string;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); absent off Linux. */
  procStartTicks?: string;
  /** What holds it, e.g. "stp local" or "stp compile" (for the message another command gets). */
  command?: string;
  /** The endpoint the holder serves to other commands; only a long-lived `stp local` advertises one. */
  endpoint?: string;
}

export interface StateLock {
  readonly path: string;
  readonly owner: LockOwner;
  /** Records the endpoint in the lock file (rewritten atomically), so other commands can use it. */
  setEndpoint(endpoint: string): void;
  /** Removes the lock file if it is still ours. */
  release(): void;
}

export interface AcquireStateLockOptions {
  /** Recorded in the lock for the message a second command gets. */
  command?: string;
  /** Test seam: called after a holder was judged stale and before taking it over. */
  onStaleHolder?: (holder: LockOwner | undefined) => void;
}

/** The state directory is held by another live process. */
export class StateLockedError extends StpError {
  constructor(
    readonly lockPath: string,
    readonly holder: LockOwner,
  ) {
    const stateDir = lockPath.replace(/[/\\]lock$/, '');
    const who = `${holder.command ? `\`${holder.command}\`` : 'another process'} (pid ${holder.pid}, started ${holder.startedAt})`;
    super(
      'environment',
      holder.endpoint
        ? `the local cloud state in ${stateDir} is in use by ${who}, serving ${holder.endpoint}`
        : `the local cloud state in ${stateDir} is in use by ${who}`,
      {
        code: 'STP_LOCAL_STATE_IN_USE',
        resource: stateDir,
        fix: holder.endpoint
          ? `Use that local cloud (commands with --local find it), or stop it first; if pid ${holder.pid} is not stp, remove ${lockPath}.`
          : `Wait for it to finish, or run \`stp local\` for this project so that commands share one local cloud; if pid ${holder.pid} is not stp, remove ${lockPath}.`,
      },
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

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseOwner(text: string | undefined): LockOwner | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<LockOwner>;
    if (typeof parsed.pid !== 'number') return undefined;
    return {
      pid: parsed.pid,
      startedAt: String(parsed.startedAt ?? 'unknown'),
      ...(typeof parsed.procStartTicks === 'string' ? { procStartTicks: parsed.procStartTicks } : {}),
      ...(typeof parsed.command === 'string' ? { command: parsed.command } : {}),
      ...(typeof parsed.endpoint === 'string' ? { endpoint: parsed.endpoint } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Creates `path` with `text` only if it does not exist; readers see all of it or nothing. */
function createExclusive(path: string, text: string): boolean {
  const tmp = `${path}.new-${process.pid}-${Math.random().toString(36).slice(2)}`;
  writeFileSync(tmp, text);
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A file system without hard links: exclusive create, then write (a reader may briefly see it empty).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') return createExclusiveWithoutLink(path, text);
    throw error;
  } finally {
    unlinkSync(tmp);
  }
}

function createExclusiveWithoutLink(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

function unlinkIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Removes `path` if it still holds `staleText`, guarded by an exclusive marker for that content
 * (see the module comment). Returns false when another live process is doing it.
 */
function removeStale(path: string, staleText: string, markerText: string, depth = 0): boolean {
  if (depth > 4) throw new Error(`Too many abandoned lock takeovers beside ${path}; remove ${path}.takeover-* by hand.`);
  const marker = `${path}.takeover-${createHash('sha256').update(staleText).digest('hex').slice(0, 16)}`;
  if (!createExclusive(marker, markerText)) {
    const text = readText(marker);
    if (text === undefined) return false;
    const taker = parseOwner(text);
    // A taker that died holding the marker: remove its marker the same guarded way, then retry.
    if (!taker || !isAlive(taker)) removeStale(marker, text, markerText, depth + 1);
    return false;
  }
  try {
    if (readText(path) === staleText) unlinkIfPresent(path);
  } finally {
    unlinkIfPresent(marker);
  }
  return true;
}

export function acquireStateLock(stateDir: string, options: AcquireStateLockOptions = {}): StateLock {
  const path = join(stateDir, 'lock');
  const ticks = procStartTicks(process.pid);
  const owner: LockOwner = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    ...(ticks !== undefined ? { procStartTicks: ticks } : {}),
    ...(options.command !== undefined ? { command: options.command } : {}),
  };
  const ownerText = JSON.stringify(owner);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (createExclusive(path, ownerText)) return heldLock(path, owner);
    const text = readText(path);
    if (text === undefined) continue; // released meanwhile: try again
    const holder = parseOwner(text);
    if (holder && isAlive(holder)) throw new StateLockedError(path, holder);
    options.onStaleHolder?.(holder);
    // Another live process taking over the same stale lock gets a moment; the next look sees its lock.
    if (!removeStale(path, text, ownerText)) sleepSync(10);
  }
  const holder = parseOwner(readText(path));
  throw new StateLockedError(path, holder ?? { pid: -1, startedAt: 'unknown' });
}

function heldLock(path: string, owner: LockOwner): StateLock {
  let released = false;
  const isOurs = () => {
    const current = parseOwner(readText(path));
    return current !== undefined && current.pid === owner.pid && current.startedAt === owner.startedAt;
  };
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
      if (isOurs()) unlinkIfPresent(path);
    },
  };
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The live process holding the state directory, if any; its `endpoint` is set only when it is a
 * long-lived `stp local` that serves other commands.
 */
export function runningEmulator(stateDir: string): LockOwner | undefined {
  const holder = parseOwner(readText(join(stateDir, 'lock')));
  return holder && isAlive(holder) ? holder : undefined;
}
