/**
 * What an ECS-native deployment does, as data: the production traffic steps of a strategy, the
 * bake between them, and the checks ECS makes on a deployment configuration before it accepts it.
 * Pure functions; the runner (service-deployment-runner.ts) walks the plan on the emulator's clock.
 */
import { AwsServiceError } from '../../core/aws-error.js';

export type Strategy = 'ROLLING' | 'BLUE_GREEN' | 'CANARY' | 'LINEAR';

export interface LifecycleHook {
  targetType?: 'AWS_LAMBDA' | 'PAUSE' | string;
  hookTargetArn?: string;
  roleArn?: string;
  lifecycleStages: string[];
  hookDetails?: unknown;
  timeoutConfiguration?: { timeoutInMinutes?: number; action?: 'ROLLBACK' | 'CONTINUE' | string };
}

export interface DeploymentConfiguration {
  strategy?: Strategy | string;
  bakeTimeInMinutes?: number;
  canaryConfiguration?: { canaryPercent?: number; canaryBakeTimeInMinutes?: number };
  linearConfiguration?: { stepPercent?: number; stepBakeTimeInMinutes?: number };
  lifecycleHooks?: LifecycleHook[];
  maximumPercent?: number;
  minimumHealthyPercent?: number;
  deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
  alarms?: { alarmNames?: string[]; enable?: boolean; rollback?: boolean };
}

/** One production traffic step: the green (target) percentage after it, and the bake after it. */
export interface ProductionStep {
  greenPercent: number;
  bakeMinutes: number;
}

export const HOOK_STAGES = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
] as const;

/** Stages a PAUSE hook may not use: they also run during rollback. */
const NO_PAUSE_STAGES = new Set(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);

export function strategyOf(config: DeploymentConfiguration | undefined): Strategy {
  const strategy = config?.strategy ?? 'ROLLING';
  return strategy === 'BLUE_GREEN' || strategy === 'CANARY' || strategy === 'LINEAR' ? strategy : 'ROLLING';
}

/**
 * The production shift of a strategy. CANARY: canaryPercent, then 100, with the canary bake
 * between; LINEAR: stepPercent, 2×, … capped at 100, with the step bake after every step but the
 * last (CloudFormation's formula: ⌈100 / step⌉ shifts); BLUE_GREEN: one step to 100.
 */
export function productionSteps(config: DeploymentConfiguration | undefined): ProductionStep[] {
  switch (strategyOf(config)) {
    case 'CANARY': {
      const percent = config?.canaryConfiguration?.canaryPercent ?? 5;
      const bake = config?.canaryConfiguration?.canaryBakeTimeInMinutes ?? 10;
      return percent >= 100 ? [{ greenPercent: 100, bakeMinutes: 0 }] : [{ greenPercent: percent, bakeMinutes: bake }, { greenPercent: 100, bakeMinutes: 0 }];
    }
    case 'LINEAR': {
      const step = config?.linearConfiguration?.stepPercent ?? 10;
      const bake = config?.linearConfiguration?.stepBakeTimeInMinutes ?? 6;
      const steps: ProductionStep[] = [];
      // Tenths avoid 0.1 + 0.2 drift: percents are multiples of 0.1.
      const stepTenths = Math.round(step * 10);
      for (let tenths = stepTenths; ; tenths += stepTenths) {
        const green = Math.min(1000, tenths) / 10;
        steps.push({ greenPercent: green, bakeMinutes: green >= 100 ? 0 : bake });
        if (green >= 100) break;
      }
      return steps;
    }
    case 'BLUE_GREEN':
      return [{ greenPercent: 100, bakeMinutes: 0 }];
    case 'ROLLING':
      return [];
  }
}

/**
 * ELBv2 weights are integers (0–999). Integral percents map to (100 − p, p); fractional ones are
 * scaled by ten (5.5 % → 945 / 55) — ECS's encoding is undocumented (reference §10 question 2).
 */
export function listenerWeights(greenPercent: number): { blue: number; green: number } {
  if (Number.isInteger(greenPercent)) return { blue: 100 - greenPercent, green: greenPercent };
  const green = Math.round(greenPercent * 10);
  return { blue: 1000 - green, green };
}

