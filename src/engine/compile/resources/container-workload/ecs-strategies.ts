import type { CfnValue } from '../../compile-contract.js';

/**
 * Stacktape's CodeDeploy-era strategy names → ECS-native deployments on AWS::ECS::Service
 * (`DeploymentConfiguration.Strategy`). The 1-minute linear strategy is spelt both ways in
 * Stacktape's schema and docs; both mean the same.
 */
export const ecsStrategies: Record<string, Record<string, CfnValue>> = {
  AllAtOnce: { Strategy: 'BLUE_GREEN' },
  Canary10Percent5Minutes: { Strategy: 'CANARY', CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 5 } },
  Canary10Percent15Minutes: { Strategy: 'CANARY', CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 15 } },
  Linear10PercentEvery1Minute: { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 1 } },
  Linear10PercentEvery1Minutes: { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 1 } },
  Linear10PercentEvery3Minutes: { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 3 } },
};
