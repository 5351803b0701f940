import { describe, expect, it } from 'vitest';
import { policyActionOf, replacementOf } from '../../../../../src/emulator/services/cloudformation/change-set/replacement-rule.js';
import { causesReplacement } from '../../../../../src/emulator/services/cloudformation/change-set/replacement-spec.js';

describe('replacementOf (the documented Replacement rule)', () => {
  it('Always + Static is True; Always + Dynamic or Conditionally is Conditional; otherwise False', () => {
    expect(replacementOf([{ requiresRecreation: 'Always', evaluation: 'Static' }])).toBe('True');
    expect(replacementOf([{ requiresRecreation: 'Always', evaluation: 'Dynamic' }])).toBe('Conditional');
    expect(replacementOf([{ requiresRecreation: 'Conditionally', evaluation: 'Static' }])).toBe('Conditional');
    expect(replacementOf([{ requiresRecreation: 'Never', evaluation: 'Static' }])).toBe('False');
    expect(replacementOf([])).toBe('False');
  });

  it('lets the most severe detail win', () => {
    expect(
      replacementOf([
        { requiresRecreation: 'Never', evaluation: 'Static' },
        { requiresRecreation: 'Always', evaluation: 'Dynamic' },
        { requiresRecreation: 'Always', evaluation: 'Static' },
      ]),
    ).toBe('True');
  });
});

describe('policyActionOf', () => {
  it('follows DeletionPolicy for removals and UpdateReplacePolicy for replacements', () => {
    expect(policyActionOf('Remove', undefined, {})).toBe('Delete');
    expect(policyActionOf('Remove', undefined, { deletionPolicy: 'Retain' })).toBe('Retain');
    expect(policyActionOf('Remove', undefined, { deletionPolicy: 'Snapshot' })).toBe('Snapshot');
    expect(policyActionOf('Modify', 'True', {})).toBe('ReplaceAndDelete');
    expect(policyActionOf('Modify', 'True', { updateReplacePolicy: 'Retain' })).toBe('ReplaceAndRetain');
    expect(policyActionOf('Modify', 'False', { deletionPolicy: 'Retain' })).toBeUndefined();
    expect(policyActionOf('Add', undefined, {})).toBeUndefined();
  });
});

describe('causesReplacement (from the resource specification)', () => {
  it('knows immutable properties', () => {
    expect(causesReplacement('AWS::SNS::Topic', ['TopicName'])).toBe('yes');
    expect(causesReplacement('AWS::SNS::Topic', ['DisplayName'])).toBe('no');
    expect(causesReplacement('AWS::Lambda::Function', ['FunctionName'])).toBe('yes');
    expect(causesReplacement('AWS::Lambda::Function', ['MemorySize'])).toBe('no');
    expect(causesReplacement('Custom::Anything', ['Name'])).toBe('no');
  });
});
