import { expect, it } from 'vitest';
import { indexAfterKey, indexAtOrAfterTime, scanStreams } from '../../../../src/emulator/services/logs/event-scan.js';
import type { LogStream } from '../../../../src/emulator/services/logs/log-store.js';

function stream(name: string, events: [timestamp: number, seq: number, message: string][]): LogStream {
  return {
    name,
    creationTime: 0,
    storedBytes: 0,
    events: events.map(([timestamp, seq, message]) => ({ timestamp, seq, message, ingestionTime: 1000 + seq })),
  };
}

const a = stream('a', [
  [10, 1, 'a1'],
  [20, 4, 'a2'],
  [20, 6, 'a3'],
  [40, 7, 'a4'],
]);
const b = stream('b', [
  [15, 2, 'b1'],
  [20, 5, 'b2'],
  [30, 3, 'b3'],
]);
const all = () => true;

it('merges streams by timestamp, then ingestion order', () => {
  const result = scanStreams([a, b], { limit: 100, matches: all, maxScan: 1000 });
  expect(result.hits.map((hit) => hit.event.message)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3', 'b3', 'a4']);
  expect(result.resumeAfter).toBeUndefined();
});

it('pages with a resume point that continues exactly where the last page stopped', () => {
  const first = scanStreams([a, b], { limit: 3, matches: all, maxScan: 1000 });
  expect(first.hits.map((hit) => hit.event.message)).toEqual(['a1', 'b1', 'a2']);
  const second = scanStreams([a, b], { after: first.resumeAfter, limit: 3, matches: all, maxScan: 1000 });
  expect(second.hits.map((hit) => hit.event.message)).toEqual(['b2', 'a3', 'b3']);
  const third = scanStreams([a, b], { after: second.resumeAfter, limit: 3, matches: all, maxScan: 1000 });
  expect(third.hits.map((hit) => hit.event.message)).toEqual(['a4']);
  expect(third.resumeAfter).toBeUndefined();
});

it('honours an inclusive time range and the pattern', () => {
  const result = scanStreams([a, b], { startTime: 15, endTime: 30, limit: 100, matches: (m) => m.startsWith('b'), maxScan: 1000 });
  expect(result.hits.map((hit) => hit.event.message)).toEqual(['b1', 'b2', 'b3']);
});

it('returns an empty page with a resume point when the scan budget runs out first', () => {
  const result = scanStreams([a, b], { limit: 10, matches: (m) => m === 'a4', maxScan: 3 });
  expect(result.hits).toEqual([]);
  expect(result.resumeAfter).toMatchObject({ timestamp: 20, seq: 4 });
  const rest = scanStreams([a, b], { after: result.resumeAfter, limit: 10, matches: (m) => m === 'a4', maxScan: 1000 });
  expect(rest.hits.map((hit) => hit.event.message)).toEqual(['a4']);
});

it('binary-searches positions by key and by time', () => {
  expect(indexAfterKey(a.events, { timestamp: 20, seq: 4 })).toBe(2);
  expect(indexAfterKey(a.events, { timestamp: 0, seq: 0 })).toBe(0);
  expect(indexAtOrAfterTime(a.events, 20)).toBe(1);
  expect(indexAtOrAfterTime(a.events, 41)).toBe(4);
});
