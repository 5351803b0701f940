import { describe, expect, it } from 'vitest';
import { awsCall, awsErrorToStpError } from '../../../src/aws/errors/aws-error-sentence.js';
import { StpError } from '../../../src/errors/stp-error.js';

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('AWS errors as sentences', () => {
  it('missing credentials: environment, with how to fix it for the profile', () => {
    const error = awsErrorToStpError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), { doing: 'read the stack', profile: 'work' });
    expect(error).toMatchObject({ kind: 'environment', code: 'STP_AWS_CREDENTIALS_MISSING', exitCode: 1, message: 'Could not read the stack: the AWS profile "work" gave no credentials' });
    expect(error.fix).toContain('aws sso login --profile work');
  });

  it('a busy stack names its status and how to attach', () => {
    const error = awsErrorToStpError(sdkError('ValidationError', 'Stack:arn:aws:cloudformation:… is in UPDATE_IN_PROGRESS state and can not be updated.'), { doing: 'create the change set', resource: 'shop-dev' });
    expect(error).toMatchObject({ kind: 'aws', code: 'STP_STACK_BUSY', resource: 'shop-dev', message: 'The stack is busy: UPDATE_IN_PROGRESS; an operation is still running.' });
    expect(error.fix).toContain('stp status --watch');
  });

  it('access denied, throttling, unreachable endpoints, a missing region and server faults: classified once, with the call in words', () => {
    expect(awsErrorToStpError(sdkError('AccessDenied', 'not authorized to perform cloudformation:CreateChangeSet'), { doing: 'create the change set', resource: 'shop-dev' })).toMatchObject({
      kind: 'aws',
      code: 'STP_AWS_ACCESS_DENIED',
      resource: 'shop-dev',
      message: 'Could not create the change set (shop-dev): AWS denied access (AccessDenied): not authorized to perform cloudformation:CreateChangeSet',
    });
    expect(awsErrorToStpError(sdkError('Throttling', 'Rate exceeded'), { doing: 'read the stack' })).toMatchObject({ code: 'STP_AWS_THROTTLED' });
    expect(awsErrorToStpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), { doing: 'read the stack', endpoint: 'http://127.0.0.1:4566' })).toMatchObject({
      kind: 'environment',
      code: 'STP_ENDPOINT_UNREACHABLE',
      message: 'Could not read the stack: cannot reach http://127.0.0.1:4566: the connection was refused (ECONNREFUSED)',
    });
    expect(awsErrorToStpError(new Error('Region is missing'), { doing: 'read the stack' })).toMatchObject({ kind: 'environment', code: 'STP_AWS_REGION_MISSING' });
    expect(awsErrorToStpError(sdkError('InternalFailure', 'oops', 500), { doing: 'read the stack' })).toMatchObject({
      kind: 'aws',
      code: 'STP_AWS_SERVICE_ERROR',
      message: 'Could not read the stack: AWS failed to answer (InternalFailure): oops',
    });
    expect(awsErrorToStpError(sdkError('ValidationError', 'Parameter X is invalid'), { doing: 'create the change set' })).toMatchObject({
      kind: 'aws',
      code: 'STP_AWS_REQUEST_REFUSED',
      message: 'Could not create the change set: AWS refused the request (ValidationError): Parameter X is invalid',
    });
  });

  it('a programming error inside the call stays a bug, not an AWS error', () => {
    expect(awsErrorToStpError(new TypeError("Cannot read properties of undefined (reading 'Stacks')"), { doing: 'read the stack' })).toMatchObject({ kind: 'bug', code: 'STP_BUG' });
  });

  it('awsCall passes StpErrors through and wraps the rest', async () => {
    const own = new StpError('refused', 'no', { code: 'X' });
    await expect(awsCall({ doing: 'x' }, () => Promise.reject(own))).rejects.toBe(own);
    await expect(awsCall({ doing: 'read the stack' }, () => Promise.reject(sdkError('ExpiredToken', 'The security token included in the request is expired')))).rejects.toMatchObject({
      code: 'STP_AWS_CREDENTIALS_EXPIRED',
    });
  });
});
