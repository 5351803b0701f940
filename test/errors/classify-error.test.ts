import { describe, expect, it } from 'vitest';
import { toStpError } from '../../src/errors/classify-error.js';
import { StpError } from '../../src/errors/stp-error.js';

/** An error shaped like the SDK's ServiceException (name, $fault, $metadata). */
function sdkError(name: string, message: string, fault: 'client' | 'server' = 'client', attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: fault, $metadata: { httpStatusCode: fault === 'server' ? 503 : 400, attempts } });
}

function networkError(code: string, fields: Record<string, unknown>): Error {
  return Object.assign(new Error(`connect ${code}`), { code, ...fields });
}

describe('toStpError', () => {
  it('keeps a StpError as it is', () => {
    const error = new StpError('refused', 'no', { code: 'X' });
    expect(toStpError(error)).toBe(error);
  });

  it.each([
    [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), 'environment', 'STP_AWS_CREDENTIALS_MISSING', 'no AWS credentials found', 1],
    [sdkError('ExpiredTokenException', 'The security token included in the request is expired'), 'environment', 'STP_AWS_CREDENTIALS_EXPIRED', 'the AWS credentials have expired (ExpiredTokenException)', 1],
    [sdkError('InvalidClientTokenId', 'The security token included in the request is invalid.'), 'environment', 'STP_AWS_CREDENTIALS_INVALID', 'AWS does not accept these credentials (InvalidClientTokenId): The security token included in the request is invalid.', 1],
    [sdkError('AccessDenied', 'User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateStack'), 'aws', 'STP_AWS_ACCESS_DENIED', 'AWS denied access (AccessDenied): User: arn:aws:iam::1:user/x is not authorized to perform: cloudformation:CreateStack', 1],
    [sdkError('ThrottlingException', 'Rate exceeded', 'client', 5), 'aws', 'STP_AWS_THROTTLED', 'AWS kept throttling the requests (ThrottlingException after 5 attempts)', 1],
    [sdkError('InternalFailure', 'We encountered an internal error.', 'server'), 'aws', 'STP_AWS_SERVICE_ERROR', 'AWS failed to answer (InternalFailure): We encountered an internal error.', 1],
    [sdkError('ValidationError', 'Stack with id x does not exist'), 'aws', 'STP_AWS_REQUEST_REFUSED', 'AWS refused the request (ValidationError): Stack with id x does not exist', 1],
    [networkError('ECONNREFUSED', { address: '127.0.0.1', port: 4566 }), 'environment', 'STP_ENDPOINT_UNREACHABLE', 'cannot reach 127.0.0.1:4566: the connection was refused (ECONNREFUSED)', 1],
    [networkError('ENOTFOUND', { hostname: 'sts.us-east-1.amazonaws.com' }), 'environment', 'STP_ENDPOINT_UNREACHABLE', 'cannot reach sts.us-east-1.amazonaws.com: the host name does not resolve (ENOTFOUND)', 1],
    [Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' }), 'environment', 'STP_ENDPOINT_UNREACHABLE', 'cannot reach the AWS endpoint: the request timed out (TimeoutError)', 1],
    [Object.assign(new Error("ENOENT: no such file or directory, open '/x/out.json'"), { code: 'ENOENT', syscall: 'open', path: '/x/out.json' }), 'environment', 'STP_FILE_ACCESS', 'cannot open /x/out.json: no such file or folder (ENOENT)', 1],
    [new TypeError("Cannot read properties of undefined (reading 'x')"), 'bug', 'STP_BUG', "Cannot read properties of undefined (reading 'x')", 1],
  ])('%s → %s %s', (error, kind, code, message, exitCode) => {
    const classified = toStpError(error);
    expect({ kind: classified.kind, code: classified.code, message: classified.message, exitCode: classified.exitCode }).toEqual({ kind, code, message, exitCode });
    expect(classified.cause).toBe(error);
    if (kind !== 'bug') expect(classified.fix).toMatch(/\.$/);
  });

  it('names the endpoint stp was pointed at, and where that came from', () => {
    const error = toStpError(networkError('ECONNREFUSED', { address: '127.0.0.1', port: 9 }), { endpoint: 'http://localhost:9', endpointSource: '--endpoint-url' });
    expect(error.message).toBe('cannot reach http://localhost:9 (--endpoint-url): the connection was refused (ECONNREFUSED)');
    expect(error.resource).toBe('http://localhost:9');
  });

  it('tells a profile without credentials from no credentials at all', () => {
    const error = toStpError(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), { profile: 'dev' });
    expect(error.message).toBe('the AWS profile "dev" gave no credentials');
    expect(error.fix).toBe("Check the profile's settings in ~/.aws/config and ~/.aws/credentials, or sign in again with `aws sso login --profile dev`.");
  });
});
