/**
 * A bounded list that drops its oldest items: log views keep the last N lines of a long tail
 * without growing memory. Immutable (each push returns a new buffer) so a store can compare
 * references; pushing costs a copy of at most `capacity` items, batched per store update.
 */
export interface RingBuffer<T> {
  readonly capacity: number;
  readonly items: readonly T[];
  /** How many items were dropped so far. */
  readonly dropped: number;
}

export function emptyRing<T>(capacity: number): RingBuffer<T> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`);
  return { capacity, items: [], dropped: 0 };
}

export function pushAll<T>(ring: RingBuffer<T>, added: readonly T[]): RingBuffer<T> {
  if (added.length === 0) return ring;
  const all = ring.items.length + added.length;
  const drop = Math.max(0, all - ring.capacity);
  const items = drop === 0 ? [...ring.items, ...added] : [...ring.items, ...added].slice(drop);
  return { capacity: ring.capacity, items, dropped: ring.dropped + drop };
}
