/** The deploy state machine's current phase; every transition is a `phase.changed` event. */
import type { DeployPhase } from '../events.js';
import type { DeploySession } from '../session/deploy-session.js';

export class PhaseTracker {
  current: DeployPhase | undefined;
  constructor(private readonly session: DeploySession) {}

  enter(phase: DeployPhase, reason?: string): void {
    const previous = this.current;
    this.current = phase;
    this.session.emit({ type: 'phase.changed', phase, ...(previous ? { previous } : {}), ...(reason ? { reason } : {}) });
  }
}
