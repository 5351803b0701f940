/**
 * The `check` phase: can this stack take a new change set now, and of which type? A busy stack,
 * a failed first create or a stack stuck in a failed state is explained, with the command that
 * gets it moving again.
 */
import type { DeployedStack } from '../../aws/cloudformation/stack-state.js';
import { EXIT_NEEDS_ATTENTION, StpError } from '../../errors/stp-error.js';

export type ChangeSetType = 'CREATE' | 'UPDATE';

/** "12:01" (UTC) from an ISO time, for "UPDATE_IN_PROGRESS since 12:01". */
export function clockTime(iso: string | undefined): string {
  return iso ? `${iso.slice(11, 16)} UTC` : 'an unknown time';
}

export function changeSetTypeFor(stack: DeployedStack | undefined): ChangeSetType {
  if (!stack || stack.status === 'REVIEW_IN_PROGRESS') return 'CREATE';
  const { status, stackName } = stack;
  if (status.endsWith('_IN_PROGRESS')) {
    throw new StpError('aws', `The stack ${stackName} is busy: ${status} since ${clockTime(stack.since)}.`, {
      code: 'STP_STACK_BUSY',
      resource: stackName,
      fix: 'Attach to it with `stp status --watch`, or wait for it to finish and deploy again.',
    });
  }
  if (status === 'ROLLBACK_COMPLETE' || status === 'ROLLBACK_FAILED' || status === 'CREATE_FAILED') {
    throw new StpError('aws', `The stack ${stackName} never finished its first create (${status}${stack.statusReason ? `: ${stack.statusReason}` : ''}); CloudFormation cannot update it.`, {
      code: 'STP_STACK_FAILED_CREATE',
      resource: stackName,
      fix: 'Delete it with `stp delete`, then deploy again.',
    });
  }
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    throw new StpError('aws', `The stack ${stackName} is stuck in UPDATE_ROLLBACK_FAILED${stack.statusReason ? ` (${stack.statusReason})` : ''}.`, {
      code: 'STP_STACK_ROLLBACK_FAILED',
      resource: stackName,
      exitCode: EXIT_NEEDS_ATTENTION,
      fix: 'Recover it with `stp rollback` (add `--skip LOGICAL_ID,…` for resources that cannot roll back), then deploy again.',
    });
  }
  if (status === 'UPDATE_FAILED') {
    throw new StpError('aws', `The stack ${stackName} is in UPDATE_FAILED (rollback was disabled).`, {
      code: 'STP_STACK_UPDATE_FAILED',
      resource: stackName,
      exitCode: EXIT_NEEDS_ATTENTION,
      fix: 'Roll it back with `stp rollback`, then deploy again.',
    });
  }
  if (status === 'DELETE_FAILED') {
    throw new StpError('aws', `The stack ${stackName} failed to delete (DELETE_FAILED).`, {
      code: 'STP_STACK_DELETE_FAILED',
      resource: stackName,
      exitCode: EXIT_NEEDS_ATTENTION,
      fix: 'Run `stp delete` again (resources that block deletion are named in its output).',
    });
  }
  return 'UPDATE';
}
