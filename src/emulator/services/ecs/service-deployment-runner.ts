/**
 * One ECS service deployment, walked on the emulator's clock (reference: ecs-deployments.md §1,
 * §3–§6, §9). BLUE_GREEN / CANARY / LINEAR go through the lifecycle stages in ECS's order with
 * Lambda and PAUSE hooks, test-listener then production-listener weights, the step bakes, the
 * deployment bake, and CLEAN_UP; ROLLING replaces tasks within min/max healthy percent. Any
 * rollback trigger (hook FAILED / TIMED_OUT, ContinueServiceDeployment ROLLBACK,
 * StopServiceDeployment, the circuit breaker) shifts traffic back and ends ROLLBACK_SUCCESSFUL.
 */
import type { Clock } from '../../core/clock.js';
import type { LambdaBackend } from '../../core/backends.js';
import type { Elbv2Store } from '../elbv2/elbv2-store.js';
import { hooksAt, listenerWeights, productionSteps, strategyOf, type LifecycleHook } from './deployment-plan.js';
import {
  ecsIds,
  type HookDetail,
  type RevisionRecord,
  type ServiceDeploymentRecord,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './ecs-records.js';
import type { TaskSimulator } from './task-simulator.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Default delay before re-invoking a Lambda hook that answered IN_PROGRESS. */
const DEFAULT_CALLBACK_DELAY_S = 30;
/** "Each lifecycle stage can last up to 24 hours" — then ECS fails the deployment and rolls back. */
const STAGE_LIMIT = 24 * 60 * MINUTE;
/** Hook-free stages are short; ECS moves through them in about a second. */
const STAGE_TICK = 1 * SECOND;

export interface RunnerDeps {
  clock: Clock;
  lambda?: LambdaBackend;
  elbv2?: Elbv2Store;
  tasks: TaskSimulator;
  log(line: string): void;
  onChange(): void;
  /** Fault rules' say on a Lambda hook (fail-hook): a forced status instead of invoking it. */
  hookFault?(service: string, stage: string): 'FAILED' | undefined;
  /** Emulated delay before a service reaches steady state (slow-steady-state fault). */
  steadyStateDelay?(service: string): number;
}

export interface RunContext {
  service: ServiceRecord;
  deployment: ServiceDeploymentRecord;
  target: RevisionRecord;
  source?: RevisionRecord;
  taskDefinitionOf(arn: string): TaskDefinitionRecord | undefined;
  tasksOf(revisionArn: string): TaskRecord[];
  addTask(task: TaskRecord): void;
  serviceEvent(message: string): void;
}

class RollbackRequested extends Error {
  constructor(
    readonly reason: string,
    /** A user's request (Stop/Continue ROLLBACK) goes through ROLLBACK_REQUESTED first. */
    readonly requestedByUser: boolean,
  ) {
    super(reason);
  }
}

interface PendingPause {
  hookId: string;
  resolve(action: 'CONTINUE' | 'ROLLBACK'): void;
}

/** Drives one deployment; the backend keeps one per non-terminal deployment. */
export class DeploymentRun {
  private readonly abort = new AbortController();
  private rollbackRequest: RollbackRequested | undefined;
  private readonly pauses = new Map<string, PendingPause>();
  private stopRequested = false;
  private abandoned = false;
  readonly done: Promise<void>;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly run: RunContext,
  ) {
    this.done = this.execute();
  }

  get deployment(): ServiceDeploymentRecord {
    return this.run.deployment;
  }

  /** StopServiceDeployment(ROLLBACK), or a hook/circuit-breaker failure found elsewhere. */
  requestRollback(reason: string, requestedByUser: boolean): void {
    if (this.rollbackRequest) return;
    this.rollbackRequest = new RollbackRequested(reason, requestedByUser);
    if (requestedByUser) this.setStatus('ROLLBACK_REQUESTED');
    this.abort.abort(this.rollbackRequest);
    for (const pause of this.pauses.values()) pause.resolve('ROLLBACK');
  }

  /** The local cloud is shutting down: stop at once and change nothing more (a restart marks it STOPPED). */
  abandon(): void {
    this.abandoned = true;
    this.abort.abort(new Error('the local cloud is shutting down'));
    for (const pause of this.pauses.values()) pause.resolve('ROLLBACK');
  }

  /** A newer deployment replaces this one: STOP_REQUESTED → STOPPED. */
  requestStop(): void {
    this.stopRequested = true;
    this.setStatus('STOP_REQUESTED');
    this.abort.abort(new Error('superseded'));
    for (const pause of this.pauses.values()) pause.resolve('ROLLBACK');
  }

  /** ContinueServiceDeployment for a PAUSE hook awaiting action; false when no such hook waits. */
  continueHook(hookId: string, action: 'CONTINUE' | 'ROLLBACK'): boolean {
    const pause = this.pauses.get(hookId);
    if (!pause) return false;
    pause.resolve(action);
    return true;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private setStatus(status: ServiceDeploymentRecord['status'], reason?: string): void {
    const d = this.run.deployment;
    d.status = status;
    if (reason !== undefined) d.statusReason = reason;
    d.updatedAt = this.now();
    this.deps.onChange();
  }

  private setStage(stage: string | undefined): void {
    const d = this.run.deployment;
    if (d.lifecycleStage !== stage) d.lifecycleHookDetails = [];
    d.lifecycleStage = stage;
    d.updatedAt = this.now();
    this.deps.onChange();
  }

  private async sleep(ms: number): Promise<void> {
    if (this.abort.signal.aborted) throw this.abort.signal.reason;
    await this.deps.clock.sleep(ms, this.abort.signal);
  }

  private async execute(): Promise<void> {
    const { deployment, service } = this.run;
    try {
      await this.sleep(STAGE_TICK);
      deployment.startedAt = this.now();
      this.setStatus('IN_PROGRESS');
      if (strategyOf(deployment.deploymentConfiguration) === 'ROLLING') await this.rolling();
      else await this.trafficShift();
      this.complete();
    } catch (error) {
      if (this.abandoned) return;
      if (this.stopRequested) {
        deployment.stoppedAt = this.now();
        deployment.finishedAt = this.now();
        this.setStatus('STOPPED', 'A new deployment was started on the service.');
        return;
      }
      if ((error as { stopWithoutRollback?: boolean }).stopWithoutRollback) {
        // Failure detected without the rollback option: STOPPED, the service keeps what runs.
        deployment.stoppedAt = this.now();
        deployment.finishedAt = this.now();
        this.setStatus('STOPPED', (error as Error).message);
        return;
      }
      const request = this.rollbackRequest ?? (error instanceof RollbackRequested ? error : undefined);
      if (!request) {
        this.deps.log(`ecs: deployment ${deployment.serviceDeploymentArn} failed: ${(error as Error).message}`);
        deployment.finishedAt = this.now();
        this.setStatus('ROLLBACK_FAILED', `the local cloud failed the deployment: ${(error as Error).message}`);
        return;
      }
      await this.rollBack(request);
    } finally {
      if (!this.abandoned) {
        this.run.service.currentServiceDeployment = deployment.serviceDeploymentArn;
        this.deps.onChange();
      }
      void service;
    }
  }

  // ---- ROLLING ---------------------------------------------------------------------------------

  private async rolling(): Promise<void> {
    const { service, target, source } = this.run;
    const desired = service.desiredCount;
    const maxPercent = this.run.deployment.deploymentConfiguration.maximumPercent ?? 200;
    const batch = Math.max(1, Math.floor((desired * maxPercent) / 100) - desired) || desired;
    let healthy = this.runningHealthy(target.serviceRevisionArn).length;
    while (healthy < desired) {
      const count = Math.min(batch, desired - healthy);
      await this.startTasks(count);
      healthy = this.runningHealthy(target.serviceRevisionArn).length;
      if (source) await this.stopTasks(source.serviceRevisionArn, Math.min(count, this.runningHealthy(source.serviceRevisionArn).length), 'Scaling activity initiated by (deployment %s)');
    }
    if (source) await this.stopTasks(source.serviceRevisionArn, Infinity, 'Scaling activity initiated by (deployment %s)');
    await this.steadyState();
  }

  // ---- BLUE_GREEN / CANARY / LINEAR -----------------------------------------------------------

  private async trafficShift(): Promise<void> {
    const { deployment, service, source } = this.run;
    const config = deployment.deploymentConfiguration;
    const first = source === undefined;
    const binding = service.loadBalancers.find((b) => b.advancedConfiguration);

    await this.stage('PRE_SCALE_UP');
    this.setStage('SCALE_UP');
    await this.withStageLimit(() => this.startTasks(service.desiredCount));
    await this.stage('POST_SCALE_UP');

    this.setStage('TEST_TRAFFIC_SHIFT');
    this.shift('test', 100);
    await this.runHooks('TEST_TRAFFIC_SHIFT', { test: 100 });
    await this.stage('POST_TEST_TRAFFIC_SHIFT');

    // The first deployment has nothing to shift from: one production step (reference §10 q10).
    const steps = first ? [{ greenPercent: 100, bakeMinutes: 0 }] : productionSteps(config);
    let green = 0;
    for (const step of steps) {
      await this.stage('PRE_PRODUCTION_TRAFFIC_SHIFT', { production: green });
      this.setStage('PRODUCTION_TRAFFIC_SHIFT');
      green = step.greenPercent;
      this.shift('production', green);
      await this.runHooks('PRODUCTION_TRAFFIC_SHIFT', { production: green });
      if (step.bakeMinutes > 0) await this.sleep(step.bakeMinutes * MINUTE);
    }
    await this.stage('POST_PRODUCTION_TRAFFIC_SHIFT');

    this.setStage('BAKE_TIME');
    await this.sleep((config.bakeTimeInMinutes ?? 0) * MINUTE);

    this.setStage('CLEAN_UP');
    if (source) await this.stopTasks(source.serviceRevisionArn, Infinity, 'Scaling activity initiated by (deployment %s)');
    if (binding?.advancedConfiguration) {
      const index = service.loadBalancers.indexOf(binding);
      service.servingTargetGroups[index] = this.greenTargetGroup();
    }
    await this.steadyState();
  }

  private async steadyState(): Promise<void> {
    const delay = this.deps.steadyStateDelay?.(this.run.service.serviceName) ?? 0;
    if (delay > 0) await this.sleep(delay);
  }

  /** A hookable stage: its hooks (in parallel), or a short pass-through when it has none. */
  private async stage(stage: string, weights: { test?: number; production?: number } = {}): Promise<void> {
    this.setStage(stage);
    if (hooksAt(this.run.deployment.deploymentConfiguration, stage).length === 0) {
      await this.sleep(STAGE_TICK);
      return;
    }
    await this.runHooks(stage, weights);
  }

  private async withStageLimit<T>(work: () => Promise<T>): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.requestRollback(`deployment failed: stage ${this.run.deployment.lifecycleStage} exceeded 24 hours`, false);
        reject(this.rollbackRequest);
      }, this.deps.clock.toWallMs(STAGE_LIMIT));
      timer.unref?.();
    });
    try {
      return await Promise.race([work(), limit]);
    } finally {
      clearTimeout(timer);
    }
  }

  // ---- traffic ---------------------------------------------------------------------------------

  private greenTargetGroup(): string | undefined {
    const { service, source } = this.run;
    const binding = service.loadBalancers.find((b) => b.advancedConfiguration);
    if (!binding?.advancedConfiguration) return undefined;
    const index = service.loadBalancers.indexOf(binding);
    const serving = service.servingTargetGroups[index] ?? binding.targetGroupArn;
    if (source === undefined) return serving;
    return serving === binding.targetGroupArn ? binding.advancedConfiguration.alternateTargetGroupArn : binding.targetGroupArn;
  }

  private blueTargetGroup(): string | undefined {
    const { service } = this.run;
    const binding = service.loadBalancers.find((b) => b.advancedConfiguration);
    if (!binding?.advancedConfiguration) return undefined;
    const green = this.greenTargetGroup();
    return green === binding.targetGroupArn ? binding.advancedConfiguration.alternateTargetGroupArn : binding.targetGroupArn;
  }

  /** Rewrites a listener rule's forward weights so `greenPercent` goes to the green target group. */
  private shift(which: 'test' | 'production', greenPercent: number): void {
    const { deployment, service } = this.run;
    const binding = service.loadBalancers.find((b) => b.advancedConfiguration);
    const rule = which === 'test' ? binding?.advancedConfiguration?.testListenerRule : binding?.advancedConfiguration?.productionListenerRule;
    const green = this.greenTargetGroup();
    const blue = this.blueTargetGroup();
    if (rule && green && blue && this.deps.elbv2) {
      const weights = listenerWeights(greenPercent);
      try {
        this.deps.elbv2.setForwardWeights(rule, green === blue ? { [green]: 100 } : { [blue]: weights.blue, [green]: weights.green });
      } catch (error) {
        this.deps.log(`ecs: could not shift ${which} traffic on ${rule}: ${(error as Error).message}`);
      }
    }
    const field = which === 'test' ? 'requestedTestTrafficWeight' : 'requestedProductionTrafficWeight';
    deployment.targetServiceRevision[field] = greenPercent;
    for (const s of deployment.sourceServiceRevisions) s[field] = 100 - greenPercent;
    deployment.updatedAt = this.now();
    this.deps.onChange();
  }

  // ---- hooks -----------------------------------------------------------------------------------

  private payloadWeights(weights: { test?: number; production?: number }): { test: Record<string, number>; production: Record<string, number> } {
    const { target, source } = this.run;
    const pair = (green: number | undefined): Record<string, number> => {
      if (green === undefined) return {};
      const out: Record<string, number> = { [target.serviceRevisionArn]: green };
      if (source) out[source.serviceRevisionArn] = 100 - green;
      return out;
    };
    return { test: pair(weights.test), production: pair(weights.production) };
  }

  private async runHooks(stage: string, weights: { test?: number; production?: number }, options: { rollback?: boolean } = {}): Promise<void> {
    const hooks = hooksAt(this.run.deployment.deploymentConfiguration, stage);
    if (hooks.length === 0) return;
    const results = await Promise.allSettled(hooks.map((hook) => (hook.targetType === 'PAUSE' ? this.pauseHook(hook) : this.lambdaHook(hook, stage, weights, options))));
    const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failure && !options.rollback) throw failure.reason;
  }

  private hookDetail(detail: HookDetail): HookDetail {
    this.run.deployment.lifecycleHookDetails.push(detail);
    this.deps.onChange();
    return detail;
  }

  private async lambdaHook(hook: LifecycleHook, stage: string, weights: { test?: number; production?: number }, options: { rollback?: boolean }): Promise<void> {
    const { deployment, service, target } = this.run;
    const timeoutMs = (hook.timeoutConfiguration?.timeoutInMinutes ?? 1440) * MINUTE;
    const timeoutAction = hook.timeoutConfiguration?.action === 'CONTINUE' ? 'CONTINUE' : 'ROLLBACK';
    const executionId = ecsIds.executionId();
    const detail = this.hookDetail({
      hookId: executionId,
      targetType: 'AWS_LAMBDA',
      targetArn: hook.hookTargetArn,
      status: 'IN_PROGRESS',
      expiresAt: new Date(this.deps.clock.now().getTime() + this.deps.clock.toWallMs(timeoutMs)).toISOString(),
      timeoutAction,
    });
    const deadline = Date.now() + this.deps.clock.toWallMs(timeoutMs);
    let hookDetails: Record<string, unknown> | undefined = parseHookDetails(hook.hookDetails);
    const { test, production } = this.payloadWeights(weights);
    const fail = (why: string): never => {
      detail.status = 'FAILED';
      this.deps.onChange();
      throw new RollbackRequested(`deployment failed: hook execution failure(s) detected (${why})`, false);
    };
    for (;;) {
      if (this.deps.hookFault?.(service.serviceName, stage) === 'FAILED') fail(`fault rule fail-hook at ${stage}`);
      const payload = {
        executionId,
        lifecycleStage: stage,
        resourceArn: deployment.serviceDeploymentArn,
        executionDetails: {
          serviceArn: service.serviceArn,
          targetServiceRevisionArn: target.serviceRevisionArn,
          testTrafficWeights: test,
          productionTrafficWeights: production,
        },
        ...(hookDetails ? { hookDetails } : {}),
      };
      let answer: { hookStatus?: unknown; callBackDelay?: unknown; hookDetails?: unknown } | undefined;
      let raw = '';
      if (!this.deps.lambda || !hook.hookTargetArn) fail('no Lambda function to invoke');
      try {
        const result = await this.deps.lambda!.invokeFunction(hook.hookTargetArn!, Buffer.from(JSON.stringify(payload)), { invocationType: 'RequestResponse' });
        if (result.functionError) fail(`the hook function ${functionName(hook.hookTargetArn!)} failed: ${errorMessage(result.payload)}`);
        raw = result.payload.toString('utf8');
        try {
          answer = JSON.parse(raw || 'null') as typeof answer;
        } catch {
          answer = undefined;
        }
      } catch (error) {
        if (error instanceof RollbackRequested) throw error;
        fail(`the hook function ${functionName(hook.hookTargetArn!)} could not be invoked: ${(error as Error).message}`);
      }
      const status = answer && typeof answer === 'object' ? answer.hookStatus : undefined;
      if (status === 'SUCCEEDED') {
        detail.status = 'SUCCEEDED';
        this.deps.onChange();
        return;
      }
      if (status === 'FAILED') fail(`${functionName(hook.hookTargetArn!)} returned hookStatus FAILED at ${stage}`);
      if (status !== 'IN_PROGRESS') fail(`${functionName(hook.hookTargetArn!)} returned no valid hookStatus at ${stage}: ${raw.slice(0, 200) || '(empty response)'}`);
      if (answer!.hookDetails && typeof answer!.hookDetails === 'object') hookDetails = { ...hookDetails, ...(answer!.hookDetails as Record<string, unknown>) };
      const delay = Number(answer!.callBackDelay ?? DEFAULT_CALLBACK_DELAY_S);
      if (Date.now() + this.deps.clock.toWallMs(delay * SECOND) > deadline) {
        detail.status = 'TIMED_OUT';
        this.deps.onChange();
        if (timeoutAction === 'CONTINUE') return;
        throw new RollbackRequested(`deployment failed: lifecycle hook ${executionId} timed out at ${stage}`, false);
      }
      if (options.rollback) await this.deps.clock.sleep((Number.isFinite(delay) ? delay : DEFAULT_CALLBACK_DELAY_S) * SECOND);
      else await this.sleep((Number.isFinite(delay) ? delay : DEFAULT_CALLBACK_DELAY_S) * SECOND);
    }
  }

  private async pauseHook(hook: LifecycleHook): Promise<void> {
    const timeoutMs = (hook.timeoutConfiguration?.timeoutInMinutes ?? 1440) * MINUTE;
    const timeoutAction = hook.timeoutConfiguration?.action === 'CONTINUE' ? 'CONTINUE' : 'ROLLBACK';
    const hookId = ecsIds.pauseHookId();
    // expiresAt is the wall-clock moment the (time-scaled) timeout fires, so countdowns are true.
    const detail = this.hookDetail({
      hookId,
      targetType: 'PAUSE',
      status: 'AWAITING_ACTION',
      expiresAt: new Date(this.deps.clock.now().getTime() + this.deps.clock.toWallMs(timeoutMs)).toISOString(),
      timeoutAction,
    });
    const action = await new Promise<'CONTINUE' | 'ROLLBACK' | 'TIMEOUT'>((resolve) => {
      const timer = setTimeout(() => resolve('TIMEOUT'), this.deps.clock.toWallMs(timeoutMs));
      timer.unref?.();
      this.pauses.set(hookId, {
        hookId,
        resolve: (answer) => {
          clearTimeout(timer);
          resolve(answer);
        },
      });
      if (this.abort.signal.aborted) resolve('ROLLBACK');
    });
    this.pauses.delete(hookId);
    if (this.abandoned) throw this.abort.signal.reason;
    if (action === 'CONTINUE') {
      detail.status = 'SUCCEEDED';
      this.deps.onChange();
      return;
    }
    if (action === 'TIMEOUT') {
      detail.status = 'TIMED_OUT';
      this.deps.onChange();
      if (timeoutAction === 'CONTINUE') return;
      throw new RollbackRequested(`deployment failed: pause hook ${hookId} timed out`, false);
    }
    detail.status = 'FAILED';
    this.deps.onChange();
    if (this.rollbackRequest || this.stopRequested) throw this.abort.signal.reason;
    this.requestRollback(`deployment rolled back by ContinueServiceDeployment (ROLLBACK) on pause hook ${hookId}`, true);
    throw this.rollbackRequest;
  }

  // ---- tasks -----------------------------------------------------------------------------------

  private runningHealthy(revisionArn: string): TaskRecord[] {
    return this.run.tasksOf(revisionArn).filter((t) => t.lastStatus === 'RUNNING' && t.healthStatus === 'HEALTHY' && t.desiredStatus === 'RUNNING');
  }

  /**
   * Starts `count` tasks of the target revision and replaces the ones that fail, until `count`
   * are healthy. Failures count against the circuit breaker (ECS: threshold = clamp(⌈desired/2⌉, 3, 200)).
   */
  private async startTasks(count: number): Promise<void> {
    const { deployment, service, target } = this.run;
    const taskDefinition = this.run.taskDefinitionOf(target.taskDefinition);
    if (!taskDefinition) throw new Error(`task definition ${target.taskDefinition} is gone`);
    const breaker = deployment.deploymentConfiguration.deploymentCircuitBreaker;
    let healthy = 0;
    while (healthy < count) {
      const batch = Array.from({ length: count - healthy }, () => {
        const task = this.deps.tasks.newTask({
          clusterArn: service.clusterArn,
          serviceArn: service.serviceArn,
          serviceName: service.serviceName,
          taskDefinition,
          revisionArn: target.serviceRevisionArn,
          launchType: service.launchType,
        });
        this.run.addTask(task);
        return task;
      });
      this.run.serviceEvent(`(service ${service.serviceName}) has started ${batch.length} tasks: ${batch.map((t) => `(task ${t.taskArn.split('/').pop()})`).join(' ')}.`);
      const outcomes = await Promise.all(batch.map((task) => this.deps.tasks.start(task, taskDefinition, service.serviceName, this.abort.signal)));
      for (const [i, outcome] of outcomes.entries()) {
        const task = batch[i]!;
        if (outcome.ok) {
          healthy++;
          this.register(task);
          continue;
        }
        deployment.deploymentCircuitBreaker.failureCount++;
        const entry = service.deployments.find((d) => d.revisionArn === target.serviceRevisionArn);
        if (entry) entry.failedTasks++;
        this.run.serviceEvent(`(service ${service.serviceName}) (task ${task.taskArn.split('/').pop()}) failed: ${outcome.reason}.`);
      }
      this.deps.onChange();
      if (breaker?.enable && deployment.deploymentCircuitBreaker.failureCount >= deployment.deploymentCircuitBreaker.threshold) {
        deployment.deploymentCircuitBreaker.status = 'TRIGGERED';
        const reason = 'ECS Deployment Circuit Breaker was triggered';
        this.run.serviceEvent(`(service ${service.serviceName}) (deployment ${deploymentId(target)}) deployment failed: tasks failed to start.`);
        if (breaker.rollback) throw new RollbackRequested(reason, false);
        const error = new Error(reason);
        (error as Error & { stopWithoutRollback?: boolean }).stopWithoutRollback = true;
        throw error;
      }
    }
  }

  private register(task: TaskRecord): void {
    if (!this.deps.elbv2) return;
    const { service } = this.run;
    const strategy = strategyOf(this.run.deployment.deploymentConfiguration);
    for (const [index, binding] of service.loadBalancers.entries()) {
      const group = strategy === 'ROLLING' || !binding.advancedConfiguration ? (service.servingTargetGroups[index] ?? binding.targetGroupArn) : this.greenTargetGroup();
      if (group) this.deps.elbv2.registerTarget(group, { Id: task.ip, Port: binding.containerPort });
    }
  }

  private deregister(task: TaskRecord): void {
    if (!this.deps.elbv2) return;
    for (const tg of this.deps.elbv2.listTargetGroups()) if (tg.targets.some((t) => t.Id === task.ip)) this.deps.elbv2.deregisterTarget(tg.TargetGroupArn, task.ip);
  }

  private async stopTasks(revisionArn: string, count: number, reasonTemplate: string): Promise<void> {
    const tasks = this.run.tasksOf(revisionArn).filter((t) => t.desiredStatus === 'RUNNING').slice(0, count);
    if (tasks.length === 0) return;
    const reason = reasonTemplate.replace('%s', deploymentId(this.run.target));
    const { service } = this.run;
    this.run.serviceEvent(`(service ${service.serviceName}) has stopped ${tasks.length} running tasks: ${tasks.map((t) => `(task ${t.taskArn.split('/').pop()})`).join(' ')}.`);
    await Promise.all(
      tasks.map((task) => {
        this.deregister(task);
        return this.deps.tasks.stop(task, this.run.taskDefinitionOf(task.taskDefinitionArn), reason, 'ServiceSchedulerInitiated');
      }),
    );
  }

  // ---- end states ------------------------------------------------------------------------------

  private complete(): void {
    const { deployment, service, target } = this.run;
    deployment.finishedAt = this.now();
    deployment.targetServiceRevision.runningTaskCount = this.runningHealthy(target.serviceRevisionArn).length;
    deployment.targetServiceRevision.requestedTaskCount = service.desiredCount;
    deployment.targetServiceRevision.pendingTaskCount = 0;
    for (const s of deployment.sourceServiceRevisions) {
      s.requestedTaskCount = 0;
      s.runningTaskCount = 0;
    }
    if (deployment.deploymentCircuitBreaker.status === 'MONITORING') deployment.deploymentCircuitBreaker.status = 'MONITORING_COMPLETE';
    settleServiceOn(service, target, this.now());
    const id = deploymentId(target);
    this.run.serviceEvent(`(service ${service.serviceName}) (deployment ${id}) deployment completed.`);
    this.run.serviceEvent(`(service ${service.serviceName}) has reached a steady state.`);
    this.setStatus('SUCCESSFUL');
  }

  private async rollBack(request: RollbackRequested): Promise<void> {
    const { deployment, service, source, target } = this.run;
    const startedAt = this.now();
    deployment.rollback = { reason: request.reason, startedAt, ...(source ? { serviceRevisionArn: source.serviceRevisionArn } : {}) };
    this.setStatus('ROLLBACK_IN_PROGRESS', request.reason);
    this.run.serviceEvent(`(service ${service.serviceName}) (deployment ${deploymentId(target)}) ${request.reason}.`);
    if (source) this.run.serviceEvent(`(service ${service.serviceName}) rolling back to deployment ${deploymentId(source)}.`);
    try {
      const native = strategyOf(deployment.deploymentConfiguration) !== 'ROLLING';
      if (native && source) {
        // Production and test traffic go straight back to blue; the traffic-shift hooks run again
        // with the reversed weights (their answers cannot stop a rollback).
        this.shift('production', 0);
        this.shift('test', 0);
        deployment.lifecycleHookDetails = [];
        await this.runHooks('TEST_TRAFFIC_SHIFT', { test: 0 }, { rollback: true });
        await this.runHooks('PRODUCTION_TRAFFIC_SHIFT', { production: 0 }, { rollback: true });
      }
      if (source && this.runningHealthyCount(source.serviceRevisionArn) < service.desiredCount) {
        await this.restartSource(source, service.desiredCount - this.runningHealthyCount(source.serviceRevisionArn));
      }
      await this.stopTasks(target.serviceRevisionArn, Infinity, 'Scaling activity initiated by (deployment %s)');
      deployment.finishedAt = this.now();
      deployment.targetServiceRevision.requestedTaskCount = 0;
      deployment.targetServiceRevision.runningTaskCount = 0;
      deployment.targetServiceRevision.pendingTaskCount = 0;
      if (source) {
        settleServiceOn(service, source, this.now());
      } else {
        service.deployments = service.deployments.map((d) => ({ ...d, rolloutState: 'FAILED', rolloutStateReason: `ECS deployment ${deploymentId(target)} failed: ${request.reason}.` }));
      }
      this.setStatus(source ? 'ROLLBACK_SUCCESSFUL' : 'ROLLBACK_FAILED', source ? request.reason : `${request.reason}; there is no earlier COMPLETED deployment to roll back to`);
    } catch (error) {
      deployment.finishedAt = this.now();
      this.setStatus('ROLLBACK_FAILED', `${request.reason}; the rollback failed: ${(error as Error).message}`);
    }
  }

  private runningHealthyCount(revisionArn: string): number {
    return this.runningHealthy(revisionArn).length;
  }

  /** A rolling deployment's rollback brings the old revision back up (blue/green never stopped it). */
  private async restartSource(source: RevisionRecord, count: number): Promise<void> {
    const { service } = this.run;
    const taskDefinition = this.run.taskDefinitionOf(source.taskDefinition);
    if (!taskDefinition) return;
    const tasks = Array.from({ length: count }, () => {
      const task = this.deps.tasks.newTask({ clusterArn: service.clusterArn, serviceArn: service.serviceArn, serviceName: service.serviceName, taskDefinition, revisionArn: source.serviceRevisionArn, launchType: service.launchType });
      this.run.addTask(task);
      return task;
    });
    await Promise.all(tasks.map((task) => this.deps.tasks.start(task, taskDefinition, service.serviceName)));
    for (const task of tasks) if (task.healthStatus === 'HEALTHY') this.register(task);
  }
}

