/**
 * A bounded list that drops its oldest items: log views keep the last N lines of a long tail
 * without growing memory. Immutable (each push returns a new buffer) so a store can compare
 * references; a push copies at most `capacity` items once (a batch larger than the ring keeps only
 * its own tail, never building the whole concatenation first), batched per store update.
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
  const { capacity, items } = ring;
  if (added.length >= capacity) {
    return { capacity, items: added.slice(added.length - capacity), dropped: ring.dropped + items.length + added.length - capacity };
  }
  const drop = Math.max(0, items.length + added.length - capacity);
  const next = new Array<T>(items.length - drop + added.length);
  let at = 0;
  for (let i = drop; i < items.length; i++) next[at++] = items[i]!;
  for (let i = 0; i < added.length; i++) next[at++] = added[i]!;
  return { capacity, items: next, dropped: ring.dropped + drop };
}

/** Items ever pushed: the absolute index of `items[i]` is `dropped + i`. */
export function ringTotal(ring: RingBuffer<unknown>): number {
  return ring.dropped + ring.items.length;
}
