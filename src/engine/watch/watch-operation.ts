/**
 * Watches one stack operation (execute, cancel, rollback, recover, delete — or one already running,
 * for attach) until the stack reaches a terminal status or the caller aborts (detach). Reports only
 * through `emit`: every stack event of the operation once, oldest first (`stack.event`), status
 * changes of the root and nested stacks (`stack.status`), `progress`, the deployment scripts'
 * lifecycle and output (`script.*`), the ECS deployments of the planned services (`ecs.*`) and the
 * `first-cause` of a failure. All polling runs under one PollScheduler.
 */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { physicalIdOf, readDeployedTemplate, type DeployedTemplate } from '../../aws/cloudformation/deployed-template.js';
import type { DeployEventBody, StackEventRecord } from '../events.js';
import type { CanaryControls } from './canary-controls.js';
import { DeploymentScriptWatcher, type ScriptTrigger } from './deployment-script-watcher.js';
import { EcsDeploymentWatcher } from './ecs-deployment-watcher.js';
import { isGenuineFailure } from './first-cause.js';
import { PollScheduler } from './poll-scheduler.js';
import { ResourceProgress } from './resource-progress.js';
import { isStackLevelEvent, isTerminalStackStatus } from './stack-status.js';
import { StackEventStream } from './stack-event-stream.js';
import type { WatchedScript, WatchOperationInput, WatchOperationResult } from './watch-contract.js';

export interface WatchOperationOptions {
  /** Share one scheduler (and its API budget) with other watchers; a fresh one otherwise. */
  scheduler?: PollScheduler;
  /** Grace periods of script log draining (tests shorten them). */
  scriptTail?: { endGraceMs?: number; startGraceMs?: number; overlapMs?: number };
  /** Connected to the ECS watcher, so the session's continueCanary / rollbackCanary act on the watched deployments. */
  canary?: CanaryControls;
  /** Idle polls without a new event before DescribeStacks double-checks the status (default 5). */
  statusCheckAfterIdlePolls?: number;
}

/** A watched script may also say its trigger (compile's resourceHandles knows it). */
export type WatchedScriptWithTrigger = WatchedScript & { trigger?: ScriptTrigger };

/** Distinguishes the pollers of concurrent watches that share one scheduler. */
let watchCount = 0;

