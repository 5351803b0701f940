/**
 * What the session shows once the deploy ended: the outcome, how long it took, the stack's final
 * status, the plan's counts and the outputs; after a failure the first cause and the error with
 * its fix, and the engine's recovery actions (`FailureActions`). The shell handles R / l / q here.
 */
import { Box, Text } from 'ink';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { DeploySessionCommands, EventOfType } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { outcomeMark } from './console-header.js';
import { formatElapsed } from './elapsed-time.js';
import { FailureActions } from './failure-actions.js';
import type { NoticeTone } from './pane-props.js';

export interface ResultScreenProps {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  result: EventOfType<'result'>;
  width: number;
  height: number;
  /** The screen has the keyboard (no overlay or dialog of the shell's is open). */
  focused: boolean;
  notify(message: string, tone?: NoticeTone): void;
  setCapturing(capturing: boolean): void;
  /** A rollback or recovery was started from here: the shell goes back to the live panes. */
  onRecoveryStarted(): void;
}

const OK_OUTCOMES = new Set(['succeeded', 'no-changes', 'detached']);

export function ResultScreen({ store, commands, result, width, height, focused, notify, setCapturing, onRecoveryStarted }: ResultScreenProps) {
  const session = useStore(store, (s) => s.session);
  const firstCause = useStore(store, (s) => s.firstCause);
  const errors = useStore(store, (s) => s.errors);
  const scripts = useStore(store, (s) => s.scripts);
  const mark = outcomeMark(result.outcome);
  const failed = !OK_OUTCOMES.has(result.outcome);
  const lastError = errors[errors.length - 1];
  // The scripts' parameter outputs are stp's own (for `stp script:run`), not the operator's.
  const outputs = Object.entries(result.outputs).filter(([name]) => !name.endsWith('ScriptParameters'));
  const counts = result.counts;
  const scriptNames = Object.keys(scripts);
  // Rows left for outputs once the fixed lines are drawn; the rest is summarised.
  const fixed = 4 + (counts ? 1 : 0) + (failed && firstCause ? 3 + Math.min(3, firstCause.details.length) : 0) + (failed && lastError ? 2 : 0) + (failed ? 4 : 0);
  const outputRows = Math.max(1, height - fixed);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <Text wrap="truncate">
        <Text bold color={mark.color}>
          {mark.symbol} {mark.words}
        </Text>
        {session?.stack ? <Text bold> {session.stack}</Text> : null}
        <Text dimColor> in </Text>
        {formatElapsed(result.durationMs)}
        {result.stackStatus ? <Text dimColor> · {result.stackStatus}</Text> : null}
        <Text dimColor> · exit code {result.exitCode}</Text>
      </Text>
      {counts ? (
        <Text wrap="truncate">
          <Text color="green">+{counts.add} add</Text>  <Text color="yellow">~{counts.modify} modify</Text>  <Text color="red">±{counts.replace} replace</Text>
          {'  '}
          <Text color="magenta">?{counts.mayReplace} may replace</Text>  <Text color="red">−{counts.remove} remove</Text>
        </Text>
      ) : null}
      {failed && firstCause ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold color="red">
            ✗ First cause: {firstCause.owner ? `${firstCause.owner}  ` : ''}
            <Text dimColor>
              {firstCause.logicalId} {firstCause.resourceType}
            </Text>
          </Text>
          <Text wrap="truncate">  {firstCause.reason}</Text>
          {firstCause.details.slice(-3).map((line, i) => (
            <Text key={i} wrap="truncate" dimColor>
              {'  │ '}
              {line}
            </Text>
          ))}
        </Box>
      ) : null}
      {failed && lastError ? (
        <Box flexDirection="column" marginTop={firstCause ? 0 : 1}>
          <Text wrap="truncate" color="red">
            error {lastError.message}
          </Text>
          {lastError.fix ? <Text wrap="truncate">fix   {lastError.fix}</Text> : null}
        </Box>
      ) : null}
      {outputs.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text bold>Outputs</Text>
          {outputs.slice(0, outputRows).map(([name, value]) => (
            <Text key={name} wrap="truncate">
              {'  '}
              <Text color="cyan">{name}</Text> {value}
            </Text>
          ))}
          {outputs.length > outputRows ? <Text dimColor>  … {outputs.length - outputRows} more</Text> : null}
        </Box>
      ) : null}
      {failed ? (
        <FailureActions
          store={store}
          commands={commands}
          stackStatus={result.stackStatus}
          stackName={session?.stack ?? 'the stack'}
          focused={focused}
          notify={notify}
          setCapturing={setCapturing}
          onStarted={onRecoveryStarted}
          height={Math.max(4, height - fixed + 4)}
        />
      ) : null}
      <Box marginTop={1}>
        <Text wrap="truncate" dimColor>
          {scriptNames.length > 0 ? (
            <Text>
              <Text bold>R</Text> rerun {scriptNames.length === 1 ? scriptNames[0] : 'a script'}  ·{' '}
            </Text>
          ) : null}
          <Text bold>l</Text> open logs  ·  <Text bold>1-5</Text> panes  ·  <Text bold>q</Text> quit (exit code {result.exitCode})
        </Text>
      </Box>
    </Box>
  );
}
