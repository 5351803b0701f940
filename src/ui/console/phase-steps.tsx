/**
 * The deploy state machine's path as one line: `resolve ✓ › package ✓ › gate ⠋ › execute · …`.
 * Phases taken are ✓, the current one spins (or ● when still), the one a failure happened in is ✗,
 * phases not reached yet are dim dots. A recovery started from the failure screen (its own
 * resolve → … → done) draws its own path.
 */
import { Box, Text } from 'ink';
import Spinner from 'ink-spinner';
import { DEPLOY_PHASES, type DeployPhase } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';

export type StepState = 'done' | 'current' | 'failed' | 'pending' | 'skipped';

export interface Step {
  phase: DeployPhase;
  state: StepState;
}

const FAILED_OUTCOMES = new Set(['failed', 'rolled-back', 'refused', 'interrupted', 'needs-attention']);

/**
 * The steps of the latest run in this session (pure). `result` is the latest run's result, if it
 * ended (the shell drops an older run's result once a recovery starts).
 */
export function phaseSteps(state: Pick<SessionState, 'phases' | 'errors'>, result: SessionState['result']): Step[] {
  const start = state.phases.lastIndexOf('resolve');
  const taken = start === -1 ? state.phases : state.phases.slice(start);
  const current = taken[taken.length - 1];
  const ended = result !== undefined;
  const failed = result !== undefined && FAILED_OUTCOMES.has(result.outcome);
  // The phase a failure names (the last error's), else the last phase before done.
  const lastError = state.errors[state.errors.length - 1];
  const reached = new Set(taken);
  const failedPhase: DeployPhase | undefined = failed
    ? lastError?.phase && reached.has(lastError.phase)
      ? lastError.phase
      : taken.filter((p) => p !== 'done').pop()
    : undefined;
  const lastReachedIndex = current ? DEPLOY_PHASES.indexOf(current) : -1;
  return DEPLOY_PHASES.filter((phase) => phase !== 'done').map((phase, index) => {
    if (phase === failedPhase) return { phase, state: 'failed' };
    if (reached.has(phase)) return { phase, state: phase === current && !ended ? 'current' : 'done' };
    return { phase, state: index < lastReachedIndex ? 'skipped' : 'pending' };
  });
}

export function PhaseSteps({ steps, animations }: { steps: Step[]; animations: boolean }) {
  return (
    <Box>
      {steps.map((step, index) => (
        <Text key={step.phase} wrap="truncate">
          {index > 0 ? <Text dimColor> › </Text> : null}
          <StepMark step={step} animations={animations} />
        </Text>
      ))}
    </Box>
  );
}

function StepMark({ step, animations }: { step: Step; animations: boolean }) {
  switch (step.state) {
    case 'done':
      return (
        <Text>
          {step.phase} <Text color="green">✓</Text>
        </Text>
      );
    case 'current':
      return (
        <Text bold>
          {step.phase} <Text color="cyan">{animations ? <Spinner type="dots" /> : '●'}</Text>
        </Text>
      );
    case 'failed':
      return (
        <Text bold color="red">
          {step.phase} ✗
        </Text>
      );
    case 'skipped':
      return <Text dimColor>{step.phase} –</Text>;
    case 'pending':
      return <Text dimColor>{step.phase} ·</Text>;
  }
}
