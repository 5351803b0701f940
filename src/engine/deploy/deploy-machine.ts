/**
 * `stp deploy` and `stp preview` as one state machine: resolve → package → check → change-set →
 * classify → gate → execute → watch → done. Every transition is a `phase.changed` event; a failure
 * is an `error` naming its phase, then the `result`. Nothing here reads keys or writes to the
 * terminal: approvals are asked through the session, and everything is reported as events.
 */
import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  type Capability,
} from '@aws-sdk/client-cloudformation';
import { describeChangeSet, isNoChangesReason } from '../../aws/cloudformation/change-set-changes.js';
import { deployedTemplateBody, findStack, type DeployedStack } from '../../aws/cloudformation/stack-state.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { EXIT_INTERRUPTED, EXIT_OK, EXIT_REFUSED, StpError } from '../../errors/stp-error.js';
import { bindSessionLogTail, TAIL_LOOK_BACK_MS } from '../logs/session-log-tail.js';
import { classifyChanges, policiesOf, type ClassifiedPlan } from '../plan/classify.js';
import { decideGate, planLevel, type ApprovalPolicy } from '../plan/gate.js';
import { newDeploymentId } from './deploy-parameters.js';
import {
  asStpError,
  emitError,
  failed,
  finish,
  interrupted,
  nowOf,
  throwIfInterrupted,
  watchStarted,
  type EngineContext,
  type EngineResult,
} from './engine-context.js';
import { isUnchanged } from './no-change.js';
import { recoveryFor } from './recovery-action.js';
import { runRollback } from './stack-operation-machines.js';
import { PhaseTracker } from './phase-tracker.js';
import { packageProject, resolveProject, type ProjectInput, type ResolvedProject } from './prepare-stack.js';
import { attachToOperation } from '../watch/attach-operation.js';
import { isOperationInProgress } from '../watch/current-operation.js';
import { changeSetTypeFor, clockTime, type ChangeSetType } from './stack-check.js';

export const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

export interface DeployOptions {
  project: ProjectInput;
  /** `preview`: plan only; the change set is deleted afterwards. */
  command: 'deploy' | 'preview';
  requireApproval: ApprovalPolicy;
  yes: boolean;
  /** Config resource names or logical ids that may never be replaced or removed. */
  protect: readonly string[];
  /** Deploy even when nothing changed, so after:deploy scripts run again. */
  rerunScripts: boolean;
  /** An operator can answer approval requests. */
  interactive: boolean;
  /** `stp preview --detailed-exitcode`: the result's exit code says what the plan would do (EXIT_PREVIEW_*). */
  detailedExitCode?: boolean;
}

/** `stp preview --detailed-exitcode`: 0 no changes, 5 changes, 6 destructive changes (policy checks in pull requests). */
export const EXIT_PREVIEW_CHANGES = 5;
export const EXIT_PREVIEW_DESTRUCTIVE = 6;

export interface DeployEngineResult extends EngineResult {
  plan?: ClassifiedPlan;
  stackName?: string;
}

interface CreatedChangeSet {
  id: string;
  stackId: string;
  type: ChangeSetType;
  /** The stack exists only because of this change set (REVIEW_IN_PROGRESS). */
  stackCreatedForIt: boolean;
  executed: boolean;
}

/**
 * Deploys (see deployOnce); when the deploy leaves the stack needing a rollback or a recovery
 * (UPDATE_FAILED, CREATE_FAILED, UPDATE_ROLLBACK_FAILED), the session's rollback() and recover(skip)
 * stay bound, so an operator still looking at the failure can act on it in the same session: each
 * runs `stp rollback`'s machine (RollbackStack or ContinueUpdateRollback with the skips), watched,
 * with its own phases and result.
 */
export async function runDeploy(ctx: EngineContext, options: DeployOptions): Promise<DeployEngineResult> {
  const result = await deployOnce(ctx, options);
  bindRecovery(ctx, options.project, result.stackStatus);
  return result;
}

