/**
 * A virtual clock for scheduler tests: `sleep` registers a timer, `advance` moves time forward
 * firing timers in order and letting the promise chains behind each run before the next. No test
 * waits on wall-clock time.
 */
import type { SchedulerClock } from '../../src/engine/watch/poll-scheduler.js';

interface Timer {
  at: number;
  seq: number;
  resolve(): void;
}

export class FakeClock implements SchedulerClock {
  private t = 0;
  private seq = 0;
  private timers: Timer[] = [];
  /** Every sleep requested, in order (ms). */
  readonly sleeps: number[] = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        reject(signal!.reason);
      };
      const timer: Timer = {
        at: this.t + Math.max(0, ms),
        seq: this.seq++,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Moves time forward by `ms`, firing due timers in order. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((x) => x.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = due.at;
      due.resolve();
      await settle();
    }
    this.t = target;
  }

  get pendingTimers(): number {
    return this.timers.length;
  }
}

/** Lets every ready promise continuation run (a few macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
