/**
 * `stp logs` at a terminal: the logs pane over the whole screen (its filter / follow / scroll
 * keys), a footer with the latest notice or the keys, `q` or Ctrl-C to leave. The frame stays one
 * row shorter than the terminal (a full-height frame makes Ink redraw the whole screen).
 */
import { Box, Text, useApp, useInput } from 'ink';
import { useCallback, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { KEYMAP, matchesKey, type KeyBinding } from '../console/keymap.js';
import type { NoticeTone } from '../console/pane-props.js';
import { useTerminalSize } from '../console/terminal-size.js';
import { LogsPane } from '../panes/logs-pane.js';

export interface LogsViewProps {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  /** The resources shown (a filter re-tails them). */
  sources: readonly string[];
  /** `--filter`, already applied by the session. */
  initialFilter?: string;
  /** Called with the exit code when the operator leaves (0 for q, 130 for Ctrl-C). */
  onExit(code: number): void;
  /** Fixed size (tests); the terminal's otherwise, re-measured on resize. */
  columns?: number;
  rows?: number;
}

const FOOTER_KEYS: readonly KeyBinding[] = [KEYMAP.logs.filter, KEYMAP.logs.follow, KEYMAP.logs.down, KEYMAP.logs.top, KEYMAP.logs.pageUp];

export function LogsView({ store, commands, sources, initialFilter, onExit, columns, rows }: LogsViewProps) {
  const size = useTerminalSize({ ...(columns !== undefined ? { columns } : {}), ...(rows !== undefined ? { rows } : {}) });
  const { exit } = useApp();
  const [notice, setNotice] = useState<{ message: string; tone: NoticeTone } | undefined>();
  const [capturing, setCapturing] = useState(false);
  const notify = useCallback((message: string, tone: NoticeTone = 'info') => setNotice({ message, tone }), []);
  const leave = (code: number) => {
    onExit(code);
    exit();
  };
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.global.interrupt, input, key)) leave(130);
      else if (!capturing && matchesKey(KEYMAP.global.quit, input, key)) leave(0);
    },
    { isActive: true },
  );
  const width = size.columns;
  // One row for the footer, one spare so the frame stays shorter than the terminal.
  const height = Math.max(3, size.rows - 2);
  return (
    <Box flexDirection="column" width={width}>
      <LogsPane
        store={store}
        commands={commands}
        focused
        width={width}
        height={height}
        notify={notify}
        setCapturing={setCapturing}
        showLogs={() => undefined}
        sources={sources}
        {...(initialFilter !== undefined ? { initialFilter } : {})}
      />
      <Text wrap="truncate-end">
        {notice ? (
          <Text color={notice.tone === 'error' ? 'red' : undefined}>{notice.tone === 'error' ? '✗ ' : ''}{notice.message}</Text>
        ) : (
          <Text dimColor>
            {capturing ? 'Enter applies the filter · Esc clears it' : ['q quit', ...FOOTER_KEYS.map((b) => `${b.label} ${b.help.split(';')[0]}`)].join(' · ')}
          </Text>
        )}
      </Text>
    </Box>
  );
}