function bindRecovery(ctx: EngineContext, project: ProjectInput, stackStatus: string | undefined): void {
  const action = stackStatus ? recoveryFor(stackStatus) : undefined;
  if (action !== 'rollback' && action !== 'recover') return;
  let running: Promise<unknown> | undefined;
  const recover = async (skip: string[]) => {
    if (running) throw new StpError('usage', 'A rollback of this stack is already running in this session.', { code: 'STP_RECOVERY_RUNNING' });
    running = runRollback(ctx, { project, skip });
    try {
      await running;
    } finally {
      running = undefined;
      ctx.session.unbind('rollback', 'recover');
    }
  };
  ctx.session.bind({ rollback: () => recover([]), recover: (skip) => recover(skip) });
}

async function deployOnce(ctx: EngineContext, options: DeployOptions): Promise<DeployEngineResult> {
  const { session, clients } = ctx;
  const started = nowOf(ctx);
  const phase = new PhaseTracker(session);
  let project: ResolvedProject | undefined;
  let changeSet: CreatedChangeSet | undefined;
  let plan: ClassifiedPlan | undefined;
  /** The stack's status when checked: what it still is when the deploy stops before executing. */
  let checkedStatus: string | undefined;

  const cleanUp = async () => {
    if (!changeSet || changeSet.executed) return;
    const cs = changeSet;
    changeSet = undefined;
    await clients.cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: cs.id })).catch(() => undefined);
    if (cs.stackCreatedForIt) await clients.cloudFormation.send(new DeleteStackCommand({ StackName: cs.stackId })).catch(() => undefined);
  };

  try {
    try {
      project = await resolveProject(options.project);
    } finally {
      session.emit({
        type: 'session.started',
        command: options.command,
        stack: project?.stackName ?? '',
        stage: options.project.stage,
        region: options.project.region,
        target: ctx.targetDescription,
        mode: ctx.mode,
      });
      phase.enter('resolve');
    }
    // Any resource's logs can be opened from here on (the console's logs pane), until the session ends.
    bindSessionLogTail({ session, logs: clients.logs, handles: project.handles, ...(ctx.watchOptions?.scheduler ? { scheduler: ctx.watchOptions.scheduler } : {}), startTime: started.getTime() - TAIL_LOOK_BACK_MS });
    for (const warning of project.warnings) session.emit({ type: 'warning', code: warning.code, message: warning.message });
    const stackName = project.stackName;
    throwIfInterrupted(ctx);

    phase.enter('package');
    const deploymentId = newDeploymentId(started);
    const packaged = await packageProject(project, clients, { deploymentId, emit: (e) => session.emit(e) });
    throwIfInterrupted(ctx);

    phase.enter('check');
    let deployed = await awsCall({ doing: 'read the stack', resource: stackName }, () => findStack(clients.cloudFormation, stackName));
    if (deployed && isOperationInProgress(deployed.status)) {
      // Someone else's operation (another terminal, a pipeline, a killed session): watch it from
      // its start instead of failing, then check again.
      deployed = await attachThenRecheck(ctx, phase, project, deployed);
      phase.enter('check', 'after the running operation ended');
    }
    checkedStatus = deployed?.status;
    const type = changeSetTypeFor(deployed);
    let deployedTemplate: unknown;
    if (deployed && type === 'UPDATE') {
      const body = await awsCall({ doing: 'read the deployed template', resource: stackName }, () => deployedTemplateBody(clients.cloudFormation, stackName));
      deployedTemplate = safeParse(body);
      if (!options.rerunScripts && isUnchanged(deployed, body, { template: packaged.template, parameters: packaged.parameters, tags: project.tags })) {
        return noChanges(ctx, phase, started, deployed, stackName, 'the template, parameters and tags equal the deployed ones');
      }
    }
    throwIfInterrupted(ctx);

    phase.enter('change-set', type === 'CREATE' ? 'new stack' : undefined);
    const created = await awsCall({ doing: 'create the change set', resource: stackName }, () =>
      clients.cloudFormation.send(
        new CreateChangeSetCommand({
          StackName: stackName,
          ChangeSetName: `stp-${deploymentId}`,
          ChangeSetType: type,
          Capabilities: CAPABILITIES,
          ...(packaged.templateUrl ? { TemplateURL: packaged.templateUrl } : { TemplateBody: packaged.body }),
          Parameters: Object.entries(packaged.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
          Tags: Object.entries(project!.tags).map(([Key, Value]) => ({ Key, Value })),
          Description: `stp ${options.command} ${deploymentId}`,
        }),
      ),
    );
    changeSet = { id: created.Id!, stackId: created.StackId!, type, stackCreatedForIt: type === 'CREATE', executed: false };
    const waiter = ctx.waiter ?? { minDelay: 1, maxDelay: 5 };
    await waitUntilChangeSetCreateComplete({ client: clients.cloudFormation, ...waiter, maxWaitTime: 600 }, { ChangeSetName: changeSet.id }).catch(() => undefined);
    const description = await awsCall({ doing: 'read the change set', resource: stackName }, () => describeChangeSet(clients.cloudFormation, changeSet!.id));
    if (description.status === 'FAILED') {
      if (isNoChangesReason(description.statusReason) && !options.rerunScripts) {
        await cleanUp();
        return noChanges(ctx, phase, started, deployed, stackName, 'CloudFormation found no changes');
      }
      throw new StpError('aws', `CloudFormation could not plan the ${type === 'CREATE' ? 'new stack' : 'update'}: ${description.statusReason ?? 'no reason given'}.`, {
        code: 'STP_CHANGE_SET_FAILED',
        resource: stackName,
        fix: 'Fix what the reason names in the config and deploy again.',
      });
    }
    throwIfInterrupted(ctx);

    phase.enter('classify');
    plan = classifyChanges(description.changes, {
      owners: project.owners,
      protect: options.protect,
      policies: { ...policiesOf(deployedTemplate as never), ...policiesOf(packaged.template) },
    });
    session.emit({
      type: 'plan.ready',
      changeSetId: changeSet.id,
      ...(description.changeSetName ? { changeSetName: description.changeSetName } : {}),
      changeSetType: type,
      changes: plan.changes,
      counts: plan.counts,
    });

    if (options.command === 'preview') {
      await cleanUp();
      phase.enter('done', 'preview only; the change set was deleted');
      // The result carries the code stp exits with, so NDJSON consumers and job summaries see it too.
      const exitCode = !options.detailedExitCode || plan.changes.length === 0 ? EXIT_OK : planLevel(plan.changes) === 'changes' ? EXIT_PREVIEW_CHANGES : EXIT_PREVIEW_DESTRUCTIVE;
      return { ...finish(ctx, started, { outcome: 'succeeded', exitCode, outputs: deployed?.outputs ?? {}, counts: plan.counts, ...(deployed ? { stackStatus: deployed.status } : {}) }), plan, stackName };
    }

    phase.enter('gate');
    const decision = decideGate({ changes: plan.changes, stackName, policy: options.requireApproval, interactive: options.interactive, yes: options.yes });
    if (decision.kind === 'refuse') {
      session.emit({ type: 'approval.requested', id: 'policy', level: decision.level, resources: decision.resources });
      session.emit({ type: 'approval.answered', id: 'policy', approved: false, by: 'policy', reason: decision.reason });
      throw new StpError('refused', decision.reason, { code: decision.code, fix: decision.fix, resource: stackName });
    }
    if (decision.kind === 'proceed' && decision.by === 'flag') {
      session.emit({ type: 'approval.requested', id: 'flag', level: decision.level, resources: plan.changes.map((c) => c.logicalId) });
      session.emit({ type: 'approval.answered', id: 'flag', approved: true, by: 'flag', reason: decision.reason });
    }
    if (decision.kind === 'ask') {
      const answer = await session.requestApproval(
        { level: decision.level, resources: decision.resources, ...(decision.confirmText !== undefined ? { confirmText: decision.confirmText } : {}) },
        session.interruptAbort.signal,
      );
      throwIfInterrupted(ctx);
      if (!answer.approved) {
        throw new StpError('refused', `The plan was not approved${answer.reason ? ` (${answer.reason})` : ''}; nothing changed.`, { code: 'STP_NOT_APPROVED', resource: stackName });
      }
    }
    throwIfInterrupted(ctx);

    phase.enter('execute');
    const token = `stp-deploy-${deploymentId}`;
    const since = nowOf(ctx);
    await awsCall({ doing: 'execute the change set', resource: stackName }, () =>
      clients.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet!.id, ClientRequestToken: token })),
    );
    changeSet.executed = true;

    const result = await watchStarted(
      ctx,
      {
        stackName,
        token,
        since,
        plannedResources: plan.counts.total,
        owners: project.owners,
        scripts: project.scripts,
        scriptFunctions: project.scriptFunctions,
        services: project.services,
        cancellable: type === 'UPDATE',
      },
      phase,
    );
    phase.enter('done');
    return { ...finish(ctx, started, { ...result, counts: plan.counts }), plan, stackName };
  } catch (error) {
    const stpError = session.interruptAbort.signal.aborted && !(error instanceof StpError && error.kind === 'refused') ? interrupted() : asStpError(error);
    await cleanUp();
    emitError(ctx, stpError, phase);
    const outcome = stpError.kind === 'refused' ? { outcome: 'refused' as const, exitCode: EXIT_REFUSED } : {};
    return {
      ...finish(ctx, started, {
        ...failed(stpError),
        ...outcome,
        ...(plan ? { counts: plan.counts } : {}),
        ...(checkedStatus && !changeSet?.executed ? { stackStatus: checkedStatus } : {}),
      }),
      error: stpError,
      ...(plan ? { plan } : {}),
      ...(project ? { stackName: project.stackName } : {}),
    };
  }
}

