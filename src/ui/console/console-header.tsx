/**
 * The first line of the frame: which stack, stage, region and account (or the local cloud) this
 * session acts on, the phase with a spinner (or the outcome once it ended), and the elapsed time.
 */
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { Outcome } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { ElapsedTime } from './elapsed-time.js';

/** "local cloud" for the embedded or a running `stp local`, "account 1234…" for AWS, else as given. */
export function targetLabel(target: string | undefined): string {
  if (!target) return '';
  if (/local cloud/i.test(target)) return 'local cloud';
  if (/^\d{12}$/.test(target)) return `account ${target}`;
  return target;
}

const OUTCOME_MARK: Record<Outcome, { symbol: string; color: string; words: string }> = {
  succeeded: { symbol: '✓', color: 'green', words: 'deployed' },
  'no-changes': { symbol: '✓', color: 'green', words: 'no changes' },
  'rolled-back': { symbol: '↺', color: 'yellow', words: 'rolled back' },
  failed: { symbol: '✗', color: 'red', words: 'failed' },
  refused: { symbol: '✗', color: 'red', words: 'refused' },
  detached: { symbol: '⇥', color: 'cyan', words: 'detached' },
  interrupted: { symbol: '✗', color: 'yellow', words: 'interrupted' },
  'needs-attention': { symbol: '!', color: 'red', words: 'needs attention' },
};

export function outcomeMark(outcome: Outcome): { symbol: string; color: string; words: string } {
  return OUTCOME_MARK[outcome];
}

export interface ConsoleHeaderProps {
  store: StoreApi<SessionState>;
  /** The latest run's result (undefined while it runs). */
  result: SessionState['result'];
  startedAt: number;
  animations: boolean;
  width: number;
  /** Epoch ms now, for the elapsed time (a replay's recorded time). */
  clock?: () => number;
}

export function ConsoleHeader({ store, result, startedAt, animations, width, clock }: ConsoleHeaderProps) {
  const session = useStore(store, (s) => s.session);
  const phase = useStore(store, (s) => s.phase);
  const mark = result ? OUTCOME_MARK[result.outcome] : undefined;
  return (
    <Box width={width} justifyContent="space-between">
      <Text wrap="truncate">
        <Text bold>stp {session?.command ?? 'deploy'}</Text>
        {session?.stack ? <Text> · <Text bold>{session.stack}</Text></Text> : null}
        {session ? <Text dimColor> · stage </Text> : null}
        {session ? <Text>{session.stage}</Text> : null}
        {session ? <Text dimColor> · </Text> : null}
        {session ? <Text>{session.region}</Text> : null}
        {session ? <Text dimColor> · </Text> : null}
        {session ? <Text>{targetLabel(session.target)}</Text> : null}
      </Text>
      <Text wrap="truncate">
        {mark ? (
          <Text color={mark.color} bold>
            {mark.symbol} {mark.words}
          </Text>
        ) : (
          <Text color="cyan">
            {animations ? <Spinner type="dots" /> : '●'} {phase ?? 'starting'}
          </Text>
        )}
        <Text>  </Text>
        <ElapsedTime since={startedAt} {...(result ? { finalMs: result.durationMs } : {})} ticking={animations} {...(clock ? { clock } : {})} />
      </Text>
    </Box>
  );
}
