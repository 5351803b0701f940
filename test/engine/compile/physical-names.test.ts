import { describe, expect, it } from 'vitest';
import { physicalName } from '../../../src/engine/compile/physical-names.js';

describe('physicalName', () => {
  it('joins parts when they fit', () => {
    expect(physicalName(['app-dev', 'api'], 64)).toBe('app-dev-api');
  });

  it('cuts long names with a hash of the full name: deterministic, distinct, within the limit', () => {
    const a = physicalName(['app-dev', 'a'.repeat(40), 'one'], 32);
    const b = physicalName(['app-dev', 'a'.repeat(40), 'two'], 32);
    expect(a).toHaveLength(32);
    expect(a).toBe(physicalName(['app-dev', 'a'.repeat(40), 'one'], 32));
    expect(a).not.toBe(b);
    expect(a).toMatch(/^app-dev-a+-[0-9a-f]{8}$/);
  });
});
