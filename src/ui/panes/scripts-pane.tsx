/**
 * The scripts pane: every deployment script that ran in this session with its status (running,
 * ✓ with its duration, ✗ with duration and error) and the selected script's output, windowed over
 * its ring buffer and following the tail. `R` reruns the selected script (it runs code against the
 * stack, so it is confirmed, Cancel focused) and the new run streams in under a `── run N ──` mark;
 * `l`/Enter opens the script's logs in the logs pane.
 */
import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { ScriptState } from '../../engine/session/session-store.js';
import { formatElapsed } from '../components/format-duration.js';
import { listWindowStart } from '../components/list-window.js';
import { tailWindow } from '../components/tail-window.js';
import { useKeptSelection } from '../components/use-kept-selection.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import type { PaneProps } from '../console/pane-props.js';
import { escapeControlChars } from '../plain/escape-control-chars.js';
import { ConfirmDialog } from '../prompts/confirm-dialog.js';

/** A line of output, or the mark where a later run starts. */
type OutputRow = { kind: 'line'; text: string } | { kind: 'run'; text: string };

/** The script's buffered lines with a mark before the current run's first line (when earlier runs' lines are still buffered). */
export function outputRows(script: ScriptState): OutputRow[] {
  const rows: OutputRow[] = script.lines.items.map((line) => ({ kind: 'line', text: line.line }));
  const at = script.runStart - script.lines.dropped;
  if (script.runs > 1 && at > 0 && at <= rows.length) {
    rows.splice(at, 0, { kind: 'run', text: `── run ${script.runs}${script.trigger === 'rerun' ? ' (rerun)' : ''} ──` });
  }
  return rows;
}

/** A script's result in a few words: `succeeded in 505 ms`, `failed after 1.2 s: …`, `running`. */
export function scriptSummary(script: ScriptState): string {
  const took = script.durationMs !== undefined ? formatElapsed(script.durationMs) : undefined;
  if (script.status === 'running') return script.trigger === 'rerun' ? 'running (rerun)' : script.trigger === 'delete' ? 'running (before:delete)' : 'running';
  const error = script.error?.split('\n')[0];
  if (script.status === 'succeeded') return took ? `succeeded in ${took}` : 'succeeded';
  return `failed${took ? ` after ${took}` : ''}${error ? `: ${error}` : ''}`;
}

