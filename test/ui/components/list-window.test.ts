import { describe, expect, it } from 'vitest';
import { listWindowStart } from '../../../src/ui/components/list-window.js';

describe('listWindowStart', () => {
  it('shows everything from 0 when it fits', () => {
    expect(listWindowStart(5, 4, 5, 3)).toBe(0);
    expect(listWindowStart(5, 0, 0)).toBe(0);
  });

  it('scrolls only as far as the selection needs, either way', () => {
    expect(listWindowStart(30, 9, 10, 0)).toBe(0);
    expect(listWindowStart(30, 10, 10, 0)).toBe(1);
    expect(listWindowStart(30, 15, 10, 1)).toBe(6);
    expect(listWindowStart(30, 12, 10, 6)).toBe(6);
    expect(listWindowStart(30, 4, 10, 6)).toBe(4);
  });

  it('never leaves blank rows at the end (the list shrank or the window grew)', () => {
    expect(listWindowStart(30, 29, 10, 25)).toBe(20);
    expect(listWindowStart(12, 11, 10, 8)).toBe(2);
  });
});
