import { describe, expect, it } from 'vitest';
import { awsCall, awsErrorToStpError } from '../../../src/aws/errors/aws-error-sentence.js';
import { StpError } from '../../../src/errors/stp-error.js';

function sdkError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

describe('AWS errors as sentences', () => {
  it('missing credentials: environment, with how to fix it for the profile', () => {
    const error = awsErrorToStpError(sdkError('CredentialsProviderError', 'Could not load credentials from any providers'), { doing: 'read the stack', profile: 'work' });
    expect(error).toMatchObject({ kind: 'environment', code: 'STP_AWS_CREDENTIALS_MISSING', exitCode: 1, message: 'No AWS credentials were found to read the stack.' });
    expect(error.fix).toContain('aws sso login --profile work');
  });

  it('a busy stack names its status and how to attach', () => {
    const error = awsErrorToStpError(sdkError('ValidationError', 'Stack:arn:aws:cloudformation:… is in UPDATE_IN_PROGRESS state and can not be updated.'), { doing: 'create the change set', resource: 'shop-dev' });
    expect(error).toMatchObject({ kind: 'aws', code: 'STP_STACK_BUSY', resource: 'shop-dev', message: 'The stack is busy: UPDATE_IN_PROGRESS; an operation is still running.' });
    expect(error.fix).toContain('stp status --watch');
  });

  it('access denied, throttling, unreachable endpoints and the rest', () => {
    expect(awsErrorToStpError(sdkError('AccessDenied', 'not authorized to perform cloudformation:CreateChangeSet'), { doing: 'create the change set', resource: 'shop-dev' })).toMatchObject({
      code: 'STP_AWS_ACCESS_DENIED',
      message: 'AWS denied the permission to create the change set (shop-dev): not authorized to perform cloudformation:CreateChangeSet',
    });
    expect(awsErrorToStpError(sdkError('Throttling', 'Rate exceeded'), { doing: 'read the stack' })).toMatchObject({ code: 'STP_AWS_THROTTLED' });
    expect(awsErrorToStpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), { doing: 'read the stack', endpoint: 'http://127.0.0.1:4566' })).toMatchObject({
      kind: 'environment',
      code: 'STP_AWS_UNREACHABLE',
      message: 'stp could not reach http://127.0.0.1:4566 to read the stack: connect ECONNREFUSED 127.0.0.1:4566.',
    });
    expect(awsErrorToStpError(sdkError('InternalFailure', 'oops', 500), { doing: 'read the stack' })).toMatchObject({ code: 'STP_AWS_SERVICE_ERROR', message: 'AWS refused to read the stack: InternalFailure: oops' });
  });

  it('awsCall passes StpErrors through and wraps the rest', async () => {
    const own = new StpError('refused', 'no', { code: 'X' });
    await expect(awsCall({ doing: 'x' }, () => Promise.reject(own))).rejects.toBe(own);
    await expect(awsCall({ doing: 'read the stack' }, () => Promise.reject(sdkError('ExpiredToken', 'The security token included in the request is expired')))).rejects.toMatchObject({
      code: 'STP_AWS_CREDENTIALS_EXPIRED',
    });
  });
});
