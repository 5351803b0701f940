/**
 * What every engine command (deploy, preview, delete, rollback) runs with, and the parts they
 * share: the final `error` + `result` events, and "start an operation, then watch it".
 */
import {
  CancelUpdateStackCommand,
  ContinueUpdateRollbackCommand,
  RollbackStackCommand,
} from '@aws-sdk/client-cloudformation';
import type { AwsClients } from '../../aws/client-factory.js';
import { findStack } from '../../aws/cloudformation/stack-state.js';
import { awsCall } from '../../aws/errors/aws-error-sentence.js';
import { toStpError } from '../../errors/classify-error.js';
import { causeChain, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, isStpError, StpError } from '../../errors/stp-error.js';
import type { DeployEventBody, Outcome, PlanCounts } from '../events.js';
import type { DeploySession } from '../session/deploy-session.js';
import { physicalIdOf } from '../../aws/cloudformation/deployed-template.js';
import { computeNames } from '../compile/compute-names.js';
import { rerunScript } from '../scripts/rerun-script.js';
import { CanaryControls } from '../watch/canary-controls.js';
import type { WatchOperationOptions } from '../watch/watch-operation.js';
import type { WatchedScript, WatchedService, WatchOperationInput, WatchOperationResult } from '../watch/watch-contract.js';
import { ConfigDiagnostics } from './prepare-stack.js';
import { outcomeOfStatus } from './outcome.js';
import type { PhaseTracker } from './phase-tracker.js';

export type WatchFn = (input: WatchOperationInput, options?: WatchOperationOptions) => Promise<WatchOperationResult>;

export interface EngineContext {
  clients: AwsClients;
  session: DeploySession;
  /** The watchers (src/engine/watch); injected so the CLI loads them with the engine. */
  watch: WatchFn;
  watchOptions?: WatchOperationOptions;
  /** Described in session.started, e.g. "the local cloud (http://127.0.0.1:4566)". */
  targetDescription: string;
  mode: 'interactive' | 'ci' | 'json';
  now?: () => Date;
  /** Change-set waiter delays in seconds (default 1–5). */
  waiter?: { minDelay: number; maxDelay: number };
}

export interface EngineResult {
  outcome: Outcome;
  exitCode: number;
  stackStatus?: string;
  outputs: Record<string, string>;
  counts?: PlanCounts;
  error?: StpError;
}

export function nowOf(ctx: EngineContext): Date {
  return ctx.now ? ctx.now() : new Date();
}

/**
 * Any failure → an StpError: SDK and system failures that escaped a call site's context are
 * classified by the one classifier (src/errors/classify-error.ts); anything else is a bug in stp.
 */
export function asStpError(error: unknown): StpError {
  if (isStpError(error)) return error;
  const classified = toStpError(error);
  if (classified.kind !== 'bug') return classified;
  const message = error instanceof Error ? error.message : String(error);
  return new StpError('bug', `stp failed unexpectedly: ${message}`, { code: 'STP_BUG', cause: error, fix: 'Run again with --debug and please report it.' });
}

/** Emits `error` (with its phase and cause chain) for a failure. */
export function emitError(ctx: EngineContext, error: StpError, phase: PhaseTracker): void {
  const cause = error instanceof ConfigDiagnostics ? error.lines() : causeChain(error).slice(1);
  ctx.session.emit({
    type: 'error',
    code: error.code,
    message: error.message,
    ...(phase.current ? { phase: phase.current } : {}),
    ...(error.resource ? { resource: error.resource } : {}),
    ...(error.fix ? { fix: error.fix } : {}),
    ...(cause.length > 0 ? { cause } : {}),
  });
}

export function finish(ctx: EngineContext, started: Date, result: EngineResult): EngineResult {
  ctx.session.emit({
    type: 'result',
    outcome: result.outcome,
    exitCode: result.exitCode,
    durationMs: Math.max(0, nowOf(ctx).getTime() - started.getTime()),
    ...(result.stackStatus ? { stackStatus: result.stackStatus } : {}),
    outputs: result.outputs,
    ...(result.counts ? { counts: result.counts } : {}),
  });
  return result;
}

