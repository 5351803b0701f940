/**
 * Attach: watch an operation someone else started (another terminal, a pipeline, a session that
 * was killed) from its beginning. The deploy state machine calls this when it finds the stack busy;
 * `stp status --watch` calls it directly. Resolves `attached: false` when the stack is settled.
 */
import { findCurrentOperation, type CurrentOperation } from './current-operation.js';
import { PollScheduler } from './poll-scheduler.js';
import { watchOperation, type WatchOperationOptions } from './watch-operation.js';
import type { WatchOperationInput, WatchOperationResult } from './watch-contract.js';

export type AttachInput = Omit<WatchOperationInput, 'since' | 'clientRequestToken'>;

export type AttachResult = ({ attached: true; operation: CurrentOperation } & WatchOperationResult) | { attached: false; operation: CurrentOperation };

export async function attachToOperation(input: AttachInput, options: WatchOperationOptions = {}): Promise<AttachResult> {
  const scheduler = options.scheduler ?? new PollScheduler();
  const operation = await findCurrentOperation(input.clients.cloudFormation, input.stackName, (fn) => scheduler.call(fn, input.signal));
  if (!operation.inProgress || !operation.since) return { attached: false, operation };
  const result = await watchOperation(
    {
      ...input,
      stackName: operation.stackId,
      since: operation.since,
      ...(operation.clientRequestToken ? { clientRequestToken: operation.clientRequestToken } : {}),
    },
    { ...options, scheduler },
  );
  return { attached: true, operation, ...result };
}
