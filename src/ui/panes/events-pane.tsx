/**
 * The events pane: one row per resource with its latest status (symbol and colour), reason and
 * duration; nested stacks' resources indented under their stack; the plan's resources not started
 * yet as pending rows; a progress bar (finished / planned) with the stack's status; and, once
 * something fails, the first cause pinned on top. The row list is windowed around the selection
 * (j/k) so the pane stays within `height`; `l`/Enter opens the selected resource's logs.
 */
import { ProgressBar } from '@inkjs/ui';
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { listWindowStart } from '../components/list-window.js';
import { statusStyle } from '../components/status-style.js';
import { useKeptSelection } from '../components/use-kept-selection.js';
import { useSpinnerFrame } from '../components/use-spinner-frame.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import type { PaneProps } from '../console/pane-props.js';
import { shortType } from './plan-change-row.js';
import { conciseReason, eventRows, formatDuration, rowStatusText, rowStyle, type EventRow } from './events-view.js';
import { FirstCausePanel, firstCauseLines } from './first-cause-panel.js';

const pad = (text: string, width: number) => (text.length >= width ? text : text + ' '.repeat(width - text.length));
const fit = (text: string, width: number) => (text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`);

export function EventsPane({ store, focused, width, height, showLogs }: PaneProps) {
  const resources = useStore(store, (s) => s.resources);
  const plan = useStore(store, (s) => s.plan);
  const clock = useStore(store, (s) => s.stackClock);
  const progress = useStore(store, (s) => s.progress);
  const stackStatus = useStore(store, (s) => s.stackStatus);
  const firstCause = useStore(store, (s) => s.firstCause);
  const outcome = useStore(store, (s) => s.result?.outcome);
  const ended = outcome !== undefined;

  // A session that ended before CloudFormation touched anything (a preview, a refusal) lists no
  // planned rows: "not reached" for every change would read as a failure.
  const touched = Object.keys(resources).length > 0;
  const rows = useMemo(() => eventRows(resources, ended && !touched ? [] : plan?.changes, clock), [resources, plan, clock, ended, touched]);
  // Kept across tab switches (the shell mounts only the pane in view).
  const [selectedKey, setSelectedKey] = useKeptSelection(store, 'events');
  const [causeShown, setCauseShown] = useKeptSelection(store, 'events:first-cause');
  const windowStart = useRef(0);
  const running = rows.some((row) => row.running) || (stackStatus?.status.endsWith('_IN_PROGRESS') ?? false);
  const spinner = useSpinnerFrame(running);

  const found = selectedKey === undefined ? -1 : rows.findIndex((row) => row.key === selectedKey);
  // Until the operator picks a row, the view follows the work: the newest row in progress stays in
  // the window (a long create appends its latest resources below the fold).
  const following = rows.findLastIndex((row) => row.running);
  const selected = found >= 0 ? found : Math.max(0, following);
  const selectedRef = useRef(selected);
  selectedRef.current = selected;

  // When something fails, select the resource that failed first (its logs are one key away) —
  // once: coming back to the tab keeps what the operator selected since.
  const causeKey = firstCause ? rows.find((row) => row.depth === 0 && row.logicalId === firstCause.logicalId)?.key : undefined;
  useEffect(() => {
    if (causeKey && causeShown !== causeKey) {
      setCauseShown(causeKey);
      setSelectedKey(causeKey);
    }
  }, [causeKey, causeShown, setCauseShown, setSelectedKey]);

  useInput(
    (input, key) => {
      const move = (to: number) => {
        const index = Math.max(0, Math.min(rows.length - 1, to));
        selectedRef.current = index;
        setSelectedKey(rows[index]?.key);
      };
      if (matchesKey(KEYMAP.events.down, input, key)) move(selectedRef.current + 1);
      else if (matchesKey(KEYMAP.events.up, input, key)) move(selectedRef.current - 1);
      else if (matchesKey(KEYMAP.events.openLogs, input, key)) {
        const row = rows[selectedRef.current];
        if (row) showLogs(row.owner ?? row.logicalId);
      }
    },
    { isActive: focused },
  );

  const total = progress?.total ?? (ended && !touched ? 0 : (plan?.changes.length ?? 0));
  const done = Math.min(progress?.done ?? 0, total);
  const progressLines = total > 0 || stackStatus ? 1 : 0;
  // The first cause gets what the list does not need (the list keeps at least a third of the
  // pane, or all its rows if fewer), never less than 6 lines nor so much that no row shows.
  const listFloor = Math.max(3, Math.floor(height / 3));
  const listNeed = rows.length <= listFloor ? rows.length : listFloor + 1; // + the window's indicator line
  const causeNeed = firstCause ? firstCauseLines(firstCause, width) : 0;
  const causeRoom = firstCause ? Math.max(0, Math.min(causeNeed, Math.max(6, height - progressLines - listNeed), height - progressLines - 2)) : 0;
  // Too short for the boxed panel (border, title, reason — a cause without details needs only
  // those 4 lines; with details at least 5): one line says it.
  const boxed = firstCause !== undefined && causeRoom >= Math.min(5, causeNeed);
  const causeLines = firstCause ? (boxed ? causeRoom : 1) : 0;
  const listBudget = Math.max(1, height - causeLines - progressLines);
  const windowed = rows.length > listBudget;
  const listRows = windowed ? Math.max(1, listBudget - 1) : rows.length;
  const start = listWindowStart(rows.length, selected, listRows, windowStart.current);
  windowStart.current = start;
  const visible = rows.slice(start, start + listRows);
  const columns = {
    // As wide as the content, capped by a share of the pane so narrow terminals keep the status.
    name: Math.min(32, Math.max(12, Math.floor(width * 0.32)), Math.max(8, ...rows.map((row) => row.prefix.length + (row.owner ? row.owner.length + 1 + row.logicalId.length : row.logicalId.length)))),
    type: Math.min(22, Math.max(8, Math.floor(width * 0.22)), Math.max(6, ...rows.map((row) => shortType(row.resourceType).length))),
    status: Math.min(30, Math.max(7, ...rows.map((row) => rowStatusText(row, outcome).length))),
  };

  return (
    <Box flexDirection="column" width={width}>
      {firstCause && boxed ? <FirstCausePanel cause={firstCause} width={width} maxLines={causeLines} /> : null}
      {firstCause && !boxed ? (
        <Text color="red" bold wrap="truncate-end">
          {`✗ First cause: ${firstCause.owner ?? firstCause.logicalId} — ${conciseReason(firstCause.reason)}`}
        </Text>
      ) : null}
      {progressLines > 0 ? <ProgressLine done={done} total={total} stackStatus={stackStatus} width={width} spinner={spinner} /> : null}
      {rows.length === 0 ? <Text dimColor>{ended ? 'No resource changed in this session.' : 'No resource events yet.'}</Text> : null}
      {visible.map((row, index) => (
        <EventRowLine key={row.key} row={row} selected={start + index === selected} columns={columns} width={width} spinner={spinner} outcome={outcome} />
      ))}
      {windowed ? (
        <Text dimColor wrap="truncate-end">{`  rows ${start + 1}–${start + visible.length} of ${rows.length} · ${KEYMAP.events.down.label} move · ${KEYMAP.events.openLogs.label} logs`}</Text>
      ) : null}
    </Box>
  );
}

function ProgressLine({ done, total, stackStatus, width, spinner }: { done: number; total: number; stackStatus: { status: string; reason?: string } | undefined; width: number; spinner: string }) {
  const barWidth = Math.max(10, Math.min(30, Math.floor(width / 4)));
  const style = statusStyle(stackStatus?.status);
  const label = total > 0 ? ` ${done}/${total} finished` : '';
  return (
    <Box width={width}>
      {total > 0 ? (
        <Box width={barWidth}>
          <ProgressBar value={(done / total) * 100} />
        </Box>
      ) : null}
      <Text wrap="truncate-end">
        {label}
        {stackStatus ? (
          <Text {...(style.color ? { color: style.color } : {})}>{`  ${style.symbol ?? spinner} ${stackStatus.status}`}</Text>
        ) : null}
      </Text>
    </Box>
  );
}

function EventRowLine({ row, selected, columns, width, spinner, outcome }: { row: EventRow; selected: boolean; columns: { name: number; type: number; status: number }; width: number; spinner: string; outcome: string | undefined }) {
  const style = rowStyle(row);
  const name = fit(`${row.prefix}${row.owner ?? row.logicalId}`, columns.name);
  const id = row.owner ? fit(` ${row.logicalId}`, columns.name - name.length) : '';
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text {...(selected ? { color: 'cyan', bold: true } : {})}>{selected ? '▸ ' : '  '}</Text>
        <Text {...(style.color ? { color: style.color } : {})} dimColor={style.dim === true}>{`${style.symbol ?? spinner} `}</Text>
        <Text bold={selected}>{name}</Text>
        <Text dimColor>{pad(id, columns.name - name.length)}</Text>
        <Text>{`  ${pad(fit(shortType(row.resourceType), columns.type), columns.type)}`}</Text>
        <Text {...(style.color ? { color: style.color } : {})} dimColor={style.dim === true}>{`  ${pad(rowStatusText(row, outcome), columns.status)}`}</Text>
        <Text dimColor>{`  ${pad(row.durationMs !== undefined ? `${formatDuration(row.durationMs)}${row.running ? '…' : ''}` : '', 7)}`}</Text>
        {row.reason ? <Text {...(style.kind === 'failed' ? { color: 'red' } : { dimColor: true })}>{`  ${row.reason}`}</Text> : null}
      </Text>
    </Box>
  );
}
