import { describe, expect, it } from 'vitest';
import { AwsServiceError } from '../../../../src/emulator/core/aws-error.js';
import { functionArn, parseFunctionName, validateNewFunctionName } from '../../../../src/emulator/services/lambda/function-name.js';

describe('parseFunctionName', () => {
  it('accepts a name, a partial ARN and a full ARN, with or without a qualifier', () => {
    expect(parseFunctionName('my-fn')).toEqual({ name: 'my-fn', region: undefined, accountId: undefined, qualifier: undefined });
    expect(parseFunctionName('000000000000:function:my-fn')).toMatchObject({ name: 'my-fn', accountId: '000000000000' });
    expect(parseFunctionName('arn:aws:lambda:eu-west-1:123456789012:function:my-fn:$LATEST')).toEqual({
      name: 'my-fn',
      region: 'eu-west-1',
      accountId: '123456789012',
      qualifier: '$LATEST',
    });
    expect(parseFunctionName('my-fn:live')).toMatchObject({ name: 'my-fn', qualifier: 'live' });
  });

  it('rejects names outside AWS pattern with a ValidationException', () => {
    let caught: unknown;
    try {
      parseFunctionName('bad name!');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AwsServiceError);
    expect((caught as AwsServiceError).code).toBe('ValidationException');
    expect((caught as AwsServiceError).message).toContain("Value 'bad name!' at 'functionName'");
  });

  it('limits new names to 64 characters', () => {
    expect(validateNewFunctionName('a'.repeat(64))).toBe('a'.repeat(64));
    expect(() => validateNewFunctionName('a'.repeat(65))).toThrow(/failed to satisfy constraint/);
  });

  it('builds ARNs as AWS does', () => {
    expect(functionArn('us-east-1', '000000000000', 'f')).toBe('arn:aws:lambda:us-east-1:000000000000:function:f');
  });
});
