import { describe, expect, it } from 'vitest';
import { parseRecording } from '../../../src/engine/replay/parse-recording.js';
import { isStpError, type StpError } from '../../../src/errors/stp-error.js';

const line = (seq: number, ts: string, body: Record<string, unknown>) => JSON.stringify({ ...body, v: 1, seq, ts });

function refusal(text: string): StpError {
  try {
    parseRecording(text, 'run.ndjson');
  } catch (error) {
    if (isStpError(error)) return error;
    throw error;
  }
  throw new Error('parseRecording accepted the text');
}

describe('parseRecording', () => {
  it('reads one event per line with offsets from the first event; blank lines and CRLF are fine', () => {
    const text = [
      line(1, '2026-12-06T10:00:00.000Z', { type: 'phase.changed', phase: 'resolve' }),
      '',
      line(2, '2026-12-06T10:00:01.500Z', { type: 'phase.changed', phase: 'package' }) + '\r',
      line(3, '2026-12-06T10:00:04.000Z', { type: 'progress', done: 1, total: 2 }),
      '',
    ].join('\n');
    const parsed = parseRecording(text, 'run.ndjson');
    expect(parsed.events.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(parsed.offsets).toEqual([0, 1500, 4000]);
    expect(parsed.durationMs).toBe(4000);
    expect(parsed.startMs).toBe(Date.parse('2026-12-06T10:00:00.000Z'));
  });

  it('a clock that steps back holds still instead of going back in time', () => {
    const text = [
      line(1, '2026-12-06T10:00:05.000Z', { type: 'progress', done: 0, total: 2 }),
      line(2, '2026-12-06T10:00:03.000Z', { type: 'progress', done: 1, total: 2 }),
      line(3, '2026-12-06T10:00:06.000Z', { type: 'progress', done: 2, total: 2 }),
    ].join('\n');
    expect(parseRecording(text, 'x').offsets).toEqual([0, 0, 1000]);
  });

  it('keeps event types this stp does not know (a newer stp adds types within v1)', () => {
    const parsed = parseRecording(line(1, '2026-12-06T10:00:00.000Z', { type: 'future.thing', x: 1 }), 'x');
    expect(parsed.events[0]!.type).toBe('future.thing');
  });

  it('refuses a line that is not JSON with file:line, exit 2', () => {
    const error = refusal([line(1, '2026-12-06T10:00:00.000Z', { type: 'progress', done: 0, total: 1 }), 'hello there', line(3, '2026-12-06T10:00:00.000Z', { type: 'progress', done: 0, total: 1 })].join('\n'));
    expect(error.message).toMatch(/^run\.ndjson:2: not JSON \(/);
    expect(error.code).toBe('STP_REPLAY_MALFORMED');
    expect(error.exitCode).toBe(2);
    expect(error.fix).toContain('--record FILE');
  });

  it('says when the last line was cut off mid-write', () => {
    const good = line(1, '2026-12-06T10:00:00.000Z', { type: 'progress', done: 0, total: 1 });
    const error = refusal(`${good}\n${good.slice(0, 20)}`);
    expect(error.message).toBe('run.ndjson:2: the last line is cut off (the recording ended mid-write).');
    expect(error.fix).toBe('Delete the last line of the file and replay the rest.');
  });

  it('refuses a newer schema, naming both versions', () => {
    const error = refusal(JSON.stringify({ v: 2, seq: 1, ts: '2026-12-06T10:00:00.000Z', type: 'progress' }));
    expect(error.message).toBe('run.ndjson:1: recorded with event schema v2; this stp reads v1.');
    expect(error.code).toBe('STP_REPLAY_NEWER_SCHEMA');
    expect(error.exitCode).toBe(2);
  });

  it('refuses objects that are not stp events, and an empty file', () => {
    expect(refusal('[1,2]').message).toBe('run.ndjson:1: not an event object.');
    expect(refusal('{"type":"progress","seq":1,"ts":"2026-12-06T10:00:00Z"}').message).toBe('run.ndjson:1: no schema version (`v`): not an stp event.');
    expect(refusal('{"v":1,"seq":1,"ts":"2026-12-06T10:00:00Z"}').message).toBe('run.ndjson:1: the event has no `type`.');
    expect(refusal('{"v":1,"type":"progress","ts":"2026-12-06T10:00:00Z"}').message).toBe('run.ndjson:1: the progress event has no `seq`.');
    expect(refusal('{"v":1,"seq":1,"type":"progress","ts":"yesterday"}').message).toBe('run.ndjson:1: the progress event has no ISO-8601 `ts`.');
    const empty = refusal('\n\n');
    expect(empty.message).toBe('run.ndjson:1: no events in the file.');
    expect(empty.code).toBe('STP_REPLAY_EMPTY');
  });
});
