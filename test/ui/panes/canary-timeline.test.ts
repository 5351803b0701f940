import { describe, expect, it } from 'vitest';
import { stageTimeline } from '../../../src/ui/panes/canary-timeline.js';

const marks = (entries: ReturnType<typeof stageTimeline>) => entries.map((e) => `${e.mark[0]} ${e.stage}`);

describe('stage timeline', () => {
  it('done before the reported stage, current at it, pending after; RECONCILE_SERVICE only when reported', () => {
    expect(marks(stageTimeline('PRODUCTION_TRAFFIC_SHIFT', 'IN_PROGRESS'))).toEqual([
      'd PRE_SCALE_UP',
      'd SCALE_UP',
      'd POST_SCALE_UP',
      'd TEST_TRAFFIC_SHIFT',
      'd POST_TEST_TRAFFIC_SHIFT',
      'd PRE_PRODUCTION_TRAFFIC_SHIFT',
      'c PRODUCTION_TRAFFIC_SHIFT',
      'p POST_PRODUCTION_TRAFFIC_SHIFT',
      'p BAKE_TIME',
      'p CLEAN_UP',
    ]);
    expect(marks(stageTimeline('PRE_SCALE_UP', 'IN_PROGRESS', ['RECONCILE_SERVICE', 'PRE_SCALE_UP'])).slice(0, 2)).toEqual(['d RECONCILE_SERVICE', 'c PRE_SCALE_UP']);
  });

  it('the reported stage is done on success and failed on a rollback or stop', () => {
    expect(stageTimeline('CLEAN_UP', 'SUCCESSFUL').every((e) => e.mark === 'done')).toBe(true);
    for (const status of ['ROLLBACK_IN_PROGRESS', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED', 'STOPPED']) {
      expect(stageTimeline('BAKE_TIME', status).find((e) => e.stage === 'BAKE_TIME')?.mark).toBe('failed');
    }
  });

  it('an unknown stage (ECS enums are open) is shown after the known ones', () => {
    const entries = stageTimeline('WARM_UP', 'IN_PROGRESS');
    expect(entries.at(-1)).toEqual({ stage: 'WARM_UP', label: 'warm up', mark: 'current' });
    expect(entries.slice(0, -1).every((e) => e.mark === 'done')).toBe(true);
  });

  it('no stage (a rolling deployment): everything pending', () => {
    expect(stageTimeline(undefined, 'IN_PROGRESS').every((e) => e.mark === 'pending')).toBe(true);
  });
});
