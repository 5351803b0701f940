import { describe, expect, it } from 'vitest';
import { changedPaths } from '../../../../../src/emulator/services/cloudformation/change-set/changed-paths.js';
import { replacementEffect } from '../../../../../src/emulator/services/cloudformation/change-set/replacement-spec.js';

describe('changedPaths', () => {
  it('finds the deepest differing keys and indexes', () => {
    expect(changedPaths({ a: { b: 1, c: [1, 2] } }, { a: { b: 2, c: [1, 3] } })).toEqual([['a', 'b'], ['a', 'c', 1]]);
    expect(changedPaths([1, 2], [1, 2, 3])).toEqual([[]]);
    expect(changedPaths('x', 'x')).toEqual([]);
  });
});

describe('replacementEffect', () => {
  it('checks nested paths against the spec, not just the top-level property', () => {
    const before = [{ SubnetId: 'subnet-1', DeviceIndex: '0' }];
    const after = [{ SubnetId: 'subnet-2', DeviceIndex: '0' }];
    expect(replacementEffect('AWS::EC2::Instance', 'NetworkInterfaces', before, after)).toBe('yes');
    expect(replacementEffect('AWS::RDS::DBInstance', 'Engine', 'postgres', 'mysql')).toBe('maybe');
    expect(replacementEffect('AWS::Lambda::Function', 'Code', { S3Key: 'a' }, { S3Key: 'b' })).toBe('no');
  });
});
