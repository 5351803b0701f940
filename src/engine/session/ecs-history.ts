/**
 * What a renderer needs about an ECS service deployment beyond its latest `ecs.deployment`: ECS
 * lists a lifecycle hook only while its stage runs (a Lambda hook's SUCCEEDED or a PAUSE hook's
 * TIMED_OUT is usually never seen by a 1 s poll), so the hooks seen so far are kept here with the
 * last status ECS reported and whether ECS still lists them; and the stages reported so far. A new
 * deployment of the service (a stack rollback starts one) starts a fresh history. Stopped tasks are
 * kept per service (bounded). Pure functions: the session store's reducer calls them.
 */
import type { EcsHookState, EventOfType } from '../events.js';

export interface EcsHookRecord extends EcsHookState {
  /** ECS listed it in the latest report; false once it stopped listing it (its stage ended). */
  listed: boolean;
}

export interface EcsServiceHistory {
  deploymentArn: string;
  /** Lifecycle stages reported for this deployment, in the order first seen. */
  stages: string[];
  /** Every hook seen in this deployment, in the order first seen; `stage` is where it was first seen. */
  hooks: EcsHookRecord[];
  /** How the service's previous deployment in this session ended (a stack rollback starts a new one after a failed one). */
  previous?: { deploymentArn: string; status: string; stage?: string; rollback?: { reason?: string; startedAt?: string } };
}

export interface EcsStoppedTask {
  taskArn: string;
  reason: string;
  exitCode?: number;
  container?: string;
  /** When the engine reported it. */
  at: string;
}

/** Stopped tasks kept per service (the newest). */
export const STOPPED_TASKS_KEPT = 20;

/** `last` is the service's report before this one (its previous deployment's last, when the deployment changed). */
export function recordEcsDeployment(previous: EcsServiceHistory | undefined, event: EventOfType<'ecs.deployment'>, last?: EventOfType<'ecs.deployment'>): EcsServiceHistory {
  const base: EcsServiceHistory =
    previous?.deploymentArn === event.deploymentArn
      ? previous
      : {
          deploymentArn: event.deploymentArn,
          stages: [],
          hooks: [],
          ...(last && last.deploymentArn !== event.deploymentArn
            ? { previous: { deploymentArn: last.deploymentArn, status: last.status, ...(last.stage !== undefined ? { stage: last.stage } : {}), ...(last.rollback ? { rollback: last.rollback } : {}) } }
            : {}),
        };
  const stages = event.stage !== undefined && !base.stages.includes(event.stage) ? [...base.stages, event.stage] : base.stages;
  const reported = new Map(event.hooks.map((hook) => [hook.id, hook]));
  const hooks: EcsHookRecord[] = base.hooks.map((seen) => {
    const now = reported.get(seen.id);
    // The stage a hook was first seen in stays its stage (ECS reports the deployment's stage).
    return now ? { ...now, stage: seen.stage, listed: true } : seen.listed ? { ...seen, listed: false } : seen;
  });
  for (const hook of event.hooks) {
    if (!base.hooks.some((seen) => seen.id === hook.id)) hooks.push({ ...hook, listed: true });
  }
  return { ...base, stages, hooks };
}

export function recordStoppedTask(previous: readonly EcsStoppedTask[] | undefined, event: EventOfType<'ecs.task-stopped'>): EcsStoppedTask[] {
  const task: EcsStoppedTask = {
    taskArn: event.taskArn,
    reason: event.reason,
    ...(event.exitCode !== undefined ? { exitCode: event.exitCode } : {}),
    ...(event.container !== undefined ? { container: event.container } : {}),
    at: event.ts,
  };
  return [...(previous ?? []).filter((seen) => seen.taskArn !== event.taskArn), task].slice(-STOPPED_TASKS_KEPT);
}
