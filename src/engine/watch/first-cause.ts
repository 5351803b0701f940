/**
 * The first cause of a failed operation: the oldest failure that is not a consequence of another
 * one. CloudFormation reports many failures for one problem — resources it cancelled because
 * something else failed, the stack's own "The following resource(s) failed to …" summary, a
 * parent stack's "Embedded stack … was not successfully created" — and only the first genuine one
 * tells the user what to fix.
 */
import type { StackEventRecord } from '../events.js';
import { isStackLevelEvent } from './stack-status.js';

const CONSEQUENTIAL_REASONS: RegExp[] = [
  // "Resource creation cancelled", "Resource update cancelled", "Resource deletion cancelled", …
  /^resource \w+ cancell?ed\b/i,
  /\bcancell?ed\.?\s*$/i,
  /^the following resource\(s\) failed to/i,
  /^embedded stack .* was not successfully/i,
];

/** A *_FAILED resource event whose reason is its own, not a consequence of another failure. */
export function isGenuineFailure(event: StackEventRecord): boolean {
  if (!event.status.endsWith('_FAILED')) return false;
  if (isStackLevelEvent(event)) return false;
  const reason = event.reason?.trim() ?? '';
  return !CONSEQUENTIAL_REASONS.some((pattern) => pattern.test(reason));
}

/** The oldest genuine failure among events given oldest first, if any. */
export function firstGenuineFailure(events: readonly StackEventRecord[]): StackEventRecord | undefined {
  return events.find(isGenuineFailure);
}