export function failed(error: StpError, extra: Partial<EngineResult> = {}): EngineResult {
  return { outcome: error.exitCode === EXIT_INTERRUPTED ? 'interrupted' : 'failed', exitCode: error.exitCode, outputs: {}, error, ...extra };
}

export function interrupted(): StpError {
  return new StpError('environment', 'Interrupted before anything changed in AWS.', { code: 'STP_INTERRUPTED', exitCode: EXIT_INTERRUPTED });
}

export function throwIfInterrupted(ctx: EngineContext): void {
  if (ctx.session.interruptAbort.signal.aborted) throw interrupted();
}

export interface WatchedOperation {
  stackName: string;
  token: string;
  since: Date;
  plannedResources: number;
  owners: Record<string, string>;
  scripts: WatchedScript[];
  services: WatchedService[];
  /** CancelUpdateStack applies (an update, not a create or delete). */
  cancellable: boolean;
  /** The operation is itself a rollback (`stp rollback`): reaching *_ROLLBACK_COMPLETE is no failure. */
  rollbackIsTheGoal?: boolean;
  /** Script name → the logical id of its function, for the operator's rerunScript. */
  scriptFunctions?: Record<string, string>;
}

/** Binds session.rerunScript: Invoke with the last deploy's parameters, streaming its output. */
function bindRerun(ctx: EngineContext, op: WatchedOperation): void {
  const functions = op.scriptFunctions ?? {};
  if (Object.keys(functions).length === 0) return;
  ctx.session.bind({
    rerunScript: async (name) => {
      const logicalId = functions[name];
      if (!logicalId) throw new StpError('usage', `There is no deployment script "${name}" in this stack.`, { code: 'STP_UNKNOWN_SCRIPT', fix: `One of: ${Object.keys(functions).join(', ')}.` });
      const cfn = ctx.clients.cloudFormation;
      const functionName = await awsCall({ doing: `find the function of script ${name}`, resource: op.stackName }, () => physicalIdOf(cfn, op.stackName, logicalId));
      if (!functionName) throw new StpError('aws', `The function of script "${name}" is not deployed yet.`, { code: 'STP_SCRIPT_NOT_DEPLOYED', resource: logicalId });
      await rerunScript({
        clients: { cloudFormation: cfn, lambda: ctx.clients.lambda, logs: ctx.clients.logs },
        stackName: op.stackName,
        script: { name, functionName, logGroup: `/aws/lambda/${functionName}`, parametersOutput: computeNames.scriptParametersOutput(name) },
        emit: (event) => ctx.session.emit(event),
      });
    },
  });
}

/**
 * Watches an operation already started in AWS until a terminal status or detach, with the
 * session's cancel / rollback / recover bound to it. Returns the result (without emitting it).
 */
