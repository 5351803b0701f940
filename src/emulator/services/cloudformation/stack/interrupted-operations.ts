import type { StackDeployer } from '../operations/stack-deployer.js';
import type { ResourceStatus } from './stack-model.js';
import type { StackStore } from './stack-store.js';
import { INTERRUPTED_STACK_STATUS } from './status-machine.js';

export const INTERRUPTED_REASON = 'The local cloud stopped while this operation was in progress.';

const INTERRUPTED_RESOURCE_STATUS: Partial<Record<ResourceStatus, ResourceStatus>> = {
  CREATE_IN_PROGRESS: 'CREATE_FAILED',
  UPDATE_IN_PROGRESS: 'UPDATE_FAILED',
  DELETE_IN_PROGRESS: 'DELETE_FAILED',
};

/**
 * After a restart, a stack whose operation was in flight is moved to the matching failed state
 * (CREATE_FAILED, UPDATE_FAILED, UPDATE_ROLLBACK_FAILED, DELETE_FAILED…) with events saying why,
 * so the operator can delete, roll back or continue it like any failed stack.
 */
export function recoverInterruptedOperations(store: StackStore, deployer: StackDeployer): number {
  let recovered = 0;
  for (const stack of store.stacks.values()) {
    const target = INTERRUPTED_STACK_STATUS[stack.status];
    if (!target && !stack.operation) continue;
    const token = stack.operation?.clientRequestToken;
    for (const record of Object.values(stack.resources)) {
      const failed = INTERRUPTED_RESOURCE_STATUS[record.status];
      if (failed) deployer.resourceEvent(stack, record, failed, { token, reason: INTERRUPTED_REASON });
    }
    if (target) {
      if (target === 'UPDATE_ROLLBACK_FAILED' && stack.rollbackTarget) {
        stack.rollbackTarget.failedReverts = [...new Set([...stack.rollbackTarget.failedReverts, ...stack.rollbackTarget.touched])];
      }
      deployer.stackEvent(stack, target, INTERRUPTED_REASON, token);
    }
    stack.operation = undefined;
    recovered++;
  }
  for (const changeSet of store.changeSets.values()) {
    if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') changeSet.executionStatus = 'EXECUTE_FAILED';
  }
  return recovered;
}
