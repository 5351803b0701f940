import { describe, expect, it } from 'vitest';
import { listenerWeights, productionSteps, validateDeploymentConfiguration } from '../../../../src/emulator/services/ecs/deployment-plan.js';

describe('production traffic steps', () => {
  it('CANARY: the canary percent with its bake, then 100 %', () => {
    expect(productionSteps({ strategy: 'CANARY', canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 5 } })).toEqual([
      { greenPercent: 10, bakeMinutes: 5 },
      { greenPercent: 100, bakeMinutes: 0 },
    ]);
  });

  it('CANARY defaults: 5 % for 10 minutes (ECS defaults)', () => {
    expect(productionSteps({ strategy: 'CANARY' })).toEqual([
      { greenPercent: 5, bakeMinutes: 10 },
      { greenPercent: 100, bakeMinutes: 0 },
    ]);
  });

  it('LINEAR 10 %: ten shifts, a bake after each but the last', () => {
    const steps = productionSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 10, stepBakeTimeInMinutes: 1 } });
    expect(steps.map((s) => s.greenPercent)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
    expect(steps.map((s) => s.bakeMinutes)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });

  it("LINEAR 11 %: shifts 11 … 99 then 100 (CloudFormation's example: 9 bakes)", () => {
    const steps = productionSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 11, stepBakeTimeInMinutes: 2 } });
    expect(steps.map((s) => s.greenPercent)).toEqual([11, 22, 33, 44, 55, 66, 77, 88, 99, 100]);
    expect(steps.filter((s) => s.bakeMinutes > 0)).toHaveLength(9);
  });

  it('LINEAR 0.1-multiples do not drift (3.3 % → 33 shifts ending 99.0, then 100)', () => {
    const steps = productionSteps({ strategy: 'LINEAR', linearConfiguration: { stepPercent: 3.3 } });
    expect(steps).toHaveLength(31);
    expect(steps.at(-2)!.greenPercent).toBe(99);
    expect(steps.at(-1)!.greenPercent).toBe(100);
  });

  it('BLUE_GREEN: one step; ROLLING: none', () => {
    expect(productionSteps({ strategy: 'BLUE_GREEN' })).toEqual([{ greenPercent: 100, bakeMinutes: 0 }]);
    expect(productionSteps({ strategy: 'ROLLING' })).toEqual([]);
    expect(productionSteps(undefined)).toEqual([]);
  });
});

describe('listener weights', () => {
  it('integral percents are (100 − p, p); fractional ones are scaled by ten', () => {
    expect(listenerWeights(10)).toEqual({ blue: 90, green: 10 });
    expect(listenerWeights(100)).toEqual({ blue: 0, green: 100 });
    expect(listenerWeights(5.5)).toEqual({ blue: 945, green: 55 });
  });
});

describe('deployment configuration checks (as CreateService / UpdateService)', () => {
  const pause = (stages: string[]) => ({ strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: stages }] });

  it('refuses PAUSE hooks on TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT with ECS\'s message', () => {
    for (const stage of ['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']) {
      expect(() => validateDeploymentConfiguration(pause([stage]))).toThrow('Pause hooks cannot be configured at the TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages.');
    }
  });

  it('accepts PAUSE hooks on the stages ECS allows', () => {
    for (const stage of ['RECONCILE_SERVICE', 'PRE_SCALE_UP', 'POST_SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT', 'POST_PRODUCTION_TRAFFIC_SHIFT']) {
      expect(() => validateDeploymentConfiguration(pause([stage]))).not.toThrow();
    }
  });

  it('a Lambda hook needs hookTargetArn; a PAUSE hook takes none', () => {
    expect(() => validateDeploymentConfiguration({ lifecycleHooks: [{ targetType: 'AWS_LAMBDA', lifecycleStages: ['POST_SCALE_UP'] }] })).toThrow('hookTargetArn must be provided');
    expect(() => validateDeploymentConfiguration({ lifecycleHooks: [{ targetType: 'PAUSE', hookTargetArn: 'arn:x', lifecycleStages: ['POST_SCALE_UP'] }] })).toThrow('Pause hooks do not use hookTargetArn or roleArn.');
  });

  it('checks percent ranges and timeouts', () => {
    expect(() => validateDeploymentConfiguration({ canaryConfiguration: { canaryPercent: 0.05 } })).toThrow('canaryPercent');
    expect(() => validateDeploymentConfiguration({ linearConfiguration: { stepPercent: 2 } })).toThrow('stepPercent');
    expect(() => validateDeploymentConfiguration({ linearConfiguration: { stepPercent: 10.05 } })).toThrow('stepPercent');
    expect(() => validateDeploymentConfiguration({ lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 20161 } }] })).toThrow('between 1 and 20160');
    expect(() => validateDeploymentConfiguration({ lifecycleHooks: [{ hookTargetArn: 'arn:x', lifecycleStages: ['POST_SCALE_UP'], timeoutConfiguration: { timeoutInMinutes: 1441 } }] })).toThrow('between 1 and 1440');
  });

  it('at most 10 PAUSE and 10 Lambda hooks', () => {
    const hooks = Array.from({ length: 11 }, () => ({ targetType: 'PAUSE', lifecycleStages: ['POST_SCALE_UP'] }));
    expect(() => validateDeploymentConfiguration({ lifecycleHooks: hooks })).toThrow('at most 10 pause hooks');
  });
});
