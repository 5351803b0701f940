import { describe, expect, it } from 'vitest';
import { manualApprovalHook } from '../../../../src/engine/compile/resources/container-workload/deployment-strategy.js';

describe('manualApproval → ECS PAUSE hook', () => {
  it('gates every production step by default (PRE_PRODUCTION_TRAFFIC_SHIFT), with ECS defaults 1,440 min / ROLLBACK', () => {
    expect(manualApprovalHook(true)).toEqual({
      TargetType: 'PAUSE',
      LifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'],
      TimeoutConfiguration: { Action: 'ROLLBACK', TimeoutInMinutes: 1440 },
    });
  });

  it('gate before-production pauses once, after test traffic (POST_TEST_TRAFFIC_SHIFT), with the chosen timeout and action', () => {
    expect(manualApprovalHook({ gate: 'before-production', timeoutMinutes: 30, onTimeout: 'continue' })).toEqual({
      TargetType: 'PAUSE',
      LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      TimeoutConfiguration: { Action: 'CONTINUE', TimeoutInMinutes: 30 },
    });
  });

  it('never lands on a stage ECS refuses for PAUSE hooks', () => {
    for (const setting of [true, { gate: 'every-production-step' as const }, { gate: 'before-production' as const }]) {
      const stages = manualApprovalHook(setting)!.LifecycleStages as string[];
      expect(stages).not.toContain('PRODUCTION_TRAFFIC_SHIFT');
      expect(stages).not.toContain('TEST_TRAFFIC_SHIFT');
    }
  });

  it('false or absent adds no hook', () => {
    expect(manualApprovalHook(false)).toBeUndefined();
    expect(manualApprovalHook(undefined)).toBeUndefined();
  });
});
