import { describe, expect, it } from 'vitest';
import { emptyRing, pushAll, ringTotal } from '../../../src/engine/session/ring-buffer.js';

describe('ring buffer', () => {
  it('appends while there is room, sharing nothing with the previous buffer', () => {
    const a = pushAll(emptyRing<number>(5), [1, 2]);
    const b = pushAll(a, [3]);
    expect(b).toEqual({ capacity: 5, items: [1, 2, 3], dropped: 0 });
    expect(a.items).toEqual([1, 2]);
    expect(b.items).not.toBe(a.items);
  });

  it('drops the oldest items when a batch overflows it', () => {
    const ring = pushAll(pushAll(emptyRing<number>(4), [1, 2, 3]), [4, 5, 6]);
    expect(ring).toEqual({ capacity: 4, items: [3, 4, 5, 6], dropped: 2 });
    expect(ringTotal(ring)).toBe(6);
  });

  it('keeps only the tail of a batch larger than the ring', () => {
    const ring = pushAll(pushAll(emptyRing<number>(3), [1, 2]), [3, 4, 5, 6, 7, 8]);
    expect(ring).toEqual({ capacity: 3, items: [6, 7, 8], dropped: 5 });
    expect(ringTotal(ring)).toBe(8);
  });

  it('a batch exactly the capacity replaces everything', () => {
    const ring = pushAll(pushAll(emptyRing<number>(2), [1]), [2, 3]);
    expect(ring).toEqual({ capacity: 2, items: [2, 3], dropped: 1 });
  });

  it('returns the same buffer for an empty batch (a store keeps its reference)', () => {
    const ring = pushAll(emptyRing<number>(2), [1]);
    expect(pushAll(ring, [])).toBe(ring);
  });

  it('refuses a capacity below one', () => {
    expect(() => emptyRing(0)).toThrow(RangeError);
    expect(() => emptyRing(1.5)).toThrow(RangeError);
  });
});
