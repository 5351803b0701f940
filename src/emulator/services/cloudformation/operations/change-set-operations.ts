import { AwsServiceError } from '../../../core/aws-error.js';
import type { RequestInfo } from '../../../core/service.js';
import { UnsupportedOperationError } from '../../../core/unsupported-operation.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import { computeChanges } from '../change-set/compute-changes.js';
import { describeChangeSet } from '../change-set/describe-change-set.js';
import type { ChangeSetRecord, StackRecord } from '../stack/stack-model.js';
import { assertUpdatable } from '../stack/status-machine.js';
import { changeSetArn, stackArn } from './arns.js';
import { prepareTemplate } from './prepare-template.js';
import { booleanInput, listInput, optionalString, requiredString } from './query-input.js';
import { checkSsmSecurePlacement } from '../template/dynamic-references.js';

export const NO_CHANGES_REASON = "The submitted information didn't contain changes. Submit different information to create a change set.";

const CHANGE_SET_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;
const STACK_NAME = /^(?:[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*)$/;
/** TemplateBody limit; larger templates must go through TemplateURL (up to 1 MB). */
const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** Executed change sets stay describable by ARN but no longer count as the stack's change sets. */
export function isExecuted(changeSet: ChangeSetRecord): boolean {
  return changeSet.executionStatus.startsWith('EXECUTE_');
}

/** The stack's pending (not executed) change sets. */
function pendingChangeSets(runtime: CloudFormationRuntime, stackId: string): ChangeSetRecord[] {
  return [...runtime.store.changeSets.values()].filter((cs) => cs.stackId === stackId && !isExecuted(cs));
}

export interface CreateChangeSetOptions {
  /** CreateStack/UpdateStack run through an internal change set: no REVIEW_IN_PROGRESS stage. */
  direct?: boolean;
}

export function createChangeSet(runtime: CloudFormationRuntime, input: Record<string, unknown>, request: RequestInfo, options: CreateChangeSetOptions = {}): Record<string, unknown> {
  const stackName = requiredString(input, 'StackName');
  const name = requiredString(input, 'ChangeSetName');
  if (!CHANGE_SET_NAME.test(name) || name.length > 128) {
    throw new AwsServiceError(
      'ValidationError',
      `1 validation error detected: Value '${name}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`,
    );
  }
  if (!STACK_NAME.test(stackName) || stackName.length > 128) {
    throw new AwsServiceError(
      'ValidationError',
      `1 validation error detected: Value '${stackName}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*`,
    );
  }
  const templateBody = optionalString(input, 'TemplateBody');
  if (templateBody !== undefined && Buffer.byteLength(templateBody, 'utf8') > MAX_TEMPLATE_BODY_BYTES) {
    throw new AwsServiceError(
      'ValidationError',
      `1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to ${MAX_TEMPLATE_BODY_BYTES}`,
    );
  }
  const type = (optionalString(input, 'ChangeSetType') ?? 'UPDATE') as string;
  if (type === 'IMPORT') throw new UnsupportedOperationError('cloudformation', 'CreateChangeSet', 'ChangeSetType IMPORT');
  if (type !== 'CREATE' && type !== 'UPDATE') {
    throw new AwsServiceError('ValidationError', `1 validation error detected: Value '${type}' at 'changeSetType' failed to satisfy constraint: Member must satisfy enum value set: [IMPORT, UPDATE, CREATE]`);
  }
  let stack = runtime.store.findLive(stackName);
  if (type === 'CREATE') {
    // A deleted stack's ID never comes back (DELETE_COMPLETE is final).
    const byId = stackName.startsWith('arn:') ? runtime.store.find(stackName) : undefined;
    if ((stack && stack.status !== 'REVIEW_IN_PROGRESS') || byId?.status === 'DELETE_COMPLETE') {
      throw new AwsServiceError('ValidationError', `Stack [${stackName}] already exists and cannot be created again with the changeSet [${name}].`);
    }
    // Unverified text: AWS's answer to CREATE with an unknown stack ID is not recorded.
    if (stackName.startsWith('arn:') && !byId) throw new AwsServiceError('ValidationError', `Stack [${stackName}] does not exist`);
  } else {
    if (!stack) {
      // By ARN a deleted stack is still found, and CloudFormation names its state.
      const deleted = stackName.startsWith('arn:') ? runtime.store.find(stackName) : undefined;
      if (deleted) throw new AwsServiceError('ValidationError', `Stack:${deleted.stackId} is in ${deleted.status} state and can not be updated.`);
      throw new AwsServiceError('ValidationError', `Stack [${stackName}] does not exist`);
    }
    assertUpdatable(stack);
  }
  // The name of an executed change set is free again (AWS lets a deploy tool reuse one name).
  const existing = stack ? pendingChangeSets(runtime, stack.stackId).find((cs) => cs.changeSetName === name) : undefined;
  if (existing) throw new AwsServiceError('AlreadyExistsException', `ChangeSet ${name} already exists`);

  const prepared = prepareTemplate(runtime, input, stack);
  const now = runtime.now();
  if (!stack) {
    stack = {
      stackId: stackArn(request.region, runtime.ctx.accountId, stackName),
      stackName,
      region: request.region,
      status: 'REVIEW_IN_PROGRESS',
      statusReason: 'User Initiated',
      creationTime: now,
      capabilities: [],
      tags: [],
      disableRollback: false,
      resources: {},
      outputs: [],
    };
    runtime.store.add(stack);
    if (!options.direct) runtime.deployer.stackEvent(stack, 'REVIEW_IN_PROGRESS', 'User Initiated', undefined);
  }
  const changeSet: ChangeSetRecord = {
    changeSetId: changeSetArn(request.region, runtime.ctx.accountId, name),
    changeSetName: name,
    stackId: stack.stackId,
    // DescribeChangeSet names the stack, also when it was addressed by ARN.
    stackName: stack.stackName,
    changeSetType: type,
    status: 'CREATE_COMPLETE',
    executionStatus: 'AVAILABLE',
    creationTime: now,
    description: optionalString(input, 'Description'),
    templateBody: prepared.target.body,
    template: prepared.target.template,
    suppliedParameters: prepared.supplied,
    parameterValues: prepared.target.parameterValues,
    parameters: prepared.target.parameters,
    capabilities: prepared.capabilities,
    tags: listInput<{ Key: string; Value: string }>(input, 'Tags'),
    onStackFailure: optionalString(input, 'OnStackFailure'),
    changes: [],
  };
  // Computed synchronously: the change set is complete (or FAILED) by the time the call returns,
  // so ChangeSetCreateComplete waiters succeed on their first poll.
  try {
    checkSsmSecurePlacement(prepared.target.template.Resources);
    const computed = computeChanges({
      stackName,
      stackId: stack.stackId,
      region: stack.region,
      accountId: runtime.ctx.accountId,
      oldTemplate: stack.deployed?.template,
      oldParameterValues: stack.deployed?.parameterValues ?? {},
      oldResources: type === 'CREATE' ? {} : stack.resources,
      oldOutputs: type === 'CREATE' ? [] : stack.outputs,
      newTemplate: prepared.target.template,
      newParameters: new Map(Object.entries(resolvedValues(prepared.target))),
      newParameterValues: prepared.target.parameterValues,
      importValue: (exportName) => runtime.store.exportedValue(exportName),
    });
    changeSet.changes = computed.changes;
    if (type === 'UPDATE' && computed.changes.length === 0 && !computed.outputsChanged) {
      changeSet.status = 'FAILED';
      changeSet.executionStatus = 'UNAVAILABLE';
      changeSet.statusReason = NO_CHANGES_REASON;
    }
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    changeSet.status = 'FAILED';
    changeSet.executionStatus = 'UNAVAILABLE';
    changeSet.statusReason = error.message;
  }
  runtime.store.changeSets.set(changeSet.changeSetId, changeSet);
  runtime.persist();
  return { Id: changeSet.changeSetId, StackId: stack.stackId };
}

/** Parameter values for resolution (List types split), from a prepared target. */
function resolvedValues(target: { template: { Parameters?: Record<string, { Type: string }> }; parameterValues: Record<string, string> }): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(target.parameterValues)) {
    const type = target.template.Parameters?.[name]?.Type ?? 'String';
    out[name] = type === 'CommaDelimitedList' || type.startsWith('List<') ? (value === '' ? [] : value.split(',').map((item) => item.trim())) : value;
  }
  return out;
}

