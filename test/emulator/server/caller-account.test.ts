import { describe, expect, it } from 'vitest';
import { accessKeyIdOf, callerAccountOf } from '../../../src/emulator/server/caller-account.js';

const auth = (key: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=${key}/20261206/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc`,
});

describe('the account a request is made as', () => {
  it('is the access key id when it is 12 digits, from the header or a presigned URL', () => {
    expect(callerAccountOf(auth('111111111111'), new URLSearchParams(), '000000000000')).toBe('111111111111');
    const presigned = new URLSearchParams({ 'X-Amz-Credential': '222222222222/20261206/us-east-1/s3/aws4_request' });
    expect(callerAccountOf({}, presigned, '000000000000')).toBe('222222222222');
  });

  it('is the emulator account for any other access key, and for unsigned requests', () => {
    expect(callerAccountOf(auth('test'), new URLSearchParams(), '000000000000')).toBe('000000000000');
    expect(callerAccountOf(auth('AKIAIOSFODNN7EXAMPLE'), new URLSearchParams(), '000000000000')).toBe('000000000000');
    expect(callerAccountOf(auth('1111111111112'), new URLSearchParams(), '000000000000')).toBe('000000000000');
    expect(callerAccountOf({}, new URLSearchParams(), '000000000000')).toBe('000000000000');
    expect(accessKeyIdOf(auth('test'), new URLSearchParams())).toBe('test');
  });
});
