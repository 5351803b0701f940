import { describe, expect, it } from 'vitest';
import { formatClock, formatElapsed } from '../../../src/ui/components/format-duration.js';
import { tailWindow } from '../../../src/ui/components/tail-window.js';

describe('the tail window', () => {
  it('the tail: the last rows that fit', () => {
    expect(tailWindow(500, 8)).toEqual({ start: 492, end: 500 });
    expect(tailWindow(3, 8)).toEqual({ start: 0, end: 3 });
    expect(tailWindow(3, 0)).toEqual({ start: 3, end: 3 });
  });
});

describe('durations', () => {
  it('countdowns as m:ss (h:mm:ss past an hour), never negative', () => {
    expect([300, 298, 59.9, 0, -4, 3725].map(formatClock)).toEqual(['5:00', '4:58', '0:59', '0:00', '0:00', '1:02:05']);
  });

  it('run lengths', () => {
    expect([9, 505, 1234, 65_000].map(formatElapsed)).toEqual(['9 ms', '505 ms', '1.2 s', '1m 05s']);
  });
});
