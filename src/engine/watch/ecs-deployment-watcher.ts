/**
 * The ECS service deployments of the planned services while the stack operation runs: once a
 * service's resource is being worked on (its ARN known from the stack events), find its newest
 * service deployment and report it as `ecs.deployment` whenever it changes — lifecycle stage,
 * status, hooks (a PAUSE hook AWAITING_ACTION with its expiry), the production traffic split from
 * the listener rule's target-group weights (or, without them, ECS's requested weights / the
 * strategy's schedule), the bake countdown and a rollback — and every task that stopped as
 * `ecs.task-stopped`. Any of this may be missing (rolling deployments, older accounts, a cloud
 * that does not run deployments): missing data is left out, never invented.
 */
import type { ECSClient, ServiceDeployment } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import {
  describeServiceDeployment,
  latestServiceDeploymentArn,
  parseServiceArn,
  revisionTraffic,
  stoppedTasks,
  type RevisionTraffic,
  type StoppedTask,
} from '../../aws/ecs/service-deployments.js';
import { listenerRuleWeights } from '../../aws/elbv2/listener-rule-weights.js';
import type { DeployEventBody, EcsHookState, StackEventRecord } from '../events.js';
import { isTransientAwsError, type PollOutcome, type PollScheduler } from './poll-scheduler.js';
import type { WatchedService } from './watch-contract.js';

export const TERMINAL_SERVICE_DEPLOYMENT_STATUSES = ['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED'] as const;
const TERMINAL = new Set<string>(TERMINAL_SERVICE_DEPLOYMENT_STATUSES);

/** Stages after production traffic has fully moved to the new revision. */
const AFTER_PRODUCTION_SHIFT = new Set(['POST_PRODUCTION_TRAFFIC_SHIFT', 'BAKE_TIME', 'CLEAN_UP']);

export interface EcsWatchOptions {
  ecs: ECSClient;
  elbv2?: ElasticLoadBalancingV2Client;
  scheduler: PollScheduler;
  emit(event: DeployEventBody): void;
  signal: AbortSignal;
  /** Makes poller keys unique among watches sharing a scheduler. */
  keyPrefix?: string;
  /** Deployments created this long before the service's resource started still count (default 60 s). */
  lookbackMs?: number;
}

interface ServiceState {
  service: WatchedService;
  serviceArn: string;
  cluster?: string;
  serviceName: string;
  startedAt: Date;
  /** When the service's resource began to be worked on (no lookback): tasks stopped before are history. */
  workedOnSince: Date;
  deploymentArn?: string;
  resourceFinished: boolean;
  over: boolean;
  loop?: Promise<void>;
  traffic: Map<string, RevisionTraffic>;
  lastEmitted?: string;
  lastBakeRemainingS?: number;
  /** Scheduler-clock time the current (stage, target weight) was first observed: bake countdowns start there. */
  phase?: { key: string; since: number };
  stopped: Set<string>;
  stoppedTasks: StoppedTask[];
  deploymentStatus?: string;
  pausedHooks: string[];
  unavailable: boolean;
  /** The last poll failed (the loop is backing off): settle() stops it rather than wait. */
  failing: boolean;
  stop: AbortController;
  key: string;
  loopEnded?: boolean;
}

export class EcsDeploymentWatcher {
  private readonly byLogicalId = new Map<string, WatchedService>();
  private readonly states = new Map<string, ServiceState>();

  constructor(
    services: WatchedService[],
    private readonly options: EcsWatchOptions,
  ) {
    for (const service of services) this.byLogicalId.set(service.logicalId, service);
  }

  watches(logicalId: string): boolean {
    return this.byLogicalId.has(logicalId);
  }

  /** The service deployment being watched for a config service name (for the canary commands). */
  deploymentOf(serviceName: string): { deploymentArn?: string; serviceArn: string; cluster?: string; pausedHooks: string[]; status?: string } | undefined {
    for (const state of this.states.values()) {
      if (state.service.name === serviceName) {
        return {
          serviceArn: state.serviceArn,
          pausedHooks: [...state.pausedHooks],
          ...(state.deploymentArn ? { deploymentArn: state.deploymentArn } : {}),
          ...(state.cluster ? { cluster: state.cluster } : {}),
          ...(state.deploymentStatus ? { status: state.deploymentStatus } : {}),
        };
      }
    }
    return undefined;
  }

