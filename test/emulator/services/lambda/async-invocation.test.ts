import { describe, expect, it } from 'vitest';
import type { LambdaInvokeResult } from '../../../../src/emulator/core/backends.js';
import { createClock } from '../../../../src/emulator/core/clock.js';
import { ASYNC_RETRY_DELAYS_MS, runWithAsyncRetries } from '../../../../src/emulator/services/lambda/async-invocation.js';

const ok: LambdaInvokeResult = { statusCode: 200, payload: Buffer.from('null'), executedVersion: '$LATEST' };
const failed: LambdaInvokeResult = { ...ok, functionError: 'Unhandled' };

describe('asynchronous invocation retries', () => {
  it('uses AWS delays: one minute, then two', () => {
    expect(ASYNC_RETRY_DELAYS_MS).toEqual([60_000, 120_000]);
  });

  it('stops at the first success and keeps the request id', async () => {
    const ids: string[] = [];
    const outcomes = [failed, ok, failed];
    await runWithAsyncRetries(async (id) => {
      ids.push(id);
      return outcomes[ids.length - 1];
    }, createClock(60_000), new AbortController().signal);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('makes at most three attempts, none once aborted, and stops when the function is gone', async () => {
    let attempts = 0;
    await runWithAsyncRetries(async () => (attempts++, failed), createClock(60_000), new AbortController().signal);
    expect(attempts).toBe(3);

    const controller = new AbortController();
    attempts = 0;
    await runWithAsyncRetries(async () => {
      attempts++;
      controller.abort();
      return failed;
    }, createClock(1), controller.signal);
    expect(attempts).toBe(1);

    attempts = 0;
    await runWithAsyncRetries(async () => (attempts++, undefined), createClock(60_000), new AbortController().signal);
    expect(attempts).toBe(1);
  });
});