export function ScriptsPane({ store, commands, focused, width, height, notify, setCapturing, showLogs }: PaneProps) {
  const scripts = useStore(store, (s) => s.scripts);
  const stack = useStore(store, (s) => s.session?.stack);
  const names = useMemo(() => Object.keys(scripts).sort(), [scripts]);
  const [chosen, setChosen] = useKeptSelection(store, 'scripts');
  const selected = chosen !== undefined && names.includes(chosen) ? chosen : names[0];
  const script = selected !== undefined ? scripts[selected] : undefined;
  const [confirming, setConfirming] = useState<string>();

  const open = confirming !== undefined;
  useEffect(() => {
    if (!open) return undefined;
    setCapturing(true);
    return () => setCapturing(false);
  }, [open, setCapturing]);

  // Keys typed faster than React re-subscribes the handler still see the latest selection.
  const latest = useRef({ names, selected, script });
  latest.current = { names, selected, script };
  useInput(
    (input, key) => {
      const { names, selected, script } = latest.current;
      if (!selected || !script) return;
      const index = names.indexOf(selected);
      if (matchesKey(KEYMAP.scripts.down, input, key)) setChosen(names[Math.min(names.length - 1, index + 1)]);
      else if (matchesKey(KEYMAP.scripts.up, input, key)) setChosen(names[Math.max(0, index - 1)]);
      else if (matchesKey(KEYMAP.scripts.openLogs, input, key)) showLogs(selected);
      else if (matchesKey(KEYMAP.scripts.rerun, input, key)) {
        if (script.status === 'running') notify(`${selected} is running: rerun it once it has finished`, 'info');
        else setConfirming(selected);
      }
    },
    { isActive: focused && !open },
  );

  const rerun = (name: string) => {
    setConfirming(undefined);
    commands.rerunScript(name).then(
      // It resolves when the run ended, failed or not; the list shows which (the store may get the
      // run's last events a moment after this).
      () => notify(`${name}: rerun finished`, 'info'),
      (error: unknown) => notify(error instanceof Error ? error.message : String(error), 'error'),
    );
  };

  if (!selected || !script) {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate-end">No deployment script has run in this session.</Text>
        {height > 1 ? (
          <Text dimColor wrap="truncate-end">
            A deployment script&apos;s status and output appear here while it runs (after:deploy, before:delete, or a rerun).
          </Text>
        ) : null}
      </Box>
    );
  }

  const rows: ReactNode[] = [];
  const listRows = Math.max(1, Math.min(names.length, Math.floor(height / 3)));
  const start = listWindowStart(names.length, names.indexOf(selected), listRows);
  const nameWidth = Math.max(...names.map((name) => name.length));
  for (const name of names.slice(start, start + listRows)) rows.push(<ScriptRow key={`script:${name}`} name={name} nameWidth={nameWidth} script={scripts[name]!} selected={name === selected} />);

  if (confirming) {
    return (
      <Box flexDirection="column" width={width}>
        {rows}
        <ConfirmDialog
          title={`Rerun script ${confirming}?`}
          message={[`Runs ${confirming}'s code against ${stack ? `stack ${stack}` : 'the stack'} again,`, "with the last deploy's parameters; its output streams here."]}
          confirmLabel="Rerun"
          dangerous
          isActive={focused}
          onConfirm={() => rerun(confirming)}
          onCancel={() => setConfirming(undefined)}
          width={Math.min(width, 100)}
        />
      </Box>
    );
  }

  rows.push(
    <Text key="output" wrap="truncate-end">
      <Text bold>{`${selected} output`}</Text>
      <Text dimColor>{`${script.runs > 1 ? ` · run ${script.runs}` : ''}${script.lines.dropped > 0 ? ` · ${script.lines.dropped} earlier lines not kept (l for all)` : ''}`}</Text>
    </Text>,
  );
  if (script.status === 'failed' && script.error?.includes('\n')) {
    rows.push(
      <Text key="error" color="red" wrap="truncate-end">
        {escapeControlChars(script.error.replace(/\n/g, ' ⏎ '))}
      </Text>,
    );
  }
  const output = outputRows(script);
  const room = Math.max(0, height - rows.length);
  const window = tailWindow(output.length, room);
  output.slice(window.start, window.end).forEach((row, index) =>
    rows.push(
      row.kind === 'run' ? (
        <Text key={`out:${window.start + index}`} color="cyan" wrap="truncate-end">
          {row.text}
        </Text>
      ) : (
        <Text key={`out:${window.start + index}`} wrap="truncate-end">
          {escapeControlChars(row.text.replace(/\t/g, '  '))}
        </Text>
      ),
    ),
  );
  if (output.length === 0 && room > 0) {
    rows.push(
      <Text key="empty" dimColor wrap="truncate-end">
        {script.status === 'running' ? 'waiting for output…' : 'no output'}
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(0, Math.max(1, height))}
    </Box>
  );
}

function ScriptRow({ name, nameWidth, script, selected }: { name: string; nameWidth: number; script: ScriptState; selected: boolean }) {
  return (
    <Text wrap="truncate-end">
      <Text color={selected ? 'cyan' : undefined}>{selected ? '▸ ' : '  '}</Text>
      {script.status === 'running' ? (
        <Text color="cyan">
          <Spinner type="dots" />
        </Text>
      ) : script.status === 'succeeded' ? (
        <Text color="green">✓</Text>
      ) : (
        <Text color="red">✗</Text>
      )}
      <Text bold={selected}>{` ${name.padEnd(nameWidth)}`}</Text>
      <Text {...(script.status === 'failed' ? { color: 'red' } : {})}>{`  ${escapeControlChars(scriptSummary(script))}`}</Text>
    </Text>
  );
}