  onEvent(event: StackEventRecord): void {
    const service = this.byLogicalId.get(event.logicalId);
    if (!service || event.depth !== 0) return;
    let state = this.states.get(event.logicalId);
    if (event.status.endsWith('_IN_PROGRESS') && event.physicalId && parseServiceArn(event.physicalId)) {
      if (!state || state.over) {
        const parsed = parseServiceArn(event.physicalId)!;
        state = {
          service,
          serviceArn: event.physicalId,
          serviceName: parsed.service,
          ...(parsed.cluster ? { cluster: parsed.cluster } : {}),
          startedAt: new Date(Date.parse(event.at) - (this.options.lookbackMs ?? 60_000)),
          workedOnSince: new Date(event.at),
          resourceFinished: false,
          over: false,
          traffic: new Map(),
          stopped: new Set(),
          stoppedTasks: [],
          pausedHooks: [],
          unavailable: false,
          failing: false,
          stop: new AbortController(),
          key: `ecs:${event.logicalId}${this.options.keyPrefix ?? ''}`,
        };
        this.states.set(event.logicalId, state);
        this.startLoop(state);
      } else {
        // Worked on again in this operation (a rollback puts the old task definition back, which
        // starts another deployment): follow the newest deployment once the previous one ended.
        state.resourceFinished = false;
        if (state.loopEnded && !state.unavailable) this.startLoop(state);
      }
      return;
    }
    if (state && (event.status.endsWith('_COMPLETE') || event.status.endsWith('_FAILED'))) state.resourceFinished = true;
  }

  private startLoop(state: ServiceState): void {
    state.loopEnded = false;
    const onAbort = () => state.stop.abort();
    this.options.signal.addEventListener('abort', onAbort, { once: true });
    const poll = async () => {
      try {
        const outcome = await this.poll(state);
        state.failing = false;
        return outcome;
      } catch (error) {
        state.failing = true;
        throw error;
      }
    };
    state.loop = this.options.scheduler
      .run(state.key, poll, state.stop.signal)
      .catch((error: unknown) => this.unavailable(state, error))
      .finally(() => {
        state.loopEnded = true;
        this.options.signal.removeEventListener('abort', onAbort);
      });
  }

  /** The stack reached a terminal status: one last look at each deployment, then stop. */
  async settle(): Promise<void> {
    for (const state of this.states.values()) {
      state.resourceFinished = true;
      state.over = true;
      // A loop backing off from failures would hold the end of the watch for minutes: stop it.
      if (state.failing) state.stop.abort();
      else this.options.scheduler.wake(state.key);
    }
    await Promise.all([...this.states.values()].map((state) => state.loop));
  }

  /** Lines for the first cause when the failing resource is a watched service: its stopped tasks. */
  async stoppedTaskDetails(logicalId: string): Promise<string[]> {
    const state = this.states.get(logicalId);
    if (!state) return [];
    if (!state.unavailable) await this.readStoppedTasks(state).catch(() => undefined);
    return state.stoppedTasks.map(describeStoppedTask);
  }

  private async poll(state: ServiceState): Promise<PollOutcome> {
    const call = <T>(fn: () => Promise<T>) => this.options.scheduler.call(fn, state.stop.signal);
    const target = { service: state.serviceName, ...(state.cluster ? { cluster: state.cluster } : {}) };
    // Look for the newest deployment until there is one, and again while the one followed has
    // ended but the service's resource is still being worked on (a newer one is coming).
    const followedEnded = state.deploymentStatus !== undefined && TERMINAL.has(state.deploymentStatus);
    if (!state.deploymentArn || (followedEnded && !state.resourceFinished)) {
      const latest = await latestServiceDeploymentArn(this.options.ecs, { ...target, after: state.startedAt }, call);
      if (latest && latest !== state.deploymentArn) {
        state.deploymentArn = latest;
        state.deploymentStatus = undefined;
        state.phase = undefined;
      }
    }
    let changed = false;
    if (state.deploymentArn) {
      const deployment = await describeServiceDeployment(this.options.ecs, state.deploymentArn, call);
      if (deployment) changed = (await this.report(state, deployment)) || changed;
    }
    changed = (await this.readStoppedTasks(state)) || changed;
    const deploymentDone = state.deploymentStatus !== undefined && TERMINAL.has(state.deploymentStatus);
    const done = state.over || (state.resourceFinished && (deploymentDone || !state.deploymentArn));
    return { changed, done };
  }

