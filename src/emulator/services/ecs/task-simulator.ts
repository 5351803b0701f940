/**
 * Tasks without a container engine: no machine here runs Docker, so a task is simulated. It goes
 * PROVISIONING → PENDING → RUNNING on the emulator's clock, passes its health check, writes
 * start/stop lines to each container's `awslogs` group (so log views have content), registers its
 * IP in the service's target group, and stops with ECS's reasons.
 *
 * A container can be made to fail, for the stopped-task, circuit-breaker and first-cause paths:
 * - `STP_LOCAL_CRASH=exit:<code>` in its environment: it exits with that code once running;
 * - `STP_LOCAL_CRASH=health`: its health check fails;
 * - the `crash-container` fault rule (faults/fault-rules.ts) does the same without a template change.
 */
import type { Clock } from '../../core/clock.js';
import type { LogsBackend } from '../../core/backends.js';
import { ecsIds, type ContainerDefinition, type TaskDefinitionRecord, type TaskRecord } from './ecs-records.js';

const SECOND = 1000;
/** Emulated durations of a Fargate task's life (typical console timings). */
export const TASK_TIMINGS = {
  provisioning: 5 * SECOND,
  pending: 15 * SECOND,
  /** A crashing container exits this long after it starts. */
  crashAfter: 5 * SECOND,
  /** Health checks without a configured interval (ECS default 30 s). */
  defaultHealthInterval: 30 * SECOND,
  stopping: 5 * SECOND,
};

export type CrashSpec = { kind: 'exit'; exitCode: number } | { kind: 'health' };

export interface TaskSimulatorDeps {
  clock: Clock;
  logs?: LogsBackend;
  /** Fault rules' say on a container (crash-container); undefined = healthy. */
  crashFromFaults?(service: string, container: string): CrashSpec | undefined;
  onChange(): void;
}

export type TaskOutcome = { ok: true } | { ok: false; reason: string };

/** The crash a container's environment asks for, if any. */
export function crashFromEnvironment(container: ContainerDefinition): CrashSpec | undefined {
  const value = container.environment?.find((e) => e.name === 'STP_LOCAL_CRASH')?.value;
  if (value === undefined) return undefined;
  if (value === 'health') return { kind: 'health' };
  const match = /^exit:(-?\d+)$/.exec(value);
  return { kind: 'exit', exitCode: match ? Number(match[1]) : 1 };
}

/** Read through a function: the status changes while a start awaits the clock. */
function stopRequested(task: TaskRecord): boolean {
  return task.desiredStatus === 'STOPPED';
}