/** Finds a change set by ARN, or by name within StackName, with CloudFormation's errors. */
export function findChangeSet(runtime: CloudFormationRuntime, input: Record<string, unknown>): ChangeSetRecord {
  const name = requiredString(input, 'ChangeSetName');
  if (name.startsWith('arn:')) {
    const changeSet = runtime.store.changeSets.get(name);
    if (!changeSet) throw new AwsServiceError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
    return changeSet;
  }
  const stackName = optionalString(input, 'StackName');
  if (!stackName) throw new AwsServiceError('ValidationError', 'StackName must be specified if ChangeSetName is not specified as an ARN.');
  const stack = runtime.store.find(stackName);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack [${stackName}] does not exist`);
  // By name: the pending change set, else the last executed one of that name.
  const named = [...runtime.store.changeSets.values()].filter((cs) => cs.stackId === stack.stackId && cs.changeSetName === name);
  const changeSet = named.find((cs) => !isExecuted(cs)) ?? named.at(-1);
  if (!changeSet) throw new AwsServiceError('ChangeSetNotFound', `ChangeSet [${name}] does not exist`, 404);
  return changeSet;
}

export function describeChangeSetOperation(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const changeSet = findChangeSet(runtime, input);
  return describeChangeSet(changeSet, booleanInput(input, 'IncludePropertyValues') === true);
}

export interface ExecuteOptions {
  /**
   * ExecuteChangeSet deletes the stack's other change sets; a direct CreateStack/UpdateStack
   * leaves them and they turn OBSOLETE. A direct operation also leaves LastUpdatedTime alone on a create.
   */
  direct?: boolean;
}

export function executeChangeSet(runtime: CloudFormationRuntime, input: Record<string, unknown>, options: ExecuteOptions = {}): Record<string, unknown> {
  const changeSet = findChangeSet(runtime, input);
  if (changeSet.status !== 'CREATE_COMPLETE') {
    throw new AwsServiceError('InvalidChangeSetStatus', `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current status of [${changeSet.status}]`);
  }
  if (changeSet.executionStatus !== 'AVAILABLE') {
    throw new AwsServiceError(
      'InvalidChangeSetStatus',
      `ChangeSet [${changeSet.changeSetId}] cannot be executed in its current execution status of [${changeSet.executionStatus}]`,
    );
  }
  const stack = runtime.store.stacks.get(changeSet.stackId) as StackRecord;
  if (changeSet.changeSetType === 'CREATE') {
    if (stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new AwsServiceError('ValidationError', `Stack:${stack.stackId} is in ${stack.status} state and can not be updated.`);
    }
  } else assertUpdatable(stack);
  const token = optionalString(input, 'ClientRequestToken');
  const explicit = booleanInput(input, 'DisableRollback');
  if (explicit !== undefined && changeSet.onStackFailure !== undefined) {
    throw new AwsServiceError('ValidationError', 'You cannot specify both OnStackFailure and DisableRollback.');
  }
  const disableRollback = explicit ?? changeSet.onStackFailure === 'DO_NOTHING';
  for (const [id, other] of runtime.store.changeSets) {
    if (other.stackId !== stack.stackId || id === changeSet.changeSetId || isExecuted(other)) continue;
    if (options.direct) other.executionStatus = 'OBSOLETE';
    else runtime.store.changeSets.delete(id);
  }
  changeSet.executionStatus = 'EXECUTE_IN_PROGRESS';
  stack.changeSetId = changeSet.changeSetId;
  if (!options.direct || changeSet.changeSetType === 'UPDATE') stack.lastUpdatedTime = runtime.now();
  stack.capabilities = changeSet.capabilities;
  stack.tags = changeSet.tags;
  stack.description = changeSet.template.Description;
  const target = {
    body: changeSet.templateBody,
    template: changeSet.template,
    parameterValues: changeSet.parameterValues,
    parameters: changeSet.parameters,
    planned: plannedProperties(changeSet),
  };
  const done =
    changeSet.changeSetType === 'CREATE'
      ? runtime.deployer.startCreate(stack, target, token, disableRollback, changeSet.onStackFailure === 'DELETE')
      : runtime.deployer.startUpdate(stack, target, token, disableRollback);
  void done.then(() => {
    changeSet.executionStatus = /^(CREATE|UPDATE)_COMPLETE$/.test(stack.status) ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
    runtime.persist();
  });
  runtime.persist();
  return {};
}

/** The AfterContext properties of a change set's Add/Modify changes, by logical ID. */
function plannedProperties(changeSet: ChangeSetRecord): Record<string, Record<string, unknown>> {
  const planned: Record<string, Record<string, unknown>> = {};
  for (const change of changeSet.changes as { ResourceChange?: { LogicalResourceId: string; AfterContext?: string } }[]) {
    const after = change.ResourceChange?.AfterContext;
    if (after === undefined) continue;
    planned[change.ResourceChange!.LogicalResourceId] = (JSON.parse(after) as { Properties?: Record<string, unknown> }).Properties ?? {};
  }
  return planned;
}

export function deleteChangeSet(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const changeSet = findChangeSet(runtime, input);
  if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') {
    throw new AwsServiceError('InvalidChangeSetStatus', `Cannot delete ChangeSet [${changeSet.changeSetId}] while it is in EXECUTE_IN_PROGRESS status`);
  }
  runtime.store.changeSets.delete(changeSet.changeSetId);
  runtime.persist();
  return {};
}

export function listChangeSets(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stackName = requiredString(input, 'StackName');
  const stack = runtime.store.find(stackName);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack [${stackName}] does not exist`);
  // Only pending change sets are listed; executed ones are gone from the list (still describable by ARN).
  const summaries = pendingChangeSets(runtime, stack.stackId)
    .map((cs) => ({
      StackId: cs.stackId,
      StackName: cs.stackName,
      ChangeSetId: cs.changeSetId,
      ChangeSetName: cs.changeSetName,
      ExecutionStatus: cs.executionStatus,
      Status: cs.status,
      StatusReason: cs.statusReason,
      CreationTime: cs.creationTime,
      Description: cs.description,
      IncludeNestedStacks: false,
    }));
  return { Summaries: summaries };
}
