import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../../src/engine/diagnostics/did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and transpositions as one edit each', () => {
    expect(editDistance('conectTo', 'connectTo')).toBe(1);
    expect(editDistance('connectToo', 'connectTo')).toBe(1);
    expect(editDistance('connectTa', 'connectTo')).toBe(1);
    expect(editDistance('cnonectTo', 'connectTo')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('didYouMean', () => {
  const keys = ['connectTo', 'environment', 'memory', 'timeout', 'trigger'];
  it('suggests the closest key for a typo', () => {
    expect(didYouMean('conectTo', keys)).toBe('connectTo');
    expect(didYouMean('enviroment', keys)).toBe('environment');
    expect(didYouMean('ConnectTo', keys)).toBe('connectTo');
  });
  it('suggests nothing when no candidate is close', () => {
    expect(didYouMean('database', keys)).toBeUndefined();
    expect(didYouMean('x', keys)).toBeUndefined();
  });
  it('suggests nothing for an exact match', () => {
    expect(didYouMean('memory', keys)).toBeUndefined();
  });
});
