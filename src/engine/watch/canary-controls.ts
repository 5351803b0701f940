/**
 * The session's canary commands, backed by what the ECS watcher knows: `continueCanary(service,
 * hookId)` answers a PAUSE hook awaiting action with CONTINUE; `rollbackCanary(service)` answers
 * the paused hook with ROLLBACK when there is one, and otherwise stops the deployment with a
 * ROLLBACK (StopServiceDeployment). The caller creates one and passes it to watchOperation, which
 * connects it to the deployments it watches.
 */
import type { ECSClient } from '@aws-sdk/client-ecs';
import { answerPauseHook, rollBackServiceDeployment } from '../../aws/ecs/service-deployment-actions.js';
import { StpError } from '../../errors/stp-error.js';
import type { EcsDeploymentWatcher } from './ecs-deployment-watcher.js';
import { TERMINAL_SERVICE_DEPLOYMENT_STATUSES } from './ecs-deployment-watcher.js';

const TERMINAL = new Set<string>(TERMINAL_SERVICE_DEPLOYMENT_STATUSES);

export class CanaryControls {
  private watcher: EcsDeploymentWatcher | undefined;

  constructor(private readonly ecs: ECSClient) {}

  /** watchOperation connects its ECS watcher here. */
  attach(watcher: EcsDeploymentWatcher | undefined): void {
    this.watcher = watcher;
  }

  async continueCanary(service: string, hookId: string): Promise<void> {
    const deployment = this.deploymentOf(service);
    if (!deployment.pausedHooks.includes(hookId)) {
      throw new StpError('refused', `the deployment of "${service}" is not paused at hook ${hookId}${deployment.pausedHooks.length > 0 ? ` (paused at ${deployment.pausedHooks.join(', ')})` : ''}`, {
        code: 'STP_CANARY_NOT_PAUSED',
        resource: service,
        fix: 'continue the hook the console shows as awaiting action',
      });
    }
    await answerPauseHook(this.ecs, deployment.deploymentArn, hookId, 'CONTINUE');
  }

  async rollbackCanary(service: string): Promise<void> {
    const deployment = this.deploymentOf(service);
    if (deployment.status !== undefined && TERMINAL.has(deployment.status)) {
      throw new StpError('refused', `the deployment of "${service}" has already ended (${deployment.status})`, { code: 'STP_CANARY_ENDED', resource: service });
    }
    const paused = deployment.pausedHooks[0];
    if (paused) await answerPauseHook(this.ecs, deployment.deploymentArn, paused, 'ROLLBACK');
    else await rollBackServiceDeployment(this.ecs, deployment.deploymentArn);
  }

  private deploymentOf(service: string): { deploymentArn: string; pausedHooks: string[]; status?: string } {
    const found = this.watcher?.deploymentOf(service);
    if (!found?.deploymentArn) {
      throw new StpError('refused', `no ECS deployment of "${service}" is running under this session`, {
        code: 'STP_CANARY_NO_DEPLOYMENT',
        resource: service,
        fix: 'wait until the console shows the deployment of the service',
      });
    }
    return { deploymentArn: found.deploymentArn, pausedHooks: found.pausedHooks, ...(found.status ? { status: found.status } : {}) };
  }
}
