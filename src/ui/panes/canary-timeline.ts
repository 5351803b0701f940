/**
 * The lifecycle stage timeline of an ECS service deployment (shared/reference/ecs-deployments.md
 * §1.1), as marks for the canary pane: every stage before the one ECS reports is done, the
 * reported one is current (done when the deployment succeeded, failed when it rolled back or was
 * stopped there), the rest pending. Stages are open strings: an unknown one is shown after the
 * known ones. RECONCILE_SERVICE appears only when reported (ECS runs it only with more than one
 * active revision). Positions are compared, never a stage-by-stage record: a 1 s poll skips the
 * transient ones, and linear deployments go back and forth between the two production-shift stages.
 */

export const LIFECYCLE_STAGES: readonly { stage: string; label: string }[] = [
  { stage: 'RECONCILE_SERVICE', label: 'reconcile' },
  { stage: 'PRE_SCALE_UP', label: 'pre-scale' },
  { stage: 'SCALE_UP', label: 'scale up' },
  { stage: 'POST_SCALE_UP', label: 'post-scale' },
  { stage: 'TEST_TRAFFIC_SHIFT', label: 'test shift' },
  { stage: 'POST_TEST_TRAFFIC_SHIFT', label: 'post-test' },
  { stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT', label: 'pre-prod' },
  { stage: 'PRODUCTION_TRAFFIC_SHIFT', label: 'prod shift' },
  { stage: 'POST_PRODUCTION_TRAFFIC_SHIFT', label: 'post-prod' },
  { stage: 'BAKE_TIME', label: 'bake' },
  { stage: 'CLEAN_UP', label: 'clean up' },
];

export type StageMark = 'done' | 'current' | 'failed' | 'pending';

export interface TimelineEntry {
  stage: string;
  label: string;
  mark: StageMark;
}

/** Deployment statuses that end a deployment as a failed release. */
export function isFailedStatus(status: string): boolean {
  return status.startsWith('ROLLBACK') || status === 'STOPPED' || status === 'STOP_REQUESTED';
}

/** Where a stage sits in the lifecycle (-1 for a stage this list does not know). */
export function stagePosition(stage: string): number {
  return LIFECYCLE_STAGES.findIndex((entry) => entry.stage === stage);
}

export function stageLabel(stage: string): string {
  return LIFECYCLE_STAGES.find((entry) => entry.stage === stage)?.label ?? stage.toLowerCase().replace(/_/g, ' ');
}

/** The timeline for a deployment at `stage` with `status`; `seen` are the stages reported so far. */
export function stageTimeline(stage: string | undefined, status: string, seen: readonly string[] = []): TimelineEntry[] {
  const known = LIFECYCLE_STAGES.filter((entry) => entry.stage !== 'RECONCILE_SERVICE' || seen.includes(entry.stage) || stage === entry.stage);
  const entries = known.map((entry) => ({ ...entry }));
  if (stage !== undefined && !entries.some((entry) => entry.stage === stage)) entries.push({ stage, label: stageLabel(stage) });
  const current = stage === undefined ? -1 : entries.findIndex((entry) => entry.stage === stage);
  const currentMark: StageMark = status === 'SUCCESSFUL' ? 'done' : isFailedStatus(status) ? 'failed' : 'current';
  return entries.map((entry, index) => ({
    ...entry,
    mark: current < 0 ? 'pending' : index < current ? 'done' : index === current ? currentMark : 'pending',
  }));
}
