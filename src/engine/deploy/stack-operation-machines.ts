/**
 * `stp delete` and `stp rollback` on the same engine and events as deploy:
 * - delete: resolve → check → classify (every resource a removal, data loss flagged) → gate
 *   (always needs approval: `--yes` headless, a confirmation interactive) → execute (DeleteStack;
 *   before:delete scripts run inside it) → watch → done;
 * - rollback: resolve → check → execute (CancelUpdateStack while an update runs, RollbackStack
 *   for a failed stack, ContinueUpdateRollback with the resources to skip for
 *   UPDATE_ROLLBACK_FAILED) → watch → done.
 */
import { randomBytes } from 'node:crypto';
import { DeleteStackCommand, paginateListStackResources } from '@aws-sdk/client-cloudformation';
import { deployedTemplateBody, findStack } from '../../aws/cloudformation/stack-state.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { EXIT_OK, EXIT_REFUSED, StpError } from '../../errors/stp-error.js';
import type { ChangeSetChange } from '../../aws/cloudformation/change-set-changes.js';
import { classifyChanges, policiesOf, type ClassifiedPlan } from '../plan/classify.js';
import { decideGate } from '../plan/gate.js';
import { recoveryFor } from './recovery-action.js';
import {
  asStpError,
  emitError,
  failed,
  finish,
  interrupted,
  nowOf,
  startRecoveryCall,
  throwIfInterrupted,
  watchStarted,
  type EngineContext,
  type EngineResult,
} from './engine-context.js';
import { PhaseTracker } from './phase-tracker.js';
import { resolveProject, type ProjectInput, type ResolvedProject } from './prepare-stack.js';
import { clockTime } from './stack-check.js';

