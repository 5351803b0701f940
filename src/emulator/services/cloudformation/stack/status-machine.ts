import { AwsServiceError } from '../../../core/aws-error.js';
import type { StackRecord, StackStatus } from './stack-model.js';

/** Which operations each stack status allows, with CloudFormation's error texts. */
const UPDATABLE: ReadonlySet<StackStatus> = new Set<StackStatus>([
  'CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'CREATE_FAILED', 'UPDATE_FAILED',
]);

export function isInProgress(status: StackStatus): boolean {
  return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

/** CreateChangeSet(UPDATE), ExecuteChangeSet, UpdateStack. */
export function assertUpdatable(stack: StackRecord): void {
  if (!UPDATABLE.has(stack.status)) {
    throw new AwsServiceError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
  }
}

export function assertDeletable(stack: StackRecord): void {
  if (isInProgress(stack.status) && stack.status !== 'DELETE_IN_PROGRESS') {
    throw new AwsServiceError('ValidationError', `Stack [${stack.stackId}] cannot be deleted while in status ${stack.status}`);
  }
}

export function assertCancellable(stack: StackRecord): void {
  if (stack.status !== 'UPDATE_IN_PROGRESS') {
    throw new AwsServiceError('ValidationError', 'CancelUpdateStack cannot be called from current stack status');
  }
}

export function assertContinuable(stack: StackRecord): void {
  if (stack.status !== 'UPDATE_ROLLBACK_FAILED') {
    throw new AwsServiceError('ValidationError', 'ContinueUpdateRollback cannot be called from current stack status');
  }
}

export function assertRollbackable(stack: StackRecord): void {
  if (stack.status !== 'CREATE_FAILED' && stack.status !== 'UPDATE_FAILED') {
    throw new AwsServiceError('ValidationError', `Stack ${stack.stackId} is in ${stack.status} state and cannot be rolled back`);
  }
}

/** Where an operation interrupted by an emulator restart ends up (reported honestly as failed). */
export const INTERRUPTED_STACK_STATUS: Partial<Record<StackStatus, StackStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  ROLLBACK_IN_PROGRESS: 'ROLLBACK_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_FAILED',
  UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_COMPLETE',
  UPDATE_ROLLBACK_IN_PROGRESS: 'UPDATE_ROLLBACK_FAILED',
  UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS: 'UPDATE_ROLLBACK_COMPLETE',
};
