/**
 * The one polling scheduler every watcher runs under. It decides when each poller polls next
 * (about 1 s while its subject changes, backing off to at most 5 s while idle), backs off with
 * exponential delays and full jitter when AWS pushes back (throttling, 5xx, dropped connections —
 * after the SDK's own retries gave up), never lets two polls of the same key run at once, and
 * makes every API call take a slot of one calls-per-minute budget shared by all pollers.
 *
 * Time comes from an injectable clock, so unit tests drive it deterministically.
 */

export interface SchedulerClock {
  /** Milliseconds (any epoch; only differences matter). */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: SchedulerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortReason(signal));
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export interface PollSchedulerOptions {
  clock?: SchedulerClock;
  /** Delay after a poll that saw a change (default 1000 ms). */
  activeIntervalMs?: number;
  /** Longest delay between polls while nothing changes (default 5000 ms). */
  idleIntervalMs?: number;
  /** Each idle poll multiplies the delay by this, from activeIntervalMs up to idleIntervalMs (default 1.5). */
  idleGrowth?: number;
  /** First backoff delay after a transient failure (default 1000 ms), doubled per consecutive failure. */
  backoffBaseMs?: number;
  /** Cap of the backoff delay (default 20 000 ms). */
  backoffMaxMs?: number;
  /** Consecutive transient failures of one poller before its error is rethrown (default 12). */
  maxConsecutiveFailures?: number;
  /** API calls per minute shared by every poller (default 300). */
  callsPerMinute?: number;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
  /** Told about each backoff (the watchers turn long streaks into warnings). */
  onBackoff?: (info: { key: string; attempt: number; delayMs: number; error: unknown }) => void;
}

export interface PollOutcome {
  /** The poll saw something new: poll again soon. */
  changed: boolean;
  /** The poller is finished: stop polling it. */
  done?: boolean;
}

const THROTTLING_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
]);

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'ECONNABORTED']);

/**
 * Whether an error is AWS (or the network) asking us to slow down or try again later: throttling,
 * any 5xx, and dropped connections. Everything else is a real answer and is not retried here.
 */
export function isTransientAwsError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean }; cause?: unknown };
  if (typeof e.name === 'string' && THROTTLING_NAMES.has(e.name)) return true;
  if (e.$retryable?.throttling) return true;
  const status = e.$metadata?.httpStatusCode;
  if (typeof status === 'number' && (status === 429 || status >= 500)) return true;
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return true;
  if (e.name === 'TimeoutError' || e.name === 'RequestTimeout') return true;
  if (typeof e.name === 'string' && /^(InternalFailure|InternalError|ServiceUnavailable|ServiceException)$/.test(e.name)) return true;
  return e.cause !== undefined && e.cause !== error ? isTransientAwsError(e.cause) : false;
}

export class PollScheduler {
  readonly clock: SchedulerClock;
  private readonly options: Required<Omit<PollSchedulerOptions, 'clock' | 'onBackoff'>> & Pick<PollSchedulerOptions, 'onBackoff'>;
  private readonly inFlight = new Map<string, Promise<PollOutcome>>();
  private readonly running = new Set<string>();
  /** Start times of the calls in the current 60 s window, oldest first. */
  private readonly callTimes: number[] = [];
  /** Serialises budget acquisition so waiters are served in order. */
  private budgetQueue: Promise<void> = Promise.resolve();
  private totalCalls = 0;

  constructor(options: PollSchedulerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.options = {
      activeIntervalMs: options.activeIntervalMs ?? 1000,
      idleIntervalMs: options.idleIntervalMs ?? 5000,
      idleGrowth: options.idleGrowth ?? 1.5,
      backoffBaseMs: options.backoffBaseMs ?? 1000,
      backoffMaxMs: options.backoffMaxMs ?? 20_000,
      maxConsecutiveFailures: options.maxConsecutiveFailures ?? 12,
      callsPerMinute: options.callsPerMinute ?? 300,
      random: options.random ?? Math.random,
      onBackoff: options.onBackoff,
    };
  }

  /** API calls made through `call` so far (for the API-budget benchmark and tests). */
  get callCount(): number {
    return this.totalCalls;
  }

  /**
   * Makes one API call inside the shared budget: waits until fewer than `callsPerMinute` calls
   * started in the last 60 s. The SDK's own retries of that call are not counted.
   */
  async call<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    return fn();
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.budgetQueue.then(async () => {
      for (;;) {
        if (signal?.aborted) throw abortReason(signal);
        const now = this.clock.now();
        while (this.callTimes.length > 0 && this.callTimes[0]! <= now - 60_000) this.callTimes.shift();
        if (this.callTimes.length < this.options.callsPerMinute) {
          this.callTimes.push(now);
          this.totalCalls++;
          return;
        }
        await this.clock.sleep(this.callTimes[0]! + 60_000 - now, signal);
      }
    });
    // A waiter that aborted must not block the ones behind it.
    this.budgetQueue = turn.catch(() => undefined);
    return turn;
  }

  /**
   * Runs one poll of `key` now, unless one is already in flight: then the caller shares that
   * poll's outcome. This is how "never two polls of the same thing in flight" holds even when a
   * final drain and the regular loop ask at the same moment.
   */
  pollOnce(key: string, poll: () => Promise<PollOutcome>): Promise<PollOutcome> {
    const current = this.inFlight.get(key);
    if (current) return current;
    const started = (async () => {
      try {
        return await poll();
      } finally {
        this.inFlight.delete(key);
      }
    })();
    this.inFlight.set(key, started);
    return started;
  }

  /**
   * Polls `key` until it reports done or `signal` aborts. Resolves when done; rejects with a
   * non-transient error, or a transient one after `maxConsecutiveFailures` in a row; resolves
   * quietly on abort. Starting a second loop for a key that already runs is a bug.
   */
  async run(key: string, poll: () => Promise<PollOutcome>, signal: AbortSignal): Promise<void> {
    if (this.running.has(key)) throw new Error(`poller "${key}" is already running`);
    this.running.add(key);
    try {
      let idleDelay = this.options.activeIntervalMs;
      let failures = 0;
      while (!signal.aborted) {
        let delay: number;
        try {
          const outcome = await this.pollOnce(key, poll);
          failures = 0;
          if (outcome.done) return;
          if (outcome.changed) {
            idleDelay = this.options.activeIntervalMs;
            delay = idleDelay;
          } else {
            idleDelay = Math.min(this.options.idleIntervalMs, idleDelay * this.options.idleGrowth);
            delay = idleDelay;
          }
        } catch (error) {
          if (signal.aborted) return;
          if (!isTransientAwsError(error)) throw error;
          failures++;
          if (failures >= this.options.maxConsecutiveFailures) throw error;
          delay = this.backoffDelay(failures);
          this.options.onBackoff?.({ key, attempt: failures, delayMs: delay, error });
        }
        try {
          await this.clock.sleep(delay, signal);
        } catch {
          return;
        }
      }
    } finally {
      this.running.delete(key);
    }
  }

  /** Full jitter: uniform in [base, min(max, base·2^(attempt-1))]. */
  backoffDelay(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
    const floor = Math.min(this.options.backoffBaseMs, ceiling);
    return Math.round(floor + (ceiling - floor) * this.options.random());
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('aborted', 'AbortError');
}
