import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../src/emulator/core/aws-error.js';
import { decodeRequest, encodeError, encodeOutput } from '../../../../src/emulator/services/lambda/rest-json-protocol.js';

const request = (method: string, path: string, options: { query?: string; headers?: Record<string, string>; body?: string } = {}) => ({
  method,
  path,
  query: new URLSearchParams(options.query ?? ''),
  headers: options.headers ?? {},
  body: Buffer.from(options.body ?? ''),
});

describe('Lambda restJson1 decoding', () => {
  it('maps method and path to operations, decoding percent-encoded ARNs', () => {
    expect(decodeRequest(request('GET', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/configuration'))).toEqual({
      operation: 'GetFunctionConfiguration',
      input: { FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:f', Qualifier: undefined },
    });
    expect(decodeRequest(request('GET', '/2015-03-31/functions/', { query: 'MaxItems=5' }))?.operation).toBe('ListFunctions');
    expect(decodeRequest(request('PUT', '/2015-03-31/functions/f/code', { body: '{"ZipFile":"UEs="}' }))).toEqual({
      operation: 'UpdateFunctionCode',
      input: { ZipFile: 'UEs=', FunctionName: 'f' },
    });
    expect(decodeRequest(request('POST', '/2015-03-31/functions/f/versions'))).toBeUndefined();
    expect(decodeRequest(request('GET', '/2017-03-31/tags/arn'))).toBeUndefined();
  });

  it('reads Invoke members from headers, query and the raw body', () => {
    const decoded = decodeRequest(
      request('POST', '/2015-03-31/functions/f/invocations', {
        query: 'Qualifier=%24LATEST',
        headers: { 'x-amz-invocation-type': 'Event', 'x-amz-log-type': 'Tail' },
        body: '{"a":1}',
      }),
    );
    expect(decoded?.operation).toBe('Invoke');
    expect(decoded?.input).toMatchObject({ FunctionName: 'f', Qualifier: '$LATEST', InvocationType: 'Event', LogType: 'Tail' });
    expect((decoded?.input.Payload as Buffer).toString()).toBe('{"a":1}');
  });

  it('rejects a body that is not a JSON object', () => {
    expect(() => decodeRequest(request('POST', '/2015-03-31/functions', { body: '[1]' }))).toThrow(AwsServiceError);
  });
});

describe('Lambda restJson1 encoding', () => {
  it('answers Invoke with the raw payload and the X-Amz headers', () => {
    const response = encodeOutput(
      'Invoke',
      { StatusCode: 200, Payload: Buffer.from('{"x":1}'), FunctionError: 'Unhandled', LogResult: 'bG9n', ExecutedVersion: '$LATEST' },
      'rid',
    );
    expect(response.status).toBe(200);
    expect(response.body?.toString()).toBe('{"x":1}');
    expect(response.headers).toMatchObject({ 'X-Amz-Function-Error': 'Unhandled', 'X-Amz-Log-Result': 'bG9n', 'X-Amz-Executed-Version': '$LATEST' });
    expect(encodeOutput('Invoke', { StatusCode: 202, Payload: Buffer.alloc(0), ExecutedVersion: '$LATEST' }, 'rid').headers?.['X-Amz-Executed-Version']).toBeUndefined();
  });

  it('uses 201 for CreateFunction, 204 for DeleteFunction, and AWS error shape', () => {
    expect(encodeOutput('CreateFunction', {}, 'r').status).toBe(201);
    expect(encodeOutput('DeleteFunction', {}, 'r')).toMatchObject({ status: 204 });
    const error = encodeError(new AwsServiceError('ResourceNotFoundException', 'Function not found: arn', 404), 'r');
    expect(error.status).toBe(404);
    expect(error.headers?.['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(JSON.parse(String(error.body))).toMatchObject({ Type: 'User', Message: 'Function not found: arn' });
  });
});
