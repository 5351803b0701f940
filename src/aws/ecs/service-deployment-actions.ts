/**
 * The operator's actions on an ECS service deployment: answer a PAUSE hook (continue or roll
 * back), or roll back a deployment that is not paused.
 */
import { ContinueServiceDeploymentCommand, StopServiceDeploymentCommand, type ECSClient } from '@aws-sdk/client-ecs';

export async function answerPauseHook(ecs: ECSClient, serviceDeploymentArn: string, hookId: string, action: 'CONTINUE' | 'ROLLBACK'): Promise<void> {
  await ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn, hookId, action }));
}

/** Works in any non-terminal state ("even if you didn't configure the service deployment for the rollback option"). */
export async function rollBackServiceDeployment(ecs: ECSClient, serviceDeploymentArn: string): Promise<void> {
  await ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn, stopType: 'ROLLBACK' }));
}
