/**
 * The emulator's single clock. Timestamps are real wall-clock time (so event times, log times and
 * the HTTP Date header stay honest); only durations are compressed by the time scale. With
 * `timeScale = 60`, a 5-minute bake or a 3-minute RDS create takes 5 s / 3 s of wall time.
 */
import { StpError } from '../../errors/stp-error.js';

export interface Clock {
  readonly timeScale: number;
  /** Current time. */
  now(): Date;
  /** Wait `emulatedMs` of emulated time (i.e. emulatedMs / timeScale of wall time). */
  sleep(emulatedMs: number, signal?: AbortSignal): Promise<void>;
  /** Wall-clock milliseconds that `emulatedMs` of emulated time takes. */
  toWallMs(emulatedMs: number): number;
}

export function createClock(timeScale = 1): Clock {
  if (!Number.isFinite(timeScale) || timeScale <= 0) {
    throw new RangeError(`time scale must be a positive number, got ${timeScale}`);
  }
  const toWallMs = (emulatedMs: number) => Math.max(0, emulatedMs / timeScale);
  return {
    timeScale,
    now: () => new Date(),
    toWallMs,
    sleep(emulatedMs, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, toWallMs(emulatedMs));
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}

/** Reads `STP_LOCAL_TIME_SCALE` (default 1). */
export function timeScaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STP_LOCAL_TIME_SCALE;
  if (raw === undefined || raw === '') return 1;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new StpError('usage', `STP_LOCAL_TIME_SCALE must be a positive number, got "${raw}"`, {
      code: 'STP_LOCAL_TIME_SCALE_INVALID',
      fix: 'Set it to a positive number (60 makes a minute pass in a second), or unset it for real time.',
    });
  }
  return value;
}
