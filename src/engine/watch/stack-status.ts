/**
 * CloudFormation stack statuses as the watchers need them: which end an operation, which mean
 * it failed, which mean a resource is finished.
 */

/**
 * Every StackStatus at which no operation is running any more (the botocore StackStatus enum
 * minus the *_IN_PROGRESS ones, and REVIEW_IN_PROGRESS, which is a stack waiting for its first
 * change set to execute: an operation that has not started).
 */
export const TERMINAL_STACK_STATUSES = [
  'CREATE_COMPLETE',
  'CREATE_FAILED',
  'ROLLBACK_COMPLETE',
  'ROLLBACK_FAILED',
  'DELETE_COMPLETE',
  'DELETE_FAILED',
  'UPDATE_COMPLETE',
  'UPDATE_FAILED',
  'UPDATE_ROLLBACK_COMPLETE',
  'UPDATE_ROLLBACK_FAILED',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
  'IMPORT_ROLLBACK_FAILED',
] as const;

const TERMINAL = new Set<string>(TERMINAL_STACK_STATUSES);

export function isTerminalStackStatus(status: string | undefined): boolean {
  return status !== undefined && TERMINAL.has(status);
}

/** The stack is undoing an operation (its resource events are the rollback, not the plan). */
export function isRollbackStatus(status: string | undefined): boolean {
  return status !== undefined && status.includes('ROLLBACK');
}

/** A resource status after which CloudFormation does nothing more to that resource in this step. */
export function isFinishedResourceStatus(status: string): boolean {
  return status.endsWith('_COMPLETE') || status.endsWith('_FAILED') || status === 'DELETE_SKIPPED';
}

/** Stack-level events are the ones CloudFormation writes about the stack itself. */
export function isStackLevelEvent(event: { logicalId: string; stackName: string; resourceType: string; physicalId?: string; stackId: string }): boolean {
  return event.resourceType === 'AWS::CloudFormation::Stack' && (event.physicalId === event.stackId || event.logicalId === event.stackName);
}