export function deploymentId(revision: RevisionRecord): string {
  return `ecs-svc/${revision.serviceRevisionArn.split('/').pop()}`;
}

/**
 * The service settles on a revision (a completed deployment, a rollback, a restart after an
 * interrupted one): it runs that revision's task definition and DescribeServices shows it as the one
 * PRIMARY deployment, COMPLETED.
 */
export function settleServiceOn(service: ServiceRecord, revision: RevisionRecord, at: string): void {
  service.taskDefinition = revision.taskDefinition;
  service.currentRevisionArn = revision.serviceRevisionArn;
  const id = deploymentId(revision);
  service.deployments = service.deployments
    .filter((d) => d.revisionArn === revision.serviceRevisionArn)
    .map((d) => ({ ...d, status: 'PRIMARY', rolloutState: 'COMPLETED', rolloutStateReason: `ECS deployment ${id} completed.`, updatedAt: at }));
}

function functionName(arn: string): string {
  return arn.split(':function:').pop()?.split(':')[0] ?? arn;
}

function errorMessage(payload: Buffer): string {
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as { errorMessage?: string };
    return parsed.errorMessage ?? payload.toString('utf8');
  } catch {
    return payload.toString('utf8');
  }
}

function parseHookDetails(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object') return value as Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(String(value));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