  private async readStoppedTasks(state: ServiceState): Promise<boolean> {
    const call = <T>(fn: () => Promise<T>) => this.options.scheduler.call(fn, this.options.signal);
    const target = { service: state.serviceName, ...(state.cluster ? { cluster: state.cluster } : {}) };
    const tasks = await stoppedTasks(this.options.ecs, target, state.stopped, call);
    let changed = false;
    for (const task of tasks) {
      state.stopped.add(task.taskArn);
      // Tasks that stopped before this operation are history (the deployment lookback does not
      // apply: a previous deploy's scaled-down tasks are no cause of this one's failure).
      if (task.stoppedAt && task.stoppedAt < state.workedOnSince) continue;
      state.stoppedTasks.push(task);
      changed = true;
      this.options.emit({
        type: 'ecs.task-stopped',
        service: state.service.name,
        taskArn: task.taskArn,
        reason: task.reason,
        ...(task.exitCode !== undefined ? { exitCode: task.exitCode } : {}),
        ...(task.container !== undefined ? { container: task.container } : {}),
      });
    }
    return changed;
  }

  /** Emits `ecs.deployment` when anything a renderer shows changed; true when it did. */
  private async report(state: ServiceState, deployment: ServiceDeployment): Promise<boolean> {
    const status = deployment.status ?? 'UNKNOWN';
    state.deploymentStatus = status;
    const stage = deployment.lifecycleStage;
    const { weights, weightsFrom } = await this.weights(state, deployment);
    const hooks: EcsHookState[] = (deployment.lifecycleHookDetails ?? []).map((hook) => ({
      id: hook.hookId ?? hook.targetArn ?? 'unknown',
      kind: hook.targetType === 'PAUSE' ? 'pause' : 'lambda',
      ...(hook.targetArn ? { target: hook.targetArn } : {}),
      stage: stage ?? '',
      status: hook.status ?? 'UNKNOWN',
      ...(hook.expiresAt ? { expiresAt: hook.expiresAt.toISOString() } : {}),
      ...(hook.timeoutAction ? { reason: `on timeout: ${hook.timeoutAction}` } : {}),
    }));
    state.pausedHooks = hooks.filter((h) => h.kind === 'pause' && h.status === 'AWAITING_ACTION').map((h) => h.id);

    const now = this.options.scheduler.clock.now();
    const phaseKey = `${stage ?? ''}|${weights.target}`;
    if (state.phase?.key !== phaseKey) state.phase = { key: phaseKey, since: now };
    const bakeRemainingS = bakeRemaining(deployment, stage, weights.target, (now - state.phase.since) / 1000);

    const body: Extract<DeployEventBody, { type: 'ecs.deployment' }> = {
      type: 'ecs.deployment',
      service: state.service.name,
      serviceArn: state.serviceArn,
      deploymentArn: deployment.serviceDeploymentArn ?? state.deploymentArn ?? '',
      status,
      ...(stage ? { stage } : {}),
      weights,
      weightsFrom,
      ...(bakeRemainingS !== undefined ? { bakeRemainingS } : {}),
      hooks,
      ...(deployment.rollback
        ? { rollback: { ...(deployment.rollback.reason ? { reason: deployment.rollback.reason } : {}), ...(deployment.rollback.startedAt ? { startedAt: deployment.rollback.startedAt.toISOString() } : {}) } }
        : {}),
    };
    // The countdown alone re-reports every 10 s (renderers tick it down in between).
    const key = JSON.stringify({ ...body, bakeRemainingS: undefined });
    const bakeMoved = bakeRemainingS !== undefined && (state.lastBakeRemainingS === undefined || Math.abs(state.lastBakeRemainingS - bakeRemainingS) >= 10);
    if (key === state.lastEmitted && !bakeMoved) return false;
    const changed = key !== state.lastEmitted;
    state.lastEmitted = key;
    state.lastBakeRemainingS = bakeRemainingS;
    this.options.emit(body);
    return changed;
  }

