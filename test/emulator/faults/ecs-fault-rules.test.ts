import { expect, it } from 'vitest';
import { createFaultInjector } from '../../../src/emulator/faults/fault-injector.js';
import { parseFaultRules } from '../../../src/emulator/faults/fault-rules.js';

it('parses the ECS rules and refuses their mistakes by name', () => {
  const rules = parseFaultRules({
    rules: [
      { type: 'crash-container', ecsService: 'web', container: 'app', exitCode: 2 },
      { type: 'fail-hook', stage: 'POST_TEST_TRAFFIC_SHIFT', times: 1 },
      { type: 'slow-steady-state', seconds: 90 },
    ],
  });
  expect(rules.rules.map((r) => r.type)).toEqual(['crash-container', 'fail-hook', 'slow-steady-state']);
  expect(() => parseFaultRules({ rules: [{ type: 'crash-container', exitCode: 'one' }] })).toThrow('Invalid fault rules (faults, rules[0]): "exitCode" must be an integer');
  expect(() => parseFaultRules({ rules: [{ type: 'slow-steady-state' }] })).toThrow('"seconds" must be a non-negative number');
  expect(() => parseFaultRules({ rules: [{ type: 'fail-hook', service: 'ecs' }] })).toThrow('unknown key "service" for a "fail-hook" rule');
});

it('crashes only the named service and container, as often as told', () => {
  const faults = createFaultInjector(parseFaultRules({ rules: [{ type: 'crash-container', ecsService: 'web', container: 'app', exitCode: 2, times: 2 }] }));
  expect(faults.containerCrash('api', 'app')).toBeUndefined();
  expect(faults.containerCrash('web', 'sidecar')).toBeUndefined();
  expect(faults.containerCrash('web', 'app')).toEqual({ kind: 'exit', exitCode: 2 });
  expect(faults.containerCrash('web', 'app')).toEqual({ kind: 'exit', exitCode: 2 });
  expect(faults.containerCrash('web', 'app')).toBeUndefined();
});

it('fails hooks by stage and adds steady-state delays; request rules never see ECS rules', () => {
  const faults = createFaultInjector(
    parseFaultRules({ rules: [{ type: 'fail-hook', stage: 'POST_TEST_TRAFFIC_SHIFT' }, { type: 'slow-steady-state', ecsService: 'web', seconds: 90 }] }),
  );
  expect(faults.hookFails('web', 'POST_SCALE_UP')).toBe(false);
  expect(faults.hookFails('web', 'POST_TEST_TRAFFIC_SHIFT')).toBe(true);
  expect(faults.steadyStateDelayMs('web')).toBe(90_000);
  expect(faults.steadyStateDelayMs('api')).toBe(0);
  expect(faults.forRequest('ecs', 'DescribeServices')).toEqual({ latencyMs: 0 });
});
