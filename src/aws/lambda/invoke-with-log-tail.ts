/**
 * Invokes a function synchronously with `LogType: Tail`: the result, the function's error (its
 * `errorMessage`, as the deployment-script runner reports it) and the last 4 KB of its log.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';

export interface TailedInvocation {
  ok: boolean;
  error?: string;
  /** The decoded LogResult lines (platform lines included). */
  logTail: string[];
  requestId?: string;
}

export async function invokeWithLogTail(lambda: LambdaClient, functionName: string, payload: unknown, abortSignal?: AbortSignal): Promise<TailedInvocation> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      LogType: 'Tail',
      Payload: new TextEncoder().encode(JSON.stringify(payload ?? {})),
    }),
    { abortSignal },
  );
  const logTail = result.LogResult ? Buffer.from(result.LogResult, 'base64').toString('utf8').split('\n').filter((line) => line !== '') : [];
  const base: TailedInvocation = { ok: !result.FunctionError, logTail, ...(result.$metadata.requestId ? { requestId: result.$metadata.requestId } : {}) };
  if (!result.FunctionError) return base;
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
  let error = text || result.FunctionError;
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof parsed.errorMessage === 'string') {
      error = typeof parsed.errorType === 'string' && parsed.errorType !== 'Error' ? `${parsed.errorType}: ${parsed.errorMessage}` : parsed.errorMessage;
    }
  } catch {
    // Not JSON (a runtime crash): the raw payload is the best message there is.
  }
  return { ...base, error };
}
