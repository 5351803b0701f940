/**
 * A recorded session (`--record FILE`, or `--json` output saved to a file) back into events: one
 * JSON object per line, each carrying the envelope (`v`, `seq`, `ts`, `type`). Pure: the caller
 * reads the file. A line that is not an event, or an event written by a newer schema than this
 * stp reads, is refused with file:line — replaying half a stream would show a screen that never
 * was. Event types this stp does not know (a newer stp adds types without bumping `v`) are kept;
 * every renderer ignores what it does not know.
 */
import { StpError } from '../../errors/stp-error.js';
import { EVENT_SCHEMA_VERSION, type DeployEvent } from '../events.js';

export interface ParsedRecording {
  events: DeployEvent[];
  /** Each event's time from the first event's, in ms; never decreasing (a clock step back holds still). */
  offsets: number[];
  /** The offset of the last event: the recording's length. */
  durationMs: number;
  /** Epoch ms of the first event. */
  startMs: number;
}

function refuse(file: string, line: number, message: string, fix: string, code = 'STP_REPLAY_MALFORMED'): StpError {
  return new StpError('usage', `${file}:${line}: ${message}`, { code, fix, resource: file });
}

const FIX_MALFORMED = 'Replay a file written by `stp … --record FILE` or `stp … --json > FILE`: one event object per line.';

export function parseRecording(text: string, file: string): ParsedRecording {
  const events: DeployEvent[] = [];
  const offsets: number[] = [];
  let start: number | undefined;
  let last = 0;
  const lines = text.split('\n');
  let lastContent = lines.length - 1;
  while (lastContent > 0 && lines[lastContent]!.trim() === '') lastContent -= 1;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      const truncated = i === lastContent && raw.trimStart().startsWith('{') && !raw.trimEnd().endsWith('}');
      throw refuse(
        file,
        lineNo,
        truncated
          ? 'the last line is cut off (the recording ended mid-write).'
          : `not JSON (${(error as Error).message}).`,
        truncated ? 'Delete the last line of the file and replay the rest.' : FIX_MALFORMED,
      );
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(file, lineNo, 'not an event object.', FIX_MALFORMED);
    const event = value as Record<string, unknown>;
    const v = event.v;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw refuse(file, lineNo, 'no schema version (`v`): not an stp event.', FIX_MALFORMED);
    if (v > EVENT_SCHEMA_VERSION) {
      throw refuse(
        file,
        lineNo,
        `recorded with event schema v${v}; this stp reads v${EVENT_SCHEMA_VERSION}.`,
        'Replay it with the stp version that recorded it, or a newer one.',
        'STP_REPLAY_NEWER_SCHEMA',
      );
    }
    if (typeof event.type !== 'string' || event.type === '') throw refuse(file, lineNo, 'the event has no `type`.', FIX_MALFORMED);
    if (typeof event.seq !== 'number' || !Number.isInteger(event.seq)) throw refuse(file, lineNo, `the ${event.type} event has no \`seq\`.`, FIX_MALFORMED);
    const at = typeof event.ts === 'string' ? Date.parse(event.ts) : Number.NaN;
    if (Number.isNaN(at)) throw refuse(file, lineNo, `the ${event.type} event has no ISO-8601 \`ts\`.`, FIX_MALFORMED);
    start ??= at;
    last = Math.max(last, at - start);
    events.push(event as unknown as DeployEvent);
    offsets.push(last);
  }
  if (events.length === 0) throw refuse(file, 1, 'no events in the file.', FIX_MALFORMED, 'STP_REPLAY_EMPTY');
  return { events, offsets, durationMs: last, startMs: start ?? 0 };
}
