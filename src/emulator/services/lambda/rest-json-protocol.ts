import { AwsServiceError } from '../../core/aws-error.js';
import type { HttpRequestData, HttpResponseData } from '../../core/backends.js';
import { encodeRestJsonError } from '../../protocols/rest-errors.js';

/**
 * Lambda's restJson1 wire format: the operation comes from method + path, members from path
 * labels, query, headers and the JSON body; errors carry `x-amzn-ErrorType` and
 * `{"Type":"User","Message":…}`.
 */

export interface DecodedRequest {
  operation: string;
  input: Record<string, unknown>;
}

const FUNCTIONS = '2015-03-31/functions';
const ACCOUNT_SETTINGS = '2016-08-19/account-settings';

export function decodeRequest(request: HttpRequestData): DecodedRequest | undefined {
  const segments = request.path.split('/').filter((segment) => segment !== '').map(decodeSegment);
  const method = request.method.toUpperCase();
  if (segments.length === 2 && `${segments[0]}/${segments[1]}` === ACCOUNT_SETTINGS && method === 'GET') {
    return { operation: 'GetAccountSettings', input: {} };
  }
  if (segments.length < 2 || `${segments[0]}/${segments[1]}` !== FUNCTIONS) return undefined;
  const name = segments[2];
  const sub = segments[3];
  const qualifier = request.query.get('Qualifier') ?? undefined;
  if (name === undefined) {
    if (method === 'POST') return { operation: 'CreateFunction', input: decodeFunctionBody(request.body) };
    if (method === 'GET') {
      return {
        operation: 'ListFunctions',
        input: { Marker: request.query.get('Marker') ?? undefined, MaxItems: numberOrUndefined(request.query.get('MaxItems')) },
      };
    }
    return undefined;
  }
  if (segments.length > 4) return undefined;
  if (sub === undefined) {
    if (method === 'GET') return { operation: 'GetFunction', input: { FunctionName: name, Qualifier: qualifier } };
    if (method === 'DELETE') return { operation: 'DeleteFunction', input: { FunctionName: name, Qualifier: qualifier } };
    return undefined;
  }
  if (sub === 'versions' && method === 'GET') {
    return {
      operation: 'ListVersionsByFunction',
      input: { FunctionName: name, Marker: request.query.get('Marker') ?? undefined, MaxItems: numberOrUndefined(request.query.get('MaxItems')) },
    };
  }
  if (sub === 'configuration' && method === 'GET') {
    return { operation: 'GetFunctionConfiguration', input: { FunctionName: name, Qualifier: qualifier } };
  }
  if (sub === 'configuration' && method === 'PUT') {
    return { operation: 'UpdateFunctionConfiguration', input: { ...decodeFunctionBody(request.body), FunctionName: name } };
  }
  if (sub === 'code' && method === 'PUT') {
    return { operation: 'UpdateFunctionCode', input: { ...decodeFunctionBody(request.body), FunctionName: name } };
  }
  if (sub === 'invocations' && method === 'POST') {
    return {
      operation: 'Invoke',
      input: {
        FunctionName: name,
        Qualifier: qualifier,
        InvocationType: header(request, 'x-amz-invocation-type'),
        LogType: header(request, 'x-amz-log-type'),
        ClientContext: header(request, 'x-amz-client-context'),
        Payload: request.body,
      },
    };
  }
  return undefined;
}

/** How each operation answers on the wire. */
export function encodeOutput(operation: string, output: Record<string, unknown>, requestId: string): HttpResponseData {
  const base = { 'x-amzn-RequestId': requestId };
  if (operation === 'Invoke') {
    const headers: Record<string, string> = { ...base, 'content-type': 'application/json' };
    const status = Number(output.StatusCode ?? 200);
    if (typeof output.FunctionError === 'string') headers['X-Amz-Function-Error'] = output.FunctionError;
    if (typeof output.LogResult === 'string') headers['X-Amz-Log-Result'] = output.LogResult;
    if (status === 200 && typeof output.ExecutedVersion === 'string') headers['X-Amz-Executed-Version'] = output.ExecutedVersion;
    const payload = output.Payload;
    return { status, headers, body: Buffer.isBuffer(payload) ? payload : Buffer.alloc(0) };
  }
  if (operation === 'DeleteFunction') return { status: 204, headers: base };
  return {
    status: operation === 'CreateFunction' ? 201 : 200,
    headers: { ...base, 'content-type': 'application/json' },
    body: JSON.stringify(output),
  };
}

/** The server's REST-JSON error encoding (`x-amzn-ErrorType` + `{"Type","Message"}`), plus the request id. */
export function encodeError(error: AwsServiceError, requestId: string): HttpResponseData {
  const encoded = encodeRestJsonError(error);
  return { ...encoded, headers: { ...encoded.headers, 'x-amzn-RequestId': requestId } };
}

function decodeFunctionBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsServiceError('SerializationException', 'Could not parse the request body as JSON.', 400);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsServiceError('SerializationException', 'The request body must be a JSON object.', 400);
  }
  return parsed as Record<string, unknown>;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function header(request: HttpRequestData, name: string): string | undefined {
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

function numberOrUndefined(value: string | null): number | undefined {
  if (value === null || value === '') return undefined;
  return Number(value);
}
