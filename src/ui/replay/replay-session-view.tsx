/**
 * A compact view of a session's state for the replay (header, the phase path, progress, the latest
 * resource rows, the first cause and the result). Stands in for the full console frame where that
 * is not mounted.
 */
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { SessionState } from '../../engine/session/session-store.js';

export function ReplaySessionView({ store, width, height }: { store: StoreApi<SessionState>; width: number; height: number }) {
  const session = useStore(store, (s) => s.session);
  const phases = useStore(store, (s) => s.phases);
  const progress = useStore(store, (s) => s.progress);
  const resources = useStore(store, (s) => s.resources);
  const firstCause = useStore(store, (s) => s.firstCause);
  const result = useStore(store, (s) => s.result);
  const rows = Object.values(resources)
    .sort((a, b) => a.at.localeCompare(b.at))
    .slice(-Math.max(1, height - 6));
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" bold>
        {session ? `stp ${session.command} ${session.stack} · stage ${session.stage} · ${session.region} · ${session.target}` : 'waiting for the session to start'}
      </Text>
      <Text wrap="truncate">
        {phases.join(' › ')}
        {progress ? `   ${progress.done}/${progress.total} resources` : ''}
      </Text>
      {rows.map((row) => (
        <Text key={row.logicalId} wrap="truncate" color={row.status.endsWith('_FAILED') ? 'red' : row.status.endsWith('_COMPLETE') ? 'green' : undefined}>
          {row.status.endsWith('_FAILED') ? '✗' : row.status.endsWith('_COMPLETE') ? '✓' : '·'} {row.owner ?? '(stp)'} <Text dimColor>{row.logicalId}</Text> {row.status}
          {row.reason ? ` — ${row.reason}` : ''}
        </Text>
      ))}
      {firstCause ? (
        <Text wrap="truncate" color="red">
          First cause: {firstCause.owner ?? firstCause.logicalId} — {firstCause.reason}
        </Text>
      ) : null}
      {result ? (
        <Text bold color={result.exitCode === 0 ? 'green' : 'red'}>
          {result.exitCode === 0 ? '✓' : '✗'} {result.outcome}
          {result.stackStatus ? ` (${result.stackStatus})` : ''} · exit {result.exitCode}
        </Text>
      ) : null}
    </Box>
  );
}
