/**
 * The logs pane's view over the session's log ring, as pure functions: which buffered lines a
 * resource + filter shows (each with its absolute index in the ring's history, so a paused view
 * stays on the same lines while new ones arrive and old ones drop out), and which slice of them
 * fits the rows. The pane never renders the whole buffer (ink-notes §3: a window, not <Static>).
 */
import { compileFilterPattern, FilterPatternError } from '../../aws/logs/filter-pattern.js';
import type { LogLine } from '../../engine/session/session-store.js';
import type { RingBuffer } from '../../engine/session/ring-buffer.js';

export interface ShownLine {
  /** Index in everything the ring ever held (`dropped + i`). */
  abs: number;
  line: LogLine;
}

/**
 * How buffered lines are filtered: a pattern the shared CloudWatch matcher understands is applied
 * to them; one it cannot evaluate here is left to CloudWatch (the re-tailed session), so only the
 * lines that arrived after applying it (`from`, an absolute index) are shown. Here the matcher sees
 * the line as shown; CloudWatch sees the whole event, for Lambda with the runtime's time, request id
 * and level in front — so `ERROR` also matches a console.error line there, and not here.
 */
export type LocalFilter = { kind: 'none' } | { kind: 'match'; pattern: string; matches(text: string): boolean } | { kind: 'remote'; pattern: string; from: number };

/** Compiles a typed pattern; throws FilterPatternError when CloudWatch would refuse it too. */
export function localFilter(pattern: string, total: number): LocalFilter {
  const text = pattern.trim();
  if (text === '') return { kind: 'none' };
  try {
    return { kind: 'match', pattern: text, matches: compileFilterPattern(text) };
  } catch (error) {
    if (error instanceof FilterPatternError && /not supported/.test(error.message)) return { kind: 'remote', pattern: text, from: total };
    throw error;
  }
}

export function shownLines(ring: RingBuffer<LogLine>, resource: string | undefined, filter: LocalFilter): ShownLine[] {
  const out: ShownLine[] = [];
  const { items, dropped } = ring;
  for (let i = 0; i < items.length; i++) {
    const line = items[i]!;
    if (resource !== undefined && line.source !== resource) continue;
    if (filter.kind === 'match' && !filter.matches(line.line)) continue;
    if (filter.kind === 'remote' && dropped + i < filter.from) continue;
    out.push({ abs: dropped + i, line });
  }
  return out;
}

/** The first shown index whose absolute index is ≥ abs (lines.length when none). */
export function indexAtOrAfter(lines: readonly ShownLine[], abs: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lines[mid]!.abs < abs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where the window starts: the bottom when following, else the paused top line (kept in range). */
export function windowStart(lines: readonly ShownLine[], rows: number, follow: boolean, topAbs: number): number {
  const last = Math.max(0, lines.length - rows);
  if (follow) return last;
  return Math.min(indexAtOrAfter(lines, topAbs), last);
}

/** Lines shown since `sinceAbs` (the "+N new" of a paused view). */
export function countSince(lines: readonly ShownLine[], sinceAbs: number): number {
  return lines.length - indexAtOrAfter(lines, sinceAbs);
}
