/**
 * The logs pane: the session's buffered `log.line`s (a function's, a container's, a script's) as a
 * window over the ring buffer that fits the pane's rows, never `<Static>`. Following shows the
 * newest lines; paused (`f`, or any scroll) the view stays on its lines and counts "+N new"; `G`
 * follows again. `/` types a CloudWatch filter pattern: Enter filters the buffered lines here and
 * re-tails the resource with the pattern through the session (so CloudWatch filters what comes
 * next); Esc clears it. With several sources (e.g. `stp logs api worker`) a source column appears.
 */
import { TextInput } from '@inkjs/ui';
import { Box, Text, useInput } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ringTotal } from '../../engine/session/ring-buffer.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { useThrottledStore } from '../components/use-throttled-store.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import type { PaneProps } from '../console/pane-props.js';
import { escapeControlChars } from '../plain/escape-control-chars.js';
import { countSince, localFilter, shownLines, windowStart, type LocalFilter } from './log-view-lines.js';

export interface LogsPaneProps extends PaneProps {
  /**
   * The resource whose logs to show (the shell passes what `showLogs(resource)` named): only its
   * lines are shown, and the pane asks the session to tail it (`commands.tailLogs`) when it changes.
   */
  resource?: string;
  /** Without `resource`: the resources a filter re-tails (default: the sources of the buffered lines). */
  sources?: readonly string[];
  /** A filter already in force when the pane opens (`stp logs --filter`): shown, and applied to buffered lines. */
  initialFilter?: string;
}

const keys = KEYMAP.logs;
const selectLogs = (state: SessionState) => state.logs;

