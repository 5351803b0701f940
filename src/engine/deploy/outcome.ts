/** A terminal stack status → the session's outcome and exit code. */
import { EXIT_FAILED, EXIT_NEEDS_ATTENTION, EXIT_OK } from '../../errors/stp-error.js';
import type { Outcome } from '../events.js';

export function outcomeOfStatus(status: string | undefined): { outcome: Outcome; exitCode: number } {
  if (status === undefined) return { outcome: 'failed', exitCode: EXIT_FAILED };
  if (/ROLLBACK_COMPLETE$/.test(status)) return { outcome: 'rolled-back', exitCode: EXIT_FAILED };
  if (status.endsWith('_FAILED')) return { outcome: 'needs-attention', exitCode: EXIT_NEEDS_ATTENTION };
  if (status.endsWith('_COMPLETE')) return { outcome: 'succeeded', exitCode: EXIT_OK };
  return { outcome: 'failed', exitCode: EXIT_FAILED };
}
