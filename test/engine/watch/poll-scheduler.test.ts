import { describe, expect, it } from 'vitest';
import { isTransientAwsError, PollScheduler, type PollOutcome } from '../../../src/engine/watch/poll-scheduler.js';
import { FakeClock, settle } from '../../support/fake-clock.js';

function throttling(name = 'ThrottlingException'): Error {
  return Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode: 400 } });
}

describe('PollScheduler intervals', () => {
  it('polls every active interval while things change and backs off to the idle ceiling when they do not', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock, activeIntervalMs: 1000, idleIntervalMs: 5000, idleGrowth: 2 });
    const outcomes: PollOutcome[] = [
      { changed: true },
      { changed: true },
      { changed: false },
      { changed: false },
      { changed: false },
      { changed: false },
      { changed: true },
      { changed: false, done: true },
    ];
    const pollTimes: number[] = [];
    const done = scheduler.run(
      'stack',
      async () => {
        pollTimes.push(clock.now());
        return outcomes.shift()!;
      },
      new AbortController().signal,
    );
    await clock.advance(60_000);
    await done;
    // changed → 1 s, 1 s; idle → 2 s, 4 s, 5 s (ceiling), 5 s; changed again → back to 1 s.
    expect(clock.sleeps).toEqual([1000, 1000, 2000, 4000, 5000, 5000, 1000]);
    expect(pollTimes).toEqual([0, 1000, 2000, 4000, 8000, 13_000, 18_000, 19_000]);
  });

  it('stops quietly when the signal aborts while it sleeps', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock });
    const controller = new AbortController();
    let polls = 0;
    const done = scheduler.run('x', async () => ({ changed: (polls++, false) }), controller.signal);
    await clock.advance(1500); // polls at 0 and 1000 (then an idle 1500 ms sleep)
    controller.abort();
    await expect(done).resolves.toBeUndefined();
    expect(polls).toBe(2);
    expect(clock.pendingTimers).toBe(0);
  });
});

describe('PollScheduler backoff', () => {
  it('backs off exponentially with jitter on throttling and 5xx, then returns to the active interval', async () => {
    const clock = new FakeClock();
    const randoms = [0, 1, 0.5, 0.25];
    const backoffs: number[] = [];
    const scheduler = new PollScheduler({
      clock,
      activeIntervalMs: 1000,
      backoffBaseMs: 1000,
      backoffMaxMs: 8000,
      random: () => randoms.shift() ?? 0,
      onBackoff: ({ delayMs }) => backoffs.push(delayMs),
    });
    const script: (() => PollOutcome)[] = [
      () => {
        throw throttling();
      },
      () => {
        throw throttling('Throttling');
      },
      () => {
        throw Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
      },
      () => {
        throw throttling('TooManyRequestsException');
      },
      () => ({ changed: true }),
      () => ({ changed: false, done: true }),
    ];
    const done = scheduler.run('stack', async () => script.shift()!(), new AbortController().signal);
    await clock.advance(120_000);
    await done;
    // attempt n: uniform in [1000, min(8000, 1000·2^(n-1))] with random 0, 1, 0.5, 0.25.
    expect(backoffs).toEqual([1000, 2000, 2500, 2750]);
    expect(clock.sleeps).toEqual([1000, 2000, 2500, 2750, 1000]);
  });

  it('caps the backoff and rethrows after too many consecutive transient failures', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock, backoffBaseMs: 1000, backoffMaxMs: 4000, maxConsecutiveFailures: 5, random: () => 1 });
    const done = scheduler.run(
      'stack',
      async () => {
        throw throttling();
      },
      new AbortController().signal,
    );
    const caught = done.catch((error: Error) => error);
    await clock.advance(60_000);
    expect(((await caught) as Error).name).toBe('ThrottlingException');
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 4000]);
  });

  it('rethrows a non-transient error at once', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock });
    const error = Object.assign(new Error('Stack with id x does not exist'), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    await expect(
      scheduler.run(
        'stack',
        async () => {
          throw error;
        },
        new AbortController().signal,
      ),
    ).rejects.toBe(error);
    expect(clock.sleeps).toEqual([]);
  });

  it('classifies throttling, 5xx and dropped connections as transient, and client errors as not', () => {
    expect(isTransientAwsError(throttling('Throttling'))).toBe(true);
    expect(isTransientAwsError(throttling('ThrottlingException'))).toBe(true);
    expect(isTransientAwsError(throttling('TooManyRequestsException'))).toBe(true);
    expect(isTransientAwsError({ name: 'InternalFailure', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isTransientAwsError({ name: 'Whatever', $metadata: { httpStatusCode: 502 } })).toBe(true);
    expect(isTransientAwsError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isTransientAwsError({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } })).toBe(false);
    expect(isTransientAwsError({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isTransientAwsError('nope')).toBe(false);
  });
});

describe('PollScheduler concurrency and budget', () => {
  it('never runs two polls of the same key at once: a second request shares the one in flight', async () => {
    const scheduler = new PollScheduler({ clock: new FakeClock() });
    let inFlight = 0;
    let maxInFlight = 0;
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const poll = async (): Promise<PollOutcome> => {
      calls++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
      return { changed: true };
    };
    const a = scheduler.pollOnce('logs', poll);
    const b = scheduler.pollOnce('logs', poll);
    const other = scheduler.pollOnce('events', poll);
    release();
    expect(await a).toEqual({ changed: true });
    expect(await b).toBe(await a);
    await other;
    expect(calls).toBe(2);
    expect(maxInFlight).toBe(2);
    // Once settled, the next request polls again.
    await scheduler.pollOnce('logs', poll);
    expect(calls).toBe(3);
  });

  it('refuses a second loop for a key that is already polling', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock });
    const controller = new AbortController();
    const first = scheduler.run('stack', async () => ({ changed: false }), controller.signal);
    await expect(scheduler.run('stack', async () => ({ changed: false }), controller.signal)).rejects.toThrow('poller "stack" is already running');
    controller.abort();
    await first;
  });

  it('shares one calls-per-minute budget between pollers: no 60 s window holds more calls than the budget', async () => {
    const clock = new FakeClock();
    const scheduler = new PollScheduler({ clock, activeIntervalMs: 100, callsPerMinute: 30 });
    const callTimes: number[] = [];
    const controller = new AbortController();
    const poller = (key: string) =>
      scheduler.run(
        key,
        async () => {
          await scheduler.call(async () => callTimes.push(clock.now()));
          await scheduler.call(async () => callTimes.push(clock.now()));
          return { changed: true };
        },
        controller.signal,
      );
    const loops = [poller('a'), poller('b'), poller('c')];
    await clock.advance(180_000);
    controller.abort();
    await settle();
    await Promise.all(loops);
    for (const start of callTimes) {
      expect(callTimes.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(30);
    }
    // The budget is used, not starved: three minutes allow 3 × 30 calls (+ the window edge).
    expect(callTimes.length).toBeGreaterThanOrEqual(90);
    expect(callTimes.length).toBeLessThanOrEqual(120);
    expect(scheduler.callCount).toBe(callTimes.length);
  });
});
