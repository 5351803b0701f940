import { AwsServiceError } from '../../../core/aws-error.js';
import type { RequestInfo } from '../../../core/service.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import type { StackRecord } from '../stack/stack-model.js';
import { assertCancellable, assertContinuable, assertDeletable, assertRollbackable, assertUpdatable } from '../stack/status-machine.js';
import { createChangeSet, executeChangeSet, findChangeSet } from './change-set-operations.js';
import { assertNotProtected, stackPolicyFrom } from './stack-settings.js';
import { booleanInput, listInput, optionalString, requiredString } from './query-input.js';

export function deleteStack(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const name = requiredString(input, 'StackName');
  const stack = runtime.store.findLive(name);
  // Deleting a stack that does not exist (or is gone) succeeds, as on AWS.
  if (!stack || stack.status === 'DELETE_IN_PROGRESS') return {};
  assertDeletable(stack);
  assertNotProtected(stack);
  const retain = new Set(listInput<string>(input, 'RetainResources'));
  if (optionalString(input, 'DeletionMode') === 'FORCE_DELETE_STACK') {
    if (stack.status !== 'DELETE_FAILED') {
      throw new AwsServiceError('ValidationError', 'DeletionMode FORCE_DELETE_STACK can only be used when the stack is in DELETE_FAILED state');
    }
    for (const record of Object.values(stack.resources)) if (record.status === 'DELETE_FAILED') retain.add(record.logicalId);
  }
  void runtime.deployer.startDelete(stack, optionalString(input, 'ClientRequestToken'), retain);
  runtime.persist();
  return {};
}

export function cancelUpdateStack(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = runtime.store.requireLive(requiredString(input, 'StackName'));
  assertCancellable(stack);
  if (!runtime.deployer.cancelUpdate(stack, optionalString(input, 'ClientRequestToken'))) {
    throw new AwsServiceError('ValidationError', 'CancelUpdateStack cannot be called from current stack status');
  }
  return {};
}

export function continueUpdateRollback(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = runtime.store.requireLive(requiredString(input, 'StackName'));
  assertContinuable(stack);
  const skip = new Set(listInput<string>(input, 'ResourcesToSkip'));
  const failed = new Set(stack.rollbackTarget?.failedReverts ?? []);
  for (const logicalId of skip) {
    if (!failed.has(logicalId)) {
      throw new AwsServiceError(
        'ValidationError',
        `Resource [${logicalId}] cannot be skipped: only resources in UPDATE_FAILED state after a failed update rollback can be skipped`,
      );
    }
  }
  void runtime.deployer.startContinueUpdateRollback(stack, optionalString(input, 'ClientRequestToken'), skip);
  runtime.persist();
  return {};
}

export function rollbackStack(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = runtime.store.requireLive(requiredString(input, 'StackName'));
  assertRollbackable(stack);
  void runtime.deployer.startRollback(stack, optionalString(input, 'ClientRequestToken'));
  runtime.persist();
  return { StackId: stack.stackId };
}

/** CreateStack: a CREATE change set executed at once (how CloudFormation itself does it). */
export function createStack(runtime: CloudFormationRuntime, input: Record<string, unknown>, request: RequestInfo): Record<string, unknown> {
  const name = requiredString(input, 'StackName');
  const live = runtime.store.findLive(name);
  // A stack in review (only change sets so far) can still be created directly; its change sets turn OBSOLETE.
  if (live && live.status !== 'REVIEW_IN_PROGRESS') throw new AwsServiceError('AlreadyExistsException', `Stack [${name}] already exists`);
  const policy = stackPolicyFrom(runtime, input);
  const changeSetName = `stp-create-${Date.now()}`;
  const onFailure = optionalString(input, 'OnFailure') ?? (booleanInput(input, 'DisableRollback') ? 'DO_NOTHING' : 'ROLLBACK');
  const { Id, StackId } = createChangeSet(runtime, { ...input, ChangeSetName: changeSetName, ChangeSetType: 'CREATE', OnStackFailure: onFailure }, request, { direct: true }) as {
    Id: string;
    StackId: string;
  };
  executeChangeSet(runtime, { ChangeSetName: Id, ClientRequestToken: input.ClientRequestToken }, { direct: true });
  const stack = runtime.store.stacks.get(StackId)!;
  hideInternalChangeSet(runtime, stack, Id);
  stack.stackPolicyBody = policy;
  stack.terminationProtection = booleanInput(input, 'EnableTerminationProtection') === true;
  return { StackId };
}

/** UpdateStack: an UPDATE change set executed at once; no changes → "No updates are to be performed." */
export function updateStack(runtime: CloudFormationRuntime, input: Record<string, unknown>, request: RequestInfo): Record<string, unknown> {
  const name = requiredString(input, 'StackName');
  const stack = runtime.store.requireLive(name);
  assertUpdatable(stack);
  const changeSetName = `stp-update-${Date.now()}`;
  const { Id } = createChangeSet(runtime, { ...input, ChangeSetName: changeSetName, ChangeSetType: 'UPDATE' }, request, { direct: true }) as { Id: string };
  const changeSet = findChangeSet(runtime, { ChangeSetName: Id });
  if (changeSet.status === 'FAILED') {
    runtime.store.changeSets.delete(Id);
    const reason = changeSet.statusReason ?? '';
    throw new AwsServiceError('ValidationError', reason.startsWith("The submitted information didn't contain changes") ? 'No updates are to be performed.' : reason);
  }
  executeChangeSet(runtime, { ChangeSetName: Id, ClientRequestToken: input.ClientRequestToken, DisableRollback: input.DisableRollback }, { direct: true });
  hideInternalChangeSet(runtime, stack, Id);
  return { StackId: stack.stackId };
}

/** Direct CreateStack/UpdateStack leave no change set behind and no ChangeSetId on the stack. */
function hideInternalChangeSet(runtime: CloudFormationRuntime, stack: StackRecord, changeSetId: string): void {
  runtime.store.changeSets.delete(changeSetId);
  stack.changeSetId = undefined;
}
