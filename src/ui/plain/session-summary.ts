/**
 * What is left on the normal screen after the console closes (the alternate screen takes its
 * frames with it): the session line, the first cause and the last error of a failure, and the
 * result with its outputs — the events the plain renderer prints for them, picked from the store
 * (with the phases taken, for a renderer created with `phaseLines: false`).
 */
import type { DeployEvent } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';

export function sessionSummaryEvents(state: SessionState): DeployEvent[] {
  const { session, result } = state;
  if (!result) return [];
  const events: DeployEvent[] = [];
  if (session) events.push({ type: 'session.started', ...session, v: result.v, seq: 0, ts: result.ts });
  // The phases taken, so the last line can say whether anything changed (render with phaseLines: false).
  for (const phase of state.phases) events.push({ type: 'phase.changed', phase, v: result.v, seq: 0, ts: result.ts });
  const ok = result.outcome === 'succeeded' || result.outcome === 'no-changes' || result.outcome === 'detached';
  if (!ok) {
    if (state.firstCause) events.push(state.firstCause);
    const lastError = state.errors[state.errors.length - 1];
    if (lastError) events.push(lastError);
  }
  events.push(result);
  return events;
}
