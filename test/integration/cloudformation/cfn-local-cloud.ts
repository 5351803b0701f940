/**
 * The local cloud with every service CloudFormation needs, at a high time scale so stack
 * operations take milliseconds, plus a real SDK v3 CloudFormation client pointed at it.
 */
import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { S3Client } from '@aws-sdk/client-s3';
import { clientConfig, logsClient, removeDir, s3Client, tempStateDir } from '../../emulator/support/local-cloud.js';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../../src/emulator/start-emulator.js';

export interface CfnLocalCloud {
  cloud: RunningEmulator;
  cfn: CloudFormationClient;
  /** Real SDK clients for setting up and checking what stacks create (never the emulator's internals). */
  s3: S3Client;
  logs: CloudWatchLogsClient;
  stateDir: string;
  lines: string[];
  stop(options?: { keepState?: boolean }): Promise<void>;
}

/** 1 s of emulated time = 1 ms: a 2 s Lambda create takes 2 ms, the 1 h custom-resource timeout 3.6 s. */
export const TEST_TIME_SCALE = 1000;

export async function startCfnLocalCloud(options: Partial<StartEmulatorOptions> = {}): Promise<CfnLocalCloud> {
  const stateDir = options.stateDir ?? tempStateDir();
  const lines: string[] = [];
  const cloud = await startEmulator({ env: {}, timeScale: TEST_TIME_SCALE, log: (line) => lines.push(line), ...options, stateDir });
  const cfn = new CloudFormationClient(clientConfig(cloud.endpoint));
  const s3 = s3Client(cloud.endpoint);
  const logs = logsClient(cloud.endpoint);
  return {
    cloud,
    cfn,
    s3,
    logs,
    stateDir,
    lines,
    async stop(stopOptions = {}) {
      cfn.destroy();
      s3.destroy();
      logs.destroy();
      await cloud.stop();
      if (!stopOptions.keepState) removeDir(stateDir);
    },
  };
}

/** Polls DescribeStacks until the status no longer ends in _IN_PROGRESS (REVIEW_IN_PROGRESS aside). */
export async function waitForStackToSettle(cfn: CloudFormationClient, stackName: string, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
    const status = Stacks?.[0]?.StackStatus ?? '';
    if (!status.endsWith('_IN_PROGRESS') || status === 'REVIEW_IN_PROGRESS') return status;
    if (Date.now() > deadline) throw new Error(`stack ${stackName} still ${status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every event of the stack, oldest first, read through the paginated API. */
export async function allEvents(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return events.reverse();
}

/** `(LogicalId, Status)` pairs, oldest first — the shape the reference's event sequences use. */
export function sequence(events: StackEvent[], logicalId?: string): string[] {
  return events.filter((event) => !logicalId || event.LogicalResourceId === logicalId).map((event) => `${event.LogicalResourceId} ${event.ResourceStatus}`);
}
