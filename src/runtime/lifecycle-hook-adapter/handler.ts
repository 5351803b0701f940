import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

/**
 * Adapts a Stacktape hook function (`beforeAllowTrafficFunction`, `afterTrafficShiftFunction`) to
 * an ECS deployment lifecycle hook. ECS expects the hook Lambda to return
 * `{hookStatus: 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS'}` (no status counts as a failure); a
 * Stacktape hook passes by returning normally and fails by throwing. This adapter invokes the
 * user's function (TARGET_FUNCTION_ARN) with the ECS payload and maps: normal return → SUCCEEDED,
 * thrown error → FAILED. A function that already speaks ECS (returns an object with a valid
 * `hookStatus`, optionally `callBackDelay`) is passed through, so it can also ask to be polled.
 */
export type HookStatus = 'SUCCEEDED' | 'FAILED' | 'IN_PROGRESS';
export interface HookResult {
  hookStatus: HookStatus;
  callBackDelay?: number;
}

const STATUSES: readonly string[] = ['SUCCEEDED', 'FAILED', 'IN_PROGRESS'];

let client: LambdaClient | undefined;

export async function handler(event: unknown): Promise<HookResult> {
  client ??= new LambdaClient({});
  return adaptHook(client, process.env.TARGET_FUNCTION_ARN ?? '', event);
}

export async function adaptHook(lambda: LambdaClient, target: string, event: unknown): Promise<HookResult> {
  if (!target) {
    console.error('lifecycle hook adapter: TARGET_FUNCTION_ARN is not set');
    return { hookStatus: 'FAILED' };
  }
  let result;
  try {
    result = await lambda.send(
      new InvokeCommand({
        FunctionName: target,
        InvocationType: 'RequestResponse',
        Payload: new TextEncoder().encode(JSON.stringify(event ?? {})),
      }),
    );
  } catch (error) {
    console.error(`lifecycle hook adapter: could not invoke ${target}: ${error instanceof Error ? error.message : String(error)}`);
    return { hookStatus: 'FAILED' };
  }
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
  if (result.FunctionError) {
    console.error(`lifecycle hook ${target} threw: ${text}`);
    return { hookStatus: 'FAILED' };
  }
  try {
    const value = JSON.parse(text) as { hookStatus?: unknown; callBackDelay?: unknown } | null;
    if (value && typeof value === 'object' && typeof value.hookStatus === 'string' && STATUSES.includes(value.hookStatus)) {
      const out: HookResult = { hookStatus: value.hookStatus as HookStatus };
      if (typeof value.callBackDelay === 'number') out.callBackDelay = value.callBackDelay;
      return out;
    }
  } catch {
    // Not JSON (e.g. an empty return): a normal return all the same.
  }
  return { hookStatus: 'SUCCEEDED' };
}
