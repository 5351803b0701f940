import { describe, expect, it } from 'vitest';
import { containsSecretReference, secretDynamicReference } from '../../../../src/engine/compile/intrinsics/secret-reference.js';

describe('secretDynamicReference', () => {
  it('accepts a secret ARN as the secret id', () => {
    const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf';
    expect(secretDynamicReference(`${arn}.password`)).toEqual({
      ok: true,
      value: `{{resolve:secretsmanager:${arn}:SecretString:password}}`,
      secretName: arn,
      jsonKey: 'password',
    });
  });

  it('rejects a name that would break the reference', () => {
    expect(secretDynamicReference('a}}b').ok).toBe(false);
    expect(secretDynamicReference('').ok).toBe(false);
  });
});

describe('containsSecretReference', () => {
  it('finds a reference nested in intrinsics', () => {
    expect(containsSecretReference({ 'Fn::Join': ['', ['postgres://u:', '{{resolve:secretsmanager:db:SecretString:p}}', '@h']] })).toBe(true);
    expect(containsSecretReference({ 'Fn::Join': ['', ['postgres://', { Ref: 'X' }]] })).toBe(false);
  });
});
