import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeServiceDeploymentsCommand, DescribeTasksCommand, ECSClient, ListServiceDeploymentsCommand, ListTasksCommand } from '@aws-sdk/client-ecs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { PollScheduler } from '../../../src/engine/watch/poll-scheduler.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { FakeClock, settle } from '../../support/fake-clock.js';

const STACK = 'arn:aws:cloudformation:eu-west-1:111122223333:stack/shop-dev/4c1';
const SERVICE = 'arn:aws:ecs:eu-west-1:111122223333:service/shop-dev/shop-dev-web';
const TASK = 'arn:aws:ecs:eu-west-1:111122223333:task/shop-dev/7f3a9c';
const CIRCUIT_BREAKER =
  'Resource handler returned message: "Error occurred during operation \'ECS Deployment Circuit Breaker was triggered\'." (RequestToken: ab34b83e-964b-5576-4799-9effbf346081, HandlerErrorCode: GeneralServiceException)';
const T = Date.parse('2026-01-01T12:00:00.000Z');

function event(n: number, logicalId: string, status: string, extra: Partial<StackEvent> = {}): StackEvent {
  const own = logicalId === 'shop-dev';
  return {
    StackId: STACK,
    StackName: 'shop-dev',
    EventId: `${logicalId}-${status}-${n}`,
    LogicalResourceId: logicalId,
    PhysicalResourceId: own ? STACK : SERVICE,
    ResourceType: own ? 'AWS::CloudFormation::Stack' : 'AWS::ECS::Service',
    ResourceStatus: status as StackEvent['ResourceStatus'],
    Timestamp: new Date(T + n * 1000),
    ClientRequestToken: 'tok-7',
    ...extra,
  };
}

// An update whose service fails (the circuit breaker), and the rollback that follows.
const OPERATION = [
  event(1, 'shop-dev', 'UPDATE_IN_PROGRESS', { ResourceStatusReason: 'User Initiated' }),
  event(2, 'WebService', 'UPDATE_IN_PROGRESS'),
  event(5, 'WebService', 'UPDATE_FAILED', { ResourceStatusReason: CIRCUIT_BREAKER }),
  event(6, 'shop-dev', 'UPDATE_ROLLBACK_IN_PROGRESS', { ResourceStatusReason: 'The following resource(s) failed to update: [WebService]. ' }),
  event(7, 'WebService', 'UPDATE_IN_PROGRESS'),
  event(8, 'WebService', 'UPDATE_COMPLETE'),
  event(9, 'shop-dev', 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'),
  event(10, 'shop-dev', 'UPDATE_ROLLBACK_COMPLETE'),
];

describe('watchOperation (unit, mocked AWS)', () => {
  it("a failing service's first cause carries its stopped task's reason and exit code", async () => {
    const cfn = mockClient(CloudFormationClient);
    const ecs = mockClient(ECSClient);
    // Each DescribeStackEvents shows two more events of the operation (newest first, one page).
    let shown = 0;
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackId: STACK, StackName: 'shop-dev', StackStatus: 'UPDATE_IN_PROGRESS', CreationTime: new Date(T) }] });
    cfn.on(DescribeStackEventsCommand).callsFake(() => {
      shown = Math.min(OPERATION.length, shown + 2);
      return { StackEvents: OPERATION.slice(0, shown).reverse() };
    });
    ecs.on(ListServiceDeploymentsCommand).resolves({ serviceDeployments: [] });
    ecs.on(ListTasksCommand).resolves({ taskArns: [TASK] });
    ecs.on(DescribeTasksCommand).resolves({
      tasks: [{ taskArn: TASK, stoppedReason: 'Essential container in task exited', stoppedAt: new Date(T + 4000), containers: [{ name: 'web', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage' }] }],
    });
    ecs.on(DescribeServiceDeploymentsCommand).resolves({ serviceDeployments: [] });

    const clock = new FakeClock();
    const events: DeployEventBody[] = [];
    const watching = watchOperation(
      {
        clients: { cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }), logs: new CloudWatchLogsClient({ region: 'eu-west-1' }), lambda: new LambdaClient({ region: 'eu-west-1' }), ecs: new ECSClient({ region: 'eu-west-1' }) },
        stackName: 'shop-dev',
        clientRequestToken: 'tok-7',
        since: new Date(T),
        plannedResources: 1,
        owners: { WebService: 'web' },
        scripts: [],
        services: [{ name: 'web', logicalId: 'WebService' }],
        emit: (e) => events.push(e),
        signal: new AbortController().signal,
      },
      { scheduler: new PollScheduler({ clock }) },
    );
    let result: Awaited<typeof watching> | undefined;
    void watching.then((r) => (result = r));
    for (let i = 0; i < 100 && !result; i++) {
      await clock.advance(1000);
      await settle();
    }
    expect(result).toEqual({ stackStatus: 'UPDATE_ROLLBACK_COMPLETE', detached: false });
    expect(events.filter((e) => e.type === 'stack.event')).toHaveLength(OPERATION.length);
    expect(events.filter((e) => e.type === 'first-cause')).toEqual([
      {
        type: 'first-cause',
        logicalId: 'WebService',
        owner: 'web',
        resourceType: 'AWS::ECS::Service',
        reason: CIRCUIT_BREAKER,
        details: ['task 7f3a9c stopped: Essential container in task exited; container web exited with code 137 (OutOfMemoryError: Container killed due to memory usage)'],
      },
    ]);
    expect(events.filter((e) => e.type === 'ecs.task-stopped')).toEqual([
      { type: 'ecs.task-stopped', service: 'web', taskArn: TASK, reason: 'Essential container in task exited', exitCode: 137, container: 'web' },
    ]);
    expect(events.filter((e) => e.type === 'stack.status').map((e) => (e as { status: string }).status)).toEqual([
      'UPDATE_IN_PROGRESS',
      'UPDATE_ROLLBACK_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'UPDATE_ROLLBACK_COMPLETE',
    ]);
    cfn.restore();
    ecs.restore();
  });
});