export async function watchStarted(ctx: EngineContext, op: WatchedOperation, phase: PhaseTracker): Promise<EngineResult> {
  const { session, clients } = ctx;
  let cancelRequested: 'operator' | 'interrupt' | undefined;
  let firstCause: string | undefined;
  session.bind({
    ...(op.cancellable
      ? {
          cancel: async () => {
            cancelRequested ??= session.interruptAbort.signal.aborted ? 'interrupt' : 'operator';
            // The same token: the rollback's events carry it, so the watch keeps following them.
            await awsCall({ doing: 'cancel the update', resource: op.stackName }, () =>
              clients.cloudFormation.send(new CancelUpdateStackCommand({ StackName: op.stackName, ClientRequestToken: op.token })),
            );
            session.emit({ type: 'warning', code: 'STP_CANCEL_REQUESTED', message: `Cancelling the update of ${op.stackName}; CloudFormation rolls it back.`, resource: op.stackName });
          },
        }
      : {}),
  });
  const canary = op.services.length > 0 ? new CanaryControls(clients.ecs) : undefined;
  if (canary) {
    session.bind({
      continueCanary: (service, hookId) => canary.continueCanary(service, hookId),
      rollbackCanary: (service) => canary.rollbackCanary(service),
    });
  }
  bindRerun(ctx, op);
  phase.enter('watch');
  let watched: WatchOperationResult;
  try {
    watched = await ctx.watch(
      {
        clients: { cloudFormation: clients.cloudFormation, logs: clients.logs, lambda: clients.lambda, ...(op.services.length > 0 ? { ecs: clients.ecs, elbv2: clients.elbv2 } : {}) },
        stackName: op.stackName,
        clientRequestToken: op.token,
        since: op.since,
        plannedResources: op.plannedResources,
        owners: op.owners,
        scripts: op.scripts,
        services: op.services,
        emit: (event: DeployEventBody) => {
          if (event.type === 'first-cause' && firstCause === undefined) firstCause = `${event.owner ?? event.logicalId}: ${event.reason}`;
          session.emit(event);
        },
        signal: session.watchAbort.signal,
      },
      { ...ctx.watchOptions, ...(canary ? { canary } : {}) },
    );
  } finally {
    session.unbind('cancel', 'continueCanary', 'rollbackCanary');
  }
  const stack = await findStack(clients.cloudFormation, op.stackName).catch(() => undefined);
  const outputs = stack?.outputs ?? {};
  if (watched.detached) {
    const status = stack?.status;
    const interruptedByUser = session.watchAbort.signal.reason === 'interrupt';
    return {
      outcome: interruptedByUser ? 'interrupted' : 'detached',
      exitCode: interruptedByUser ? EXIT_INTERRUPTED : EXIT_OK,
      ...(status ? { stackStatus: status } : {}),
      outputs,
    };
  }
  const status = watched.stackStatus ?? stack?.status;
  let { outcome, exitCode } = outcomeOfStatus(status);
  if (cancelRequested === 'interrupt') {
    outcome = 'interrupted';
    exitCode = EXIT_INTERRUPTED;
  }
  if (outcome !== 'succeeded' && !(op.rollbackIsTheGoal && outcome === 'rolled-back')) {
    const why = cancelRequested
      ? `The update of ${op.stackName} was cancelled and rolled back (${status}).`
      : outcome === 'rolled-back'
        ? `The operation failed and CloudFormation rolled ${op.stackName} back (${status})${firstCause ? `: ${firstCause}` : '.'}`
        : `The operation on ${op.stackName} ended in ${status ?? 'an unknown state'}${watched.stackStatusReason ? `: ${watched.stackStatusReason}` : ''}.`;
    const code = cancelRequested ? 'STP_CANCELLED' : outcome === 'rolled-back' ? 'STP_ROLLED_BACK' : 'STP_STACK_NEEDS_ATTENTION';
    const fix =
      outcome === 'needs-attention'
        ? status === 'UPDATE_ROLLBACK_FAILED'
          ? 'Recover it with `stp rollback --skip LOGICAL_ID,…` for the resources that could not roll back.'
          : 'Look at the first cause above, then run `stp rollback` or `stp delete`.'
        : cancelRequested
          ? undefined
          : 'Fix the first cause above and deploy again.';
    session.emit({ type: 'error', code, message: why, phase: 'watch', resource: op.stackName, ...(fix ? { fix } : {}) });
  }
  return { outcome, exitCode, ...(status ? { stackStatus: status } : {}), outputs };
}

/** Starts RollbackStack / ContinueUpdateRollback / CancelUpdateStack on a stack as its own operation. */
export async function startRecoveryCall(
  ctx: EngineContext,
  kind: 'rollback' | 'recover' | 'cancel',
  stackName: string,
  token: string,
  skip: string[] = [],
): Promise<void> {
  const cfn = ctx.clients.cloudFormation;
  if (kind === 'rollback') {
    await awsCall({ doing: 'roll back the stack', resource: stackName }, () => cfn.send(new RollbackStackCommand({ StackName: stackName, ClientRequestToken: token })));
  } else if (kind === 'recover') {
    await awsCall({ doing: 'continue the update rollback', resource: stackName }, () =>
      cfn.send(new ContinueUpdateRollbackCommand({ StackName: stackName, ClientRequestToken: token, ...(skip.length > 0 ? { ResourcesToSkip: skip } : {}) })),
    );
  } else {
    await awsCall({ doing: 'cancel the update', resource: stackName }, () => cfn.send(new CancelUpdateStackCommand({ StackName: stackName, ClientRequestToken: token })));
  }
}

export { EXIT_FAILED };
