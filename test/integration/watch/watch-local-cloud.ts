/**
 * A local cloud for the watcher tests: every service CloudFormation needs, real SDK clients
 * pointed at it (the same clients the deploy engine hands watchOperation), and a scheduler
 * with short intervals so a watched operation finishes in test time.
 */
import { CloudFormationClient, CreateChangeSetCommand, DescribeChangeSetCommand, ExecuteChangeSetCommand, type Capability } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { PollScheduler } from '../../../src/engine/watch/poll-scheduler.js';
import type { WatchClients } from '../../../src/engine/watch/watch-contract.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { startCfnLocalCloud, type CfnLocalCloud } from '../cloudformation/cfn-local-cloud.js';
import type { StartEmulatorOptions } from '../../../src/emulator/start-emulator.js';

export interface WatchCloud extends CfnLocalCloud {
  clients: WatchClients;
}

export async function startWatchCloud(options: Partial<StartEmulatorOptions> = {}, clientExtra: Record<string, unknown> = {}): Promise<WatchCloud> {
  const local = await startCfnLocalCloud(options);
  const config = { ...clientConfig(local.cloud.endpoint), ...clientExtra };
  const clients: WatchClients = {
    cloudFormation: new CloudFormationClient(config),
    logs: new CloudWatchLogsClient(config),
    lambda: new LambdaClient(config),
  };
  return {
    ...local,
    clients,
    async stop(stopOptions) {
      clients.cloudFormation.destroy();
      clients.logs.destroy();
      clients.lambda.destroy();
      await local.stop(stopOptions);
    },
  };
}

/** Polls every 20 ms while things change, at most every 100 ms when idle; backoff from 50 ms. */
export function fastScheduler(): PollScheduler {
  return new PollScheduler({ activeIntervalMs: 20, idleIntervalMs: 100, backoffBaseMs: 50, backoffMaxMs: 400, callsPerMinute: 100_000 });
}

/** Creates a change set and executes it with `token`; returns the time just before the execute. */
export async function createAndExecute(
  cfn: CloudFormationClient,
  stackName: string,
  template: unknown,
  token: string,
  type: 'CREATE' | 'UPDATE' = 'CREATE',
  parameters: { ParameterKey: string; ParameterValue: string }[] = [],
): Promise<Date> {
  const cs = await cfn.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: `cs-${token}`,
      ChangeSetType: type,
      TemplateBody: JSON.stringify(template),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as Capability[],
      Parameters: parameters,
    }),
  );
  for (let i = 0; i < 500; i++) {
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    if (described.Status === 'CREATE_COMPLETE') break;
    if (described.Status === 'FAILED') throw new Error(`change set failed: ${described.StatusReason}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const since = new Date();
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, StackName: stackName, ClientRequestToken: token }));
  return since;
}

/** Collects emitted events; `ofType` filters them by type. */
export function recorder() {
  const events: DeployEventBody[] = [];
  return {
    events,
    emit: (event: DeployEventBody) => {
      events.push(event);
    },
    ofType<T extends DeployEventBody['type']>(type: T): Extract<DeployEventBody, { type: T }>[] {
      return events.filter((e): e is Extract<DeployEventBody, { type: T }> => e.type === type);
    },
  };
}