  private async weights(state: ServiceState, deployment: ServiceDeployment): Promise<{ weights: { source: number; target: number }; weightsFrom: 'listener-rule' | 'schedule' }> {
    const targetArn = deployment.targetServiceRevision?.arn;
    if (this.options.elbv2 && targetArn) {
      try {
        const call = <T>(fn: () => Promise<T>) => this.options.scheduler.call(fn, this.options.signal);
        let traffic = state.traffic.get(targetArn);
        if (!traffic) {
          traffic = await revisionTraffic(this.options.ecs, targetArn, call);
          state.traffic.set(targetArn, traffic);
        }
        if (traffic.productionListenerRule && traffic.targetGroupArn) {
          const byGroup = await listenerRuleWeights(this.options.elbv2, traffic.productionListenerRule, call);
          const total = [...byGroup.values()].reduce((sum, w) => sum + w, 0);
          if (total > 0) {
            const target = round1((100 * (byGroup.get(traffic.targetGroupArn) ?? 0)) / total);
            return { weights: { source: round1(100 - target), target }, weightsFrom: 'listener-rule' };
          }
        }
      } catch (error) {
        if (isTransientAwsError(error)) throw error;
        // No rule to read (not found, not permitted): the schedule below is the next best thing.
      }
    }
    return { weights: scheduledWeights(deployment), weightsFrom: 'schedule' };
  }

  private unavailable(state: ServiceState, error: unknown): void {
    if (state.stop.signal.aborted) return;
    state.unavailable = true;
    const name = (error as { name?: string }).name ?? 'Error';
    const message = (error as { message?: string }).message ?? String(error);
    this.options.emit({
      type: 'warning',
      code: 'STP_ECS_DEPLOYMENT_UNAVAILABLE',
      message: `cannot follow the ECS deployment of "${state.service.name}": ${name}: ${message}`,
      resource: state.service.name,
    });
  }
}

/** ECS's requested weights when it reports them, else where the strategy's schedule puts the stage. */
export function scheduledWeights(deployment: ServiceDeployment): { source: number; target: number } {
  const requested = deployment.targetServiceRevision?.requestedProductionTrafficWeight;
  if (requested !== undefined) return { source: round1(100 - requested), target: round1(requested) };
  const status = deployment.status ?? '';
  const stage = deployment.lifecycleStage ?? '';
  if (status.startsWith('ROLLBACK')) return { source: 100, target: 0 };
  if (status === 'SUCCESSFUL' || AFTER_PRODUCTION_SHIFT.has(stage)) return { source: 0, target: 100 };
  if (stage === 'PRODUCTION_TRAFFIC_SHIFT') {
    const config = deployment.deploymentConfiguration;
    const step = config?.strategy === 'CANARY' ? config.canaryConfiguration?.canaryPercent : config?.strategy === 'LINEAR' ? config.linearConfiguration?.stepPercent : 100;
    const target = round1(step ?? 100);
    return { source: round1(100 - target), target };
  }
  return { source: 100, target: 0 };
}

/** Seconds left of the bake the deployment is in, counted from when this watcher first saw it. */
export function bakeRemaining(deployment: ServiceDeployment, stage: string | undefined, target: number, elapsedS: number): number | undefined {
  const config = deployment.deploymentConfiguration;
  let minutes: number | undefined;
  if (stage === 'BAKE_TIME') minutes = config?.bakeTimeInMinutes;
  else if (stage === 'PRODUCTION_TRAFFIC_SHIFT' && target > 0 && target < 100) {
    minutes = config?.strategy === 'CANARY' ? config.canaryConfiguration?.canaryBakeTimeInMinutes : config?.strategy === 'LINEAR' ? config.linearConfiguration?.stepBakeTimeInMinutes : undefined;
  }
  if (minutes === undefined) return undefined;
  return Math.max(0, Math.round(minutes * 60 - elapsedS));
}

export function describeStoppedTask(task: StoppedTask): string {
  const id = task.taskArn.split('/').pop() ?? task.taskArn;
  let line = `task ${id} stopped: ${task.reason}`;
  if (task.container !== undefined && task.exitCode !== undefined) line += `; container ${task.container} exited with code ${task.exitCode}`;
  if (task.containerReason) line += ` (${task.containerReason})`;
  return line;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