function token(kind: string, now: Date): string {
  return `stp-${kind}-${now.toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
}

async function start(ctx: EngineContext, phase: PhaseTracker, command: 'delete' | 'rollback', project: ProjectInput): Promise<ResolvedProject> {
  let resolved: ResolvedProject | undefined;
  try {
    resolved = await resolveProject(project);
    return resolved;
  } finally {
    ctx.session.emit({
      type: 'session.started',
      command,
      stack: resolved?.stackName ?? '',
      stage: project.stage,
      region: project.region,
      target: ctx.targetDescription,
      mode: ctx.mode,
    });
    phase.enter('resolve');
  }
}

export interface DeleteOptions {
  project: ProjectInput;
  yes: boolean;
  interactive: boolean;
}

export async function runDelete(ctx: EngineContext, options: DeleteOptions): Promise<EngineResult & { plan?: ClassifiedPlan }> {
  const { session, clients } = ctx;
  const started = nowOf(ctx);
  const phase = new PhaseTracker(session);
  let plan: ClassifiedPlan | undefined;
  /** The stack's status when checked, and whether DeleteStack ran: a stop before it changes nothing. */
  let checkedStatus: string | undefined;
  let executed = false;
  try {
    const project = await start(ctx, phase, 'delete', options.project);
    const stackName = project.stackName;
    phase.enter('check');
    const stack = await awsCall({ doing: 'read the stack', resource: stackName }, () => findStack(clients.cloudFormation, stackName));
    if (!stack) {
      phase.enter('done', `the stack ${stackName} does not exist`);
      return finish(ctx, started, { outcome: 'no-changes', exitCode: EXIT_OK, outputs: {} });
    }
    checkedStatus = stack.status;
    if (stack.status.endsWith('_IN_PROGRESS') && stack.status !== 'REVIEW_IN_PROGRESS') {
      throw new StpError('aws', `The stack ${stackName} is busy: ${stack.status} since ${clockTime(stack.since)}.`, {
        code: 'STP_STACK_BUSY',
        resource: stackName,
        fix: 'Wait for it to finish (attach with `stp status --watch`), then delete it.',
      });
    }

    phase.enter('classify');
    const removals: ChangeSetChange[] = [];
    for await (const page of paginateListStackResources({ client: clients.cloudFormation }, { StackName: stack.stackId })) {
      for (const resource of page.StackResourceSummaries ?? []) {
        if (resource.ResourceStatus === 'DELETE_COMPLETE') continue;
        removals.push({
          logicalId: resource.LogicalResourceId ?? '',
          ...(resource.PhysicalResourceId ? { physicalId: resource.PhysicalResourceId } : {}),
          resourceType: resource.ResourceType ?? 'unknown',
          action: 'Remove',
          details: [],
        });
      }
    }
    const body = await awsCall({ doing: 'read the deployed template', resource: stackName }, () => deployedTemplateBody(clients.cloudFormation, stack.stackId));
    let deployedTemplate: unknown;
    try {
      deployedTemplate = body ? JSON.parse(body) : undefined;
    } catch {
      deployedTemplate = undefined;
    }
    plan = classifyChanges(removals, { owners: project.owners, policies: policiesOf(deployedTemplate as never) });
    session.emit({ type: 'plan.ready', changeSetType: 'DELETE', changes: plan.changes, counts: plan.counts });

    phase.enter('gate');
    const decision = decideGate({ changes: plan.changes, stackName, policy: 'any-change', interactive: options.interactive, yes: options.yes });
    if (decision.kind === 'refuse') {
      session.emit({ type: 'approval.requested', id: 'policy', level: decision.level, resources: decision.resources });
      session.emit({ type: 'approval.answered', id: 'policy', approved: false, by: 'policy', reason: 'deleting a stack needs --yes when nobody can confirm it' });
      throw new StpError('refused', `Deleting ${stackName} removes ${plan.counts.total} resource${plan.counts.total === 1 ? '' : 's'}${plan.counts.dataLoss > 0 ? `, ${plan.counts.dataLoss} of them with data` : ''}; nobody can confirm that here (headless).`, {
        code: 'STP_DELETE_NEEDS_YES',
        resource: stackName,
        fix: 'Review the list above, then run `stp delete --yes`.',
      });
    }
    if (decision.kind === 'proceed' && decision.by === 'flag') {
      session.emit({ type: 'approval.requested', id: 'flag', level: decision.level, resources: plan.changes.map((c) => c.logicalId) });
      session.emit({ type: 'approval.answered', id: 'flag', approved: true, by: 'flag', reason: '--yes' });
    }
    if (decision.kind === 'ask') {
      // Deleting a stack is always confirmed by typing its name.
      const answer = await session.requestApproval({ level: decision.level, resources: decision.resources, confirmText: stackName }, session.interruptAbort.signal);
      throwIfInterrupted(ctx);
      if (!answer.approved) throw new StpError('refused', `The deletion was not confirmed${answer.reason ? ` (${answer.reason})` : ''}; nothing changed.`, { code: 'STP_NOT_APPROVED', resource: stackName });
    }

    phase.enter('execute');
    const operationToken = token('delete', started);
    const since = nowOf(ctx);
    await awsCall({ doing: 'delete the stack', resource: stackName }, () =>
      clients.cloudFormation.send(new DeleteStackCommand({ StackName: stack.stackId, ClientRequestToken: operationToken })),
    );
    executed = true;
    const result = await watchStarted(
      ctx,
      {
        stackName: stack.stackId,
        token: operationToken,
        since,
        plannedResources: plan.counts.total,
        owners: project.owners,
        scripts: project.scripts,
        services: [],
        cancellable: false,
      },
      phase,
    );
    phase.enter('done');
    return { ...finish(ctx, started, { ...result, outputs: {}, counts: plan.counts }), plan };
  } catch (error) {
    const stpError = session.interruptAbort.signal.aborted ? interrupted() : asStpError(error);
    emitError(ctx, stpError, phase);
    const refused = stpError.kind === 'refused' ? { outcome: 'refused' as const, exitCode: EXIT_REFUSED } : {};
    const unchanged = checkedStatus && !executed ? { stackStatus: checkedStatus } : {};
    return { ...finish(ctx, started, { ...failed(stpError), ...refused, ...(plan ? { counts: plan.counts } : {}), ...unchanged }), error: stpError, ...(plan ? { plan } : {}) };
  }
}

export interface RollbackOptions {
  project: ProjectInput;
  /** Logical ids ContinueUpdateRollback may skip (UPDATE_ROLLBACK_FAILED only). */
  skip: string[];
}

export async function runRollback(ctx: EngineContext, options: RollbackOptions): Promise<EngineResult> {
  const { session, clients } = ctx;
  const started = nowOf(ctx);
  const phase = new PhaseTracker(session);
  try {
    const project = await start(ctx, phase, 'rollback', options.project);
    const stackName = project.stackName;
    phase.enter('check');
    const stack = await awsCall({ doing: 'read the stack', resource: stackName }, () => findStack(clients.cloudFormation, stackName));
    if (!stack) throw new StpError('aws', `The stack ${stackName} does not exist.`, { code: 'STP_STACK_NOT_FOUND', resource: stackName, fix: 'Check --stage and --region.' });
    const action = recoveryFor(stack.status);
    if (!action) {
      phase.enter('done', `${stackName} is ${stack.status}: nothing to roll back`);
      return finish(ctx, started, { outcome: 'no-changes', exitCode: EXIT_OK, stackStatus: stack.status, outputs: stack.outputs });
    }
    if (options.skip.length > 0 && action !== 'recover') {
      throw new StpError('usage', `--skip applies only to a stack in UPDATE_ROLLBACK_FAILED; ${stackName} is ${stack.status}.`, { code: 'STP_SKIP_NOT_APPLICABLE', resource: stackName });
    }
    phase.enter('execute', action === 'cancel' ? 'CancelUpdateStack' : action === 'rollback' ? 'RollbackStack' : 'ContinueUpdateRollback');
    const operationToken = token(action, started);
    const since = nowOf(ctx);
    await startRecoveryCall(ctx, action, stack.stackId, operationToken, options.skip);
    const result = await watchStarted(
      ctx,
      { stackName: stack.stackId, token: operationToken, since, plannedResources: 0, owners: project.owners, scripts: [], services: [], cancellable: false, rollbackIsTheGoal: true },
      phase,
    );
    // Rolling back is what was asked: reaching *_ROLLBACK_COMPLETE is this command's success.
    const rolledBack = result.outcome === 'rolled-back';
    phase.enter('done');
    return finish(ctx, started, rolledBack ? { ...result, outcome: 'succeeded', exitCode: EXIT_OK } : result);
  } catch (error) {
    const stpError = asStpError(error);
    emitError(ctx, stpError, phase);
    return { ...finish(ctx, started, failed(stpError)), error: stpError };
  }
}