function invalid(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

function isMultipleOfTenth(value: number): boolean {
  return Math.abs(value * 10 - Math.round(value * 10)) < 1e-9;
}

/** The checks CreateService / UpdateService make on `deploymentConfiguration` (ECS's rules). */
export function validateDeploymentConfiguration(config: DeploymentConfiguration | undefined): void {
  if (!config) return;
  const strategy = config.strategy;
  if (strategy !== undefined && !['ROLLING', 'BLUE_GREEN', 'CANARY', 'LINEAR'].includes(strategy)) {
    throw invalid(`Invalid deployment strategy: ${strategy}. Valid values: ROLLING, BLUE_GREEN, LINEAR, CANARY.`);
  }
  if (config.bakeTimeInMinutes !== undefined && (config.bakeTimeInMinutes < 0 || config.bakeTimeInMinutes > 1440)) {
    throw invalid('bakeTimeInMinutes must be between 0 and 1440.');
  }
  const canary = config.canaryConfiguration;
  if (canary?.canaryPercent !== undefined && (canary.canaryPercent < 0.1 || canary.canaryPercent > 100 || !isMultipleOfTenth(canary.canaryPercent))) {
    throw invalid('canaryPercent must be a multiple of 0.1 between 0.1 and 100.0.');
  }
  if (canary?.canaryBakeTimeInMinutes !== undefined && (canary.canaryBakeTimeInMinutes < 0 || canary.canaryBakeTimeInMinutes > 1440)) {
    throw invalid('canaryBakeTimeInMinutes must be between 0 and 1440.');
  }
  const linear = config.linearConfiguration;
  if (linear?.stepPercent !== undefined && (linear.stepPercent < 3 || linear.stepPercent > 100 || !isMultipleOfTenth(linear.stepPercent))) {
    throw invalid('stepPercent must be a multiple of 0.1 between 3.0 and 100.0.');
  }
  if (linear?.stepBakeTimeInMinutes !== undefined && (linear.stepBakeTimeInMinutes < 0 || linear.stepBakeTimeInMinutes > 1440)) {
    throw invalid('stepBakeTimeInMinutes must be between 0 and 1440.');
  }
  const hooks = config.lifecycleHooks ?? [];
  let pauses = 0;
  let lambdas = 0;
  for (const hook of hooks) {
    const type = hook.targetType ?? 'AWS_LAMBDA';
    if (type !== 'AWS_LAMBDA' && type !== 'PAUSE') throw invalid(`Invalid lifecycle hook targetType: ${type}. Valid values: AWS_LAMBDA, PAUSE.`);
    if (!Array.isArray(hook.lifecycleStages) || hook.lifecycleStages.length === 0) throw invalid('lifecycleStages must contain at least one stage.');
    for (const stage of hook.lifecycleStages) {
      if (!(HOOK_STAGES as readonly string[]).includes(stage)) throw invalid(`Invalid lifecycle stage: ${stage}.`);
    }
    if (type === 'PAUSE') {
      pauses++;
      if (hook.lifecycleStages.some((stage) => NO_PAUSE_STAGES.has(stage))) {
        throw invalid('Pause hooks cannot be configured at the TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages.');
      }
      if (hook.hookTargetArn !== undefined || hook.roleArn !== undefined) throw invalid('Pause hooks do not use hookTargetArn or roleArn.');
    } else {
      lambdas++;
      if (!hook.hookTargetArn) throw invalid('hookTargetArn must be provided for an AWS_LAMBDA lifecycle hook.');
    }
    const timeout = hook.timeoutConfiguration?.timeoutInMinutes;
    const max = type === 'PAUSE' ? 20160 : 1440;
    if (timeout !== undefined && (timeout < 1 || timeout > max || !Number.isInteger(timeout))) {
      throw invalid(`timeoutInMinutes must be an integer between 1 and ${max} for ${type} lifecycle hooks.`);
    }
    const action = hook.timeoutConfiguration?.action;
    if (action !== undefined && action !== 'ROLLBACK' && action !== 'CONTINUE') throw invalid(`Invalid timeout action: ${action}. Valid values: ROLLBACK, CONTINUE.`);
  }
  if (pauses > 10 || lambdas > 10) throw invalid('A service can have at most 10 pause hooks and 10 Lambda hooks.');
}

/** The hooks registered at a stage. */
export function hooksAt(config: DeploymentConfiguration | undefined, stage: string): LifecycleHook[] {
  return (config?.lifecycleHooks ?? []).filter((hook) => hook.lifecycleStages.includes(stage));
}