export async function watchOperation(input: WatchOperationInput, options: WatchOperationOptions = {}): Promise<WatchOperationResult> {
  const scheduler = options.scheduler ?? new PollScheduler();
  const watchId = ++watchCount;
  const { clients, emit, signal } = input;
  const cfn = clients.cloudFormation;
  const call = <T>(fn: () => Promise<T>) => scheduler.call(fn, signal);
  // Children stop with the operation; the caller's signal stops everything (detach).
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });

  try {
    const stack = await scheduler.retry(`stack-id#${watchId}`, () => resolveStackId(input, call), stop.signal);
    const stream = new StackEventStream({
      cfn,
      stack: stack.id,
      clientRequestToken: input.clientRequestToken,
      since: input.since,
      owners: input.owners,
      call,
      propertiesOf: input.scripts.map((script) => script.logicalId),
    });

    let template: Promise<DeployedTemplate | undefined> | undefined;
    const templateResource = async (logicalId: string) => {
      // Read once, through throttling; a template that cannot be read leaves the script's details unknown.
      template ??= scheduler.retry(`template#${watchId}`, () => readDeployedTemplate(cfn, stack.id, call), stop.signal).catch(() => undefined);
      return (await template)?.Resources?.[logicalId];
    };
    const scripts = new DeploymentScriptWatcher(input.scripts as WatchedScriptWithTrigger[], {
      logs: clients.logs,
      scheduler,
      emit,
      signal: stop.signal,
      keyPrefix: `#${watchId}`,
      tailOptions: options.scriptTail,
      // The custom resource's events carry its resolved properties (AWS's ResourceProperties);
      // the deployed template is the fallback when they do not.
      async triggerOf(logicalId) {
        const trigger = stream.resourceProperties(logicalId)?.Trigger ?? (await templateResource(logicalId))?.Properties?.Trigger;
        return trigger === 'after:deploy' || trigger === 'before:delete' ? trigger : undefined;
      },
      async functionNameOf(logicalId) {
        const resolved = stream.resourceProperties(logicalId)?.ScriptFunctionName;
        if (typeof resolved === 'string' && resolved !== '') return resolved;
        const name = (await templateResource(logicalId))?.Properties?.ScriptFunctionName;
        if (typeof name === 'string') return name;
        const ref = (name as { Ref?: unknown } | undefined)?.Ref;
        if (typeof ref !== 'string') return undefined;
        return scheduler.retry(`physical-id:${ref}#${watchId}`, () => physicalIdOf(cfn, stack.id, ref, call), stop.signal).catch(() => undefined);
      },
    });
    const ecs = clients.ecs && input.services.length > 0
      ? new EcsDeploymentWatcher(input.services, { ecs: clients.ecs, elbv2: clients.elbv2, scheduler, emit, signal: stop.signal, keyPrefix: `#${watchId}` })
      : undefined;
    options.canary?.attach(ecs);
    const progress = new ResourceProgress(input.plannedResources);
    const statuses = new Map<string, string>();
    const seenEvents: StackEventRecord[] = [];
    let firstCause: Promise<void> | undefined;
    let rootStatus: { status: string; reason?: string } | undefined;
    let idlePolls = 0;

    const handle = async (event: StackEventRecord) => {
      emit({ type: 'stack.event', event });
      seenEvents.push(event);
      if (isStackLevelEvent(event)) {
        if (statuses.get(event.stackId) !== event.status) {
          statuses.set(event.stackId, event.status);
          emit({ type: 'stack.status', stackName: event.stackName, status: event.status, ...(event.reason ? { reason: event.reason } : {}) });
        }
        if (event.depth === 0) rootStatus = { status: event.status, ...(event.reason ? { reason: event.reason } : {}) };
      } else if (event.depth === 0) {
        const changed = progress.record(event);
        if (changed) emit({ type: 'progress', ...progress.snapshot() });
      }
      await scripts.onEvent(event, rootStatus?.status);
      ecs?.onEvent(event);
      if (!firstCause && isGenuineFailure(event)) firstCause = reportFirstCause(event, { scripts, ecs, emit });
    };

    let terminal: { status: string; reason?: string } | undefined;
    await scheduler.run(
      `stack-events:${stack.id}#${watchId}`,
      async () => {
        const events = await stream.read(stop.signal);
        for (const event of events) {
          // Detached: nothing more is reported, not even the rest of this read.
          if (stop.signal.aborted) return { changed: false, done: true };
          await handle(event);
          if (event.depth === 0 && isStackLevelEvent(event) && isTerminalStackStatus(event.status)) terminal = rootStatus;
        }
        if (terminal) return { changed: true, done: true };
        if (events.length > 0) {
          idlePolls = 0;
          return { changed: true };
        }
        // Events are the truth, but a status without an event of ours (say, another token's
        // events) must not leave us waiting forever: now and then ask DescribeStacks.
        if (++idlePolls % (options.statusCheckAfterIdlePolls ?? 5) === 0) {
          const now = await describeStatus(input, stack.id, call);
          if (now && isTerminalStackStatus(now.status) && now.updatedAt >= input.since.getTime()) {
            terminal = { status: now.status, ...(now.reason ? { reason: now.reason } : {}) };
            for (const event of await stream.read(stop.signal)) await handle(event);
            return { changed: true, done: true };
          }
        }
        return { changed: false };
      },
      stop.signal,
    );

    if (signal.aborted || !terminal) {
      stop.abort();
      return { detached: true };
    }
    // A failed operation whose every failure reads as a consequence still gets a first cause.
    if (!firstCause && /FAILED|ROLLBACK/.test(terminal.status)) {
      const fallback = seenEvents.find((e) => e.status.endsWith('_FAILED') && !isStackLevelEvent(e));
      if (fallback) firstCause = reportFirstCause(fallback, { scripts, ecs, emit });
    }
    await scripts.settle();
    await ecs?.settle();
    await firstCause;
    return { stackStatus: terminal.status, ...(terminal.reason ? { stackStatusReason: terminal.reason } : {}), detached: false };
  } catch (error) {
    if (signal.aborted) return { detached: true };
    throw error;
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
  }
}

async function resolveStackId(input: WatchOperationInput, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<{ id: string }> {
  if (input.stackName.startsWith('arn:')) return { id: input.stackName };
  const out = await call(() => input.clients.cloudFormation.send(new DescribeStacksCommand({ StackName: input.stackName }), { abortSignal: input.signal }));
  return { id: out.Stacks?.[0]?.StackId ?? input.stackName };
}

async function describeStatus(
  input: WatchOperationInput,
  stackId: string,
  call: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<{ status: string; reason?: string; updatedAt: number } | undefined> {
  const out = await call(() => input.clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackId }), { abortSignal: input.signal }));
  const s = out.Stacks?.[0];
  if (!s?.StackStatus) return undefined;
  const updatedAt = Math.max(s.DeletionTime?.getTime() ?? 0, s.LastUpdatedTime?.getTime() ?? 0, s.CreationTime?.getTime() ?? 0);
  return { status: s.StackStatus, ...(s.StackStatusReason ? { reason: s.StackStatusReason } : {}), updatedAt };
}

/** The first genuine failure, joined with what explains it: the script's error and last lines, or the stopped task. */
async function reportFirstCause(
  event: StackEventRecord,
  deps: { scripts: DeploymentScriptWatcher; ecs?: EcsDeploymentWatcher; emit(event: DeployEventBody): void },
): Promise<void> {
  const details: string[] = [];
  const reason = event.reason ?? event.status;
  if (deps.scripts.watches(event.logicalId)) {
    const result = await deps.scripts.resultOf(event.logicalId)?.catch(() => undefined);
    if (result) {
      if (result.error) details.push(`script error: ${result.error}`);
      if (result.lastLines.length > 0) details.push('last lines of the script:', ...result.lastLines.map((line) => `  ${line}`));
    }
  }
  if (deps.ecs?.watches(event.logicalId)) {
    details.push(...(await deps.ecs.stoppedTaskDetails(event.logicalId).catch(() => [])));
  }
  deps.emit({
    type: 'first-cause',
    logicalId: event.logicalId,
    ...(event.owner !== undefined ? { owner: event.owner } : {}),
    resourceType: event.resourceType,
    reason,
    details,
  });
}
