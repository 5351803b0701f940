/**
 * Lambda and CloudWatch Logs responses in the shapes LocalStack's snapshot tests recorded them:
 * Invoke with its payload read (JSON objects parsed, anything else as text, as `read_streams` and
 * the Lambda transformers did), and service errors as boto's `e.response` without the metadata.
 */
import type { InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { rejection } from './aws-error.js';

export function recordedInvoke(output: InvokeCommandOutput): Record<string, unknown> {
  const text = output.Payload ? Buffer.from(output.Payload).toString('utf8') : '';
  let payload: unknown = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object') payload = parsed;
  } catch {
    // Not JSON: the recording keeps the text.
  }
  return {
    ExecutedVersion: output.ExecutedVersion,
    FunctionError: output.FunctionError,
    LogResult: output.LogResult,
    Payload: payload,
    StatusCode: output.StatusCode,
  };
}

/**
 * The error a call rejects with, as boto's `e.response`: `{Error: {Code, Message}}` plus the
 * members the recording has beside `Error` (Lambda's `Type` and `Message`/`message`), read from
 * the SDK exception.
 */
/** (The HTTP status is compared: error recordings keep it.) */
export async function recordedError(promise: Promise<unknown>, recorded: unknown): Promise<Record<string, unknown>> {
  const error = (await rejection(promise)) as Error & Record<string, unknown> & { $metadata?: { httpStatusCode?: number } };
  const shape: Record<string, unknown> = { Error: { Code: error.name, Message: error.message }, ResponseMetadata: { HTTPStatusCode: error.$metadata?.httpStatusCode } };
  for (const key of Object.keys((recorded ?? {}) as object)) {
    if (key === 'Error' || key === 'ResponseMetadata') continue;
    shape[key] = key === 'message' || key === 'Message' ? (error[key] ?? error.message) : error[key];
  }
  return shape;
}