export class TaskSimulator {
  constructor(private readonly deps: TaskSimulatorDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  newTask(input: { clusterArn: string; serviceArn: string; serviceName: string; taskDefinition: TaskDefinitionRecord; revisionArn: string; launchType?: string }): TaskRecord {
    const clusterName = input.clusterArn.split('/').pop();
    const taskArn = input.clusterArn.replace(':cluster/', ':task/').replace(`/${clusterName}`, `/${clusterName}/${ecsIds.taskId()}`);
    return {
      taskArn,
      clusterArn: input.clusterArn,
      serviceArn: input.serviceArn,
      group: `service:${input.serviceName}`,
      taskDefinitionArn: input.taskDefinition.taskDefinitionArn,
      revisionArn: input.revisionArn,
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      healthStatus: 'UNKNOWN',
      createdAt: this.now(),
      containers: input.taskDefinition.containerDefinitions.map((c) => ({ name: c.name, lastStatus: 'PENDING', healthStatus: 'UNKNOWN' })),
      launchType: input.launchType,
      ip: ecsIds.privateIp(),
      failed: false,
    };
  }

  /**
   * Runs a task until it is RUNNING and healthy (ok) or stopped by a failure (not ok). The task
   * record is updated in place as it goes; `signal` aborts the wait (the task stays as it is).
   */
  async start(task: TaskRecord, taskDefinition: TaskDefinitionRecord, serviceName: string, signal?: AbortSignal): Promise<TaskOutcome> {
    const { clock } = this.deps;
    await clock.sleep(TASK_TIMINGS.provisioning, signal);
    if (stopRequested(task)) return { ok: false, reason: task.stoppedReason ?? 'stopped' };
    task.lastStatus = 'PENDING';
    this.deps.onChange();
    await clock.sleep(TASK_TIMINGS.pending, signal);
    if (stopRequested(task)) return { ok: false, reason: task.stoppedReason ?? 'stopped' };
    task.lastStatus = 'RUNNING';
    task.startedAt = this.now();
    for (const container of task.containers) container.lastStatus = 'RUNNING';
    for (const definition of taskDefinition.containerDefinitions) {
      this.log(task, definition, `container ${definition.name} started from image ${definition.image ?? '(none)'} (simulated by the stp local cloud: no container engine runs here)`);
    }
    this.deps.onChange();

    // Non-essential containers (init/migration steps) run to completion.
    for (const definition of taskDefinition.containerDefinitions) {
      if (definition.essential === false && !this.crashOf(definition, serviceName)) {
        const state = task.containers.find((c) => c.name === definition.name)!;
        state.lastStatus = 'STOPPED';
        state.exitCode = 0;
        this.log(task, definition, `container ${definition.name} exited with code 0`);
      }
    }

    const essential = taskDefinition.containerDefinitions.filter((c) => c.essential !== false);
    const crashing = taskDefinition.containerDefinitions.map((c) => ({ definition: c, crash: this.crashOf(c, serviceName) })).find((c) => c.crash);
    const healthWait = Math.max(
      0,
      ...essential.filter((c) => c.healthCheck).map((c) => Math.max((c.healthCheck?.startPeriod ?? 0) * SECOND, (c.healthCheck?.interval ?? 30) * SECOND)),
    );
    if (crashing?.crash?.kind === 'exit') {
      await clock.sleep(TASK_TIMINGS.crashAfter, signal);
      const state = task.containers.find((c) => c.name === crashing.definition.name)!;
      state.lastStatus = 'STOPPED';
      state.exitCode = crashing.crash.exitCode;
      state.reason = undefined;
      this.log(task, crashing.definition, `container ${crashing.definition.name} exited with code ${crashing.crash.exitCode}`);
      const isEssential = crashing.definition.essential !== false;
      if (isEssential) {
        task.failed = true;
        await this.stop(task, taskDefinition, 'Essential container in task exited', 'EssentialContainerExited');
        return { ok: false, reason: `Essential container in task exited (container ${crashing.definition.name} exit code ${crashing.crash.exitCode})` };
      }
    }
    if (healthWait > 0) await clock.sleep(healthWait, signal);
    if (crashing?.crash?.kind === 'health') {
      const state = task.containers.find((c) => c.name === crashing.definition.name)!;
      state.healthStatus = 'UNHEALTHY';
      task.healthStatus = 'UNHEALTHY';
      this.log(task, crashing.definition, `container ${crashing.definition.name} failed its health check`);
      task.failed = true;
      await this.stop(task, taskDefinition, `Task failed container health checks`, 'TaskFailedToStart');
      return { ok: false, reason: `Task failed container health checks (container ${crashing.definition.name})` };
    }
    for (const container of task.containers) if (container.lastStatus === 'RUNNING') container.healthStatus = 'HEALTHY';
    task.healthStatus = 'HEALTHY';
    this.deps.onChange();
    return { ok: true };
  }

  /** Stops a task: STOPPING now, STOPPED (with the reason) after the stop timeout. */
  async stop(task: TaskRecord, taskDefinition: TaskDefinitionRecord | undefined, reason: string, stopCode: string, signal?: AbortSignal): Promise<void> {
    if (task.lastStatus === 'STOPPED') return;
    task.desiredStatus = 'STOPPED';
    task.lastStatus = 'DEACTIVATING';
    task.stoppingAt = this.now();
    task.stoppedReason = reason;
    task.stopCode = stopCode;
    this.deps.onChange();
    try {
      await this.deps.clock.sleep(TASK_TIMINGS.stopping, signal);
    } catch {
      // Aborted while stopping: finish the stop now, a task never stays half-stopped.
    }
    task.lastStatus = 'STOPPED';
    task.stoppedAt = this.now();
    for (const container of task.containers) {
      if (container.lastStatus !== 'STOPPED') {
        container.lastStatus = 'STOPPED';
        container.exitCode ??= stopCode === 'EssentialContainerExited' ? 0 : 137;
        const definition = taskDefinition?.containerDefinitions.find((c) => c.name === container.name);
        if (definition) this.log(task, definition, `container ${container.name} stopped: ${reason}`);
      }
    }
    this.deps.onChange();
  }

  private crashOf(definition: ContainerDefinition, serviceName: string): CrashSpec | undefined {
    return crashFromEnvironment(definition) ?? this.deps.crashFromFaults?.(serviceName, definition.name);
  }

  private log(task: TaskRecord, definition: ContainerDefinition, line: string): void {
    const options = definition.logConfiguration?.logDriver === 'awslogs' ? definition.logConfiguration.options : undefined;
    const group = options?.['awslogs-group'];
    if (!group || !this.deps.logs) return;
    const prefix = options['awslogs-stream-prefix'];
    const taskId = task.taskArn.split('/').pop()!;
    const stream = prefix ? `${prefix}/${definition.name}/${taskId}` : taskId;
    this.deps.logs.ensureLogStream(group, stream);
    this.deps.logs.appendLogEvents(group, stream, [{ timestamp: this.deps.clock.now().getTime(), message: line }]);
  }
}
