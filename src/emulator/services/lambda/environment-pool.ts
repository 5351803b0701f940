import type { ExecutionEnvironment } from './execution-environment.js';

/** An execution environment plus what the pool and the invoker track about it. */
export interface PooledEnvironment {
  process: ExecutionEnvironment;
  /** The function configuration revision it was started with; a newer revision retires it. */
  revision: string;
  logGroup: string;
  logStream: string;
  invocations: number;
  /** Lines of the invocation in progress (for LogType Tail); lines before the first one are init output. */
  lines: string[];
}

/** Idle environments end after this much wall time without work (AWS recycles idle ones too). */
const IDLE_WALL_MS = 5 * 60_000;

/**
 * Warm execution environments per function: an invocation takes an idle environment of the
 * current revision or starts a new one, so concurrent invocations each get their own process and
 * one process never runs two invocations at once.
 */
export class EnvironmentPool {
  private readonly idle = new Map<string, PooledEnvironment[]>();
  private readonly all = new Map<string, Set<PooledEnvironment>>();
  private readonly idleTimers = new Map<PooledEnvironment, NodeJS.Timeout>();

  acquire(functionName: string, revision: string, start: () => PooledEnvironment): PooledEnvironment {
    const idle = this.idle.get(functionName) ?? [];
    while (idle.length > 0) {
      const candidate = idle.pop();
      if (!candidate) break;
      this.clearIdleTimer(candidate);
      if (candidate.revision === revision && candidate.process.alive) return candidate;
      this.retire(functionName, candidate);
    }
    const created = start();
    let set = this.all.get(functionName);
    if (!set) this.all.set(functionName, (set = new Set()));
    set.add(created);
    return created;
  }

  /** Returns a healthy environment after an invocation; stale or dead ones are retired. */
  release(functionName: string, environment: PooledEnvironment, currentRevision: string | undefined): void {
    if (!environment.process.alive || environment.revision !== currentRevision) {
      this.retire(functionName, environment);
      return;
    }
    let idle = this.idle.get(functionName);
    if (!idle) this.idle.set(functionName, (idle = []));
    idle.push(environment);
    const timer = setTimeout(() => {
      const list = this.idle.get(functionName);
      const at = list?.indexOf(environment) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
      this.retire(functionName, environment);
    }, IDLE_WALL_MS);
    timer.unref();
    this.idleTimers.set(environment, timer);
  }

  /** Kills an environment that must not be reused (timeout, crash). */
  discard(functionName: string, environment: PooledEnvironment): void {
    environment.process.kill();
    this.all.get(functionName)?.delete(environment);
  }

  /** Ends every idle environment of a function (after an update or delete); busy ones retire on release. */
  retireIdle(functionName: string): void {
    for (const environment of this.idle.get(functionName) ?? []) {
      this.clearIdleTimer(environment);
      this.retire(functionName, environment);
    }
    this.idle.delete(functionName);
  }

  /** Kills every environment (emulator shutdown). */
  closeAll(): void {
    for (const [name, set] of this.all) {
      for (const environment of set) {
        this.clearIdleTimer(environment);
        environment.process.kill();
      }
      this.all.delete(name);
    }
    this.idle.clear();
  }

  private retire(functionName: string, environment: PooledEnvironment): void {
    environment.process.shutdown();
    this.all.get(functionName)?.delete(environment);
  }

  private clearIdleTimer(environment: PooledEnvironment): void {
    const timer = this.idleTimers.get(environment);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(environment);
  }
}