export function LogsPane(props: LogsPaneProps) {
  const { store, commands, focused, width, height, notify, setCapturing, resource, sources, initialFilter } = props;
  // A flood of lines redraws at most ~30 times a second; keys are never queued behind it.
  const ring = useThrottledStore(store, selectLogs, 33);
  const [follow, setFollow] = useState(true);
  const [topAbs, setTopAbs] = useState(0);
  const [pausedAt, setPausedAt] = useState(0);
  const [editing, setEditing] = useState(false);
  const [filter, setFilter] = useState<LocalFilter>(() => {
    try {
      return localFilter(initialFilter ?? '', 0);
    } catch {
      return { kind: 'none' };
    }
  });
  const pattern = filter.kind === 'none' ? undefined : filter.pattern;
  const patternRef = useRef(pattern);
  patternRef.current = pattern;

  // The shell may hand new commands / notify functions on every render: the tail must not restart for that.
  const seam = useRef({ commands, notify });
  seam.current = { commands, notify };
  const tail = useCallback((targets: readonly string[], filterPattern: string | undefined) => {
    const { commands: session, notify: say } = seam.current;
    for (const target of targets) {
      session.tailLogs(target, filterPattern !== undefined ? { filterPattern } : undefined).catch((error: unknown) => say(error instanceof Error ? error.message : String(error), 'error'));
    }
  }, []);

  // A resource to show: tail it (with the filter in force).
  useEffect(() => {
    if (resource === undefined) return;
    setFollow(true);
    tail([resource], patternRef.current);
  }, [resource, tail]);

  // Leaving the pane with the input open must give the keys back to the shell.
  useEffect(() => () => setCapturing(false), [setCapturing]);

  const lines = useMemo(() => shownLines(ring, resource, filter), [ring, resource, filter]);
  const multiSource = useMemo(() => {
    if (resource !== undefined) return false;
    const first = lines[0]?.line.source;
    return lines.some((l) => l.line.source !== first) || (sources !== undefined && sources.length > 1);
  }, [lines, resource, sources]);
  const sourceWidth = useMemo(() => (multiSource ? Math.max(...lines.map((l) => l.line.source.length), ...(sources ?? []).map((s) => s.length)) : 0), [lines, multiSource, sources]);

  const rows = Math.max(1, height - 1 - (editing ? 1 : 0));
  const start = windowStart(lines, rows, follow, topAbs);
  const visible = lines.slice(start, start + rows);
  const newSincePause = follow ? 0 : countSince(lines, pausedAt);

  // Ink re-subscribes useInput's handler in an effect, after the frame is drawn: a key arriving
  // in between would see the previous render's window. The handler reads the latest one instead.
  const latest = useRef({ lines, rows, start, follow, ring });
  latest.current = { lines, rows, start, follow, ring };
  const pauseAt = (index: (start: number, rows: number) => number) => {
    const now = latest.current;
    const clamped = Math.max(0, Math.min(index(now.start, now.rows), Math.max(0, now.lines.length - now.rows)));
    if (now.follow) setPausedAt(ringTotal(now.ring));
    setFollow(false);
    setTopAbs(now.lines[clamped]?.abs ?? ringTotal(now.ring));
  };

  const retargets = (): readonly string[] => (resource !== undefined ? [resource] : (sources ?? [...new Set(ring.items.map((l) => l.source))]));

  const apply = (typed: string) => {
    setEditing(false);
    setCapturing(false);
    let next: LocalFilter;
    try {
      next = localFilter(typed, ringTotal(ring));
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
      return;
    }
    const nextPattern = next.kind === 'none' ? undefined : next.pattern;
    setFilter(next);
    if (nextPattern !== pattern) tail(retargets(), nextPattern);
  };

  const clear = () => {
    setEditing(false);
    setCapturing(false);
    if (pattern === undefined) return;
    setFilter({ kind: 'none' });
    tail(retargets(), undefined);
  };

  useInput(
    (input, key) => {
      if (editing) {
        if (key.escape) clear();
        return;
      }
      if (matchesKey(keys.filter, input, key)) {
        setEditing(true);
        setCapturing(true);
      } else if (key.escape) clear();
      else if (matchesKey(keys.follow, input, key)) {
        if (latest.current.follow) pauseAt((at) => at);
        else setFollow(true);
      } else if (matchesKey(keys.down, input, key)) pauseAt((at) => at + 1);
      else if (matchesKey(keys.up, input, key)) pauseAt((at) => at - 1);
      else if (matchesKey(keys.pageDown, input, key)) pauseAt((at, page) => at + page);
      else if (matchesKey(keys.pageUp, input, key)) pauseAt((at, page) => at - page);
      else if (matchesKey(keys.top, input, key)) pauseAt(() => 0);
      else if (matchesKey(keys.bottom, input, key)) setFollow(true);
    },
    { isActive: focused },
  );

  const who = resource ?? (sources && sources.length > 0 ? sources.join(', ') : 'all sources');
  const state = follow ? 'following' : `paused${newSincePause > 0 ? ` · +${newSincePause} new` : ''} · G follows`;
  const where = lines.length > rows ? ` · ${start + 1}–${start + visible.length} of ${lines.length}` : '';
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate-end">
        <Text bold>logs</Text> {who} <Text dimColor>·</Text> <Text color={follow ? 'green' : 'yellow'}>{follow ? '▼ ' : '‖ '}{state}</Text>
        {pattern !== undefined ? <Text> <Text dimColor>·</Text> filter <Text color="cyan">{pattern}</Text></Text> : null}
        <Text dimColor>{where}</Text>
      </Text>
      <Box flexDirection="column" height={rows} overflow="hidden">
      {visible.length === 0 ? (
        <Text dimColor wrap="truncate-end">
          {pattern !== undefined
            ? `no buffered line matches ${pattern}; new ones appear as they arrive`
            : resource === undefined && sources === undefined && ring.items.length === 0
              ? 'no logs open: press l on a resource in Events, Canary or Scripts to follow its logs here'
              : `waiting for lines from ${who}…`}
        </Text>
      ) : (
        visible.map(({ abs, line }) => (
          <Text key={abs} wrap="truncate-end">
            <Text dimColor>{clock(line.at)}</Text>
            {multiSource ? <Text color="cyan">{`  ${line.source.padEnd(sourceWidth)}`}</Text> : null}
            {`  ${escapeControlChars(line.line.replace(/\t/g, '  '))}`}
          </Text>
        ))
      )}
      </Box>
      {editing ? (
        <Box height={1} overflow="hidden">
          <Box flexShrink={0}>
            <Text color="cyan">/</Text>
          </Box>
          <TextInput defaultValue={pattern ?? ''} placeholder="a CloudWatch filter pattern, e.g. ERROR -DEBUG" onSubmit={apply} />
        </Box>
      ) : null}
    </Box>
  );
}

/** `HH:MM:SS.mmm` of an ISO time (the date is the same for a tail's lines nearly always). */
function clock(at: string): string {
  return /T(\d{2}:\d{2}:\d{2}\.\d{3})/.exec(at)?.[1] ?? at;
}
