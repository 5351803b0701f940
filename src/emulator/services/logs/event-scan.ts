/**
 * Reading events in order without scanning whole streams: binary searches over a stream's events
 * (sorted by timestamp, then seq) and a k-way merge across streams for FilterLogEvents. Because
 * `seq` is a per-group counter assigned at ingestion, ordering by (timestamp, seq) is AWS's
 * documented FilterLogEvents order (timestamp, then ingestion time, then PutLogEvents ID).
 */
import type { LogStream, StoredEvent } from './log-store.js';
import { compareKeys, type EventKey } from './log-tokens.js';

/** First index whose event satisfies `isAfter` (which must be monotone over the array). */
function lowerBound(events: StoredEvent[], isAfter: (event: StoredEvent) => boolean): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(events[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** First index with key strictly greater than `key`. */
export function indexAfterKey(events: StoredEvent[], key: EventKey): number {
  return lowerBound(events, (event) => compareKeys(event, key) > 0);
}

/** First index with key greater than or equal to `key`. */
export function indexAtOrAfterKey(events: StoredEvent[], key: EventKey): number {
  return lowerBound(events, (event) => compareKeys(event, key) >= 0);
}

/** First index with timestamp >= time. */
export function indexAtOrAfterTime(events: StoredEvent[], time: number): number {
  return lowerBound(events, (event) => event.timestamp >= time);
}

export interface ScanHit {
  stream: LogStream;
  event: StoredEvent;
}

export interface ScanResult {
  hits: ScanHit[];
  /** Where the next page starts (exclusive); absent when nothing is left to scan. */
  resumeAfter?: EventKey;
}

/**
 * Merges streams in (timestamp, seq) order from just after `after`, within
 * [startTime, endTime] (both inclusive), collecting up to `limit` matching events. Stops early
 * after `maxScan` events (returning a resume point with possibly few or no hits, as AWS does).
 */
export function scanStreams(
  streams: LogStream[],
  options: { after?: EventKey; startTime?: number; endTime?: number; limit: number; matches: (message: string) => boolean; maxScan: number },
): ScanResult {
  const heads: { stream: LogStream; index: number }[] = [];
  for (const stream of streams) {
    let index = options.startTime === undefined ? 0 : indexAtOrAfterTime(stream.events, options.startTime);
    if (options.after) index = Math.max(index, indexAfterKey(stream.events, options.after));
    if (index < stream.events.length) heads.push({ stream, index });
  }
  // A binary min-heap of stream heads keyed by their current event.
  const keyOf = (head: { stream: LogStream; index: number }) => head.stream.events[head.index]!;
  const less = (a: number, b: number) => compareKeys(keyOf(heads[a]!), keyOf(heads[b]!)) < 0;
  const swap = (a: number, b: number) => {
    const tmp = heads[a]!;
    heads[a] = heads[b]!;
    heads[b] = tmp;
  };
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heads.length && less(left, smallest)) smallest = left;
      if (right < heads.length && less(right, smallest)) smallest = right;
      if (smallest === i) return;
      swap(i, smallest);
      i = smallest;
    }
  };
  for (let i = (heads.length >>> 1) - 1; i >= 0; i--) siftDown(i);

  const hits: ScanHit[] = [];
  let scanned = 0;
  let last: StoredEvent | undefined;
  while (heads.length > 0) {
    const head = heads[0]!;
    const event = head.stream.events[head.index]!;
    if (options.endTime !== undefined && event.timestamp > options.endTime) return { hits };
    if (hits.length >= options.limit) return { hits, resumeAfter: last };
    if (scanned >= options.maxScan) return { hits, resumeAfter: last };
    scanned++;
    last = event;
    if (options.matches(event.message)) hits.push({ stream: head.stream, event });
    head.index++;
    if (head.index >= head.stream.events.length) {
      heads[0] = heads[heads.length - 1]!;
      heads.pop();
    }
    siftDown(0);
  }
  return { hits };
}
