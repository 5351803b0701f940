/**
 * An SDK v3 service error in the two shapes LocalStack recorded AWS errors in: boto's
 * `{Error: {Code, Message, Type}, ResponseMetadata: {HTTPStatusCode}}` and its `str(ClientError)`
 * text, "An error occurred (Code) when calling the Op operation: Message".
 */
import * as cloudformation from '@aws-sdk/client-cloudformation';

interface SdkServiceError extends Error {
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number };
}

/**
 * The error code on the wire. The SDK names a modeled awsQuery error after its shape
 * (`ChangeSetNotFoundException`); AWS sends the shape's `awsQueryError` code (`ChangeSetNotFound`),
 * which is what boto — and so the recording — shows. The SDK exports each error schema as `<Name>$`.
 */
export function wireErrorCode(error: Error): string {
  const schema = (cloudformation as unknown as Record<string, unknown>)[`${error.name}$`];
  if (Array.isArray(schema)) {
    const traits = schema[3] as { awsQueryError?: [string, number] } | undefined;
    if (traits?.awsQueryError) return traits.awsQueryError[0];
  }
  return error.name;
}

export interface RecordedErrorShape {
  Error: { Code: string; Message: string; Type: string };
  ResponseMetadata: { HTTPStatusCode: number | undefined };
}

/** The error a call rejects with; fails when the call succeeds. */
export async function rejection(promise: Promise<unknown>): Promise<SdkServiceError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkServiceError;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export async function errorResponse(promise: Promise<unknown>): Promise<RecordedErrorShape> {
  const error = await rejection(promise);
  return {
    Error: { Code: wireErrorCode(error), Message: error.message, Type: error.$fault === 'server' ? 'Receiver' : 'Sender' },
    ResponseMetadata: { HTTPStatusCode: error.$metadata?.httpStatusCode },
  };
}

export async function errorText(promise: Promise<unknown>, operation: string): Promise<string> {
  const error = await rejection(promise);
  return `An error occurred (${wireErrorCode(error)}) when calling the ${operation} operation: ${error.message}`;
}