function noChanges(ctx: EngineContext, phase: PhaseTracker, started: Date, deployed: DeployedStack | undefined, stackName: string, reason: string): DeployEngineResult {
  phase.enter('done', reason);
  return {
    ...finish(ctx, started, { outcome: 'no-changes', exitCode: EXIT_OK, outputs: deployed?.outputs ?? {}, ...(deployed ? { stackStatus: deployed.status } : {}) }),
    stackName,
  };
}

async function attachThenRecheck(ctx: EngineContext, phase: PhaseTracker, project: ResolvedProject, busy: DeployedStack): Promise<DeployedStack | undefined> {
  const { session, clients } = ctx;
  session.emit({
    type: 'warning',
    code: 'STP_ATTACHED',
    message: `The stack ${busy.stackName} is busy: ${busy.status} since ${clockTime(busy.since)}. Watching that operation until it ends, then deploying.`,
    resource: busy.stackName,
  });
  phase.enter('watch', 'attached to a running operation');
  const attached = await attachToOperation(
    {
      clients: { cloudFormation: clients.cloudFormation, logs: clients.logs, lambda: clients.lambda },
      stackName: busy.stackId,
      plannedResources: 0,
      owners: project.owners,
      scripts: project.scripts,
      services: [],
      emit: (event) => session.emit(event),
      signal: session.watchAbort.signal,
    },
    ctx.watchOptions,
  );
  if (attached.attached && attached.detached) {
    throw new StpError('environment', `Stopped watching the running operation on ${busy.stackName}; nothing was deployed.`, { code: 'STP_INTERRUPTED', exitCode: EXIT_INTERRUPTED, resource: busy.stackName });
  }
  return awsCall({ doing: 'read the stack', resource: busy.stackName }, () => findStack(clients.cloudFormation, busy.stackName));
}

function safeParse(body: string | undefined): unknown {
  try {
    return body === undefined ? undefined : JSON.parse(body);
  } catch {
    return undefined;
  }
}
