import { randomUUID } from 'node:crypto';
import type { LambdaInvokeResult } from '../../core/backends.js';
import type { Clock } from '../../core/clock.js';

/**
 * Lambda retries a failed asynchronous (Event) invocation twice: one minute after the first
 * attempt fails, two minutes after the second (emulated time). Every attempt keeps the request id.
 */
export const ASYNC_RETRY_DELAYS_MS: readonly number[] = [60_000, 120_000];

export async function runWithAsyncRetries(
  attempt: (requestId: string) => Promise<LambdaInvokeResult | undefined>,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  const requestId = randomUUID();
  for (let retry = 0; ; retry++) {
    const result = await attempt(requestId);
    // undefined: the function is gone; nothing left to retry.
    if (result?.functionError === undefined) return;
    const delay = ASYNC_RETRY_DELAYS_MS[retry];
    if (delay === undefined || signal.aborted) return;
    try {
      await clock.sleep(delay, signal);
    } catch {
      return;
    }
  }
}
