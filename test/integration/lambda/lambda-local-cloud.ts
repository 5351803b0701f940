import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/start-emulator.js';

/** The local cloud (STS, S3, Logs, Lambda) on 127.0.0.1, with real SDK clients pointed at it. */
export interface LambdaCloud {
  emulator: RunningEmulator;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  operatorLines: string[];
  /** The state directory (pass it to another startLambdaCloud to restart on the same state). */
  dir: string;
  stop(options?: { keepState?: boolean }): Promise<void>;
}

export async function startLambdaCloud(options: { timeScale?: number; dir?: string } = {}): Promise<LambdaCloud> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'stp-lambda-it-'));
  const operatorLines: string[] = [];
  const emulator = await startEmulator({
    stateDir: dir,
    timeScale: options.timeScale ?? 1,
    services: ['sts', 's3', 'logs', 'lambda'],
    log: (line) => operatorLines.push(line),
    env: {},
  });
  const clientConfig = {
    endpoint: emulator.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const lambda = new LambdaClient(clientConfig);
  const logs = new CloudWatchLogsClient(clientConfig);
  const s3 = new S3Client({ ...clientConfig, forcePathStyle: true });
  return {
    emulator,
    lambda,
    logs,
    s3,
    operatorLines,
    dir,
    async stop(stopOptions = {}) {
      lambda.destroy();
      logs.destroy();
      s3.destroy();
      await emulator.stop();
      if (!stopOptions.keepState) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** FilterLogEvents over every page (finished only when nextToken is absent). */
export async function filterAll(client: CloudWatchLogsClient, logGroupName: string, filterPattern?: string): Promise<FilteredLogEvent[]> {
  const events: FilteredLogEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new FilterLogEventsCommand({ logGroupName, filterPattern, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Polls the group until an event matching `pattern` shows up (an Event invocation runs in the background). */
export async function waitForLogEvent(client: CloudWatchLogsClient, logGroupName: string, pattern: RegExp, limitMs = 15_000): Promise<FilteredLogEvent[]> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const events = await filterAll(client, logGroupName).catch(() => []);
    if (events.some((event) => pattern.test(event.message ?? ''))) return events;
    if (Date.now() > deadline) throw new Error(`no log event matching ${pattern} in ${logGroupName} within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export function zipOf(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, source] of Object.entries(files)) entries[name] = strToU8(source);
  return zipSync(entries);
}

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

/**
 * CreateFunction, then the SDK's own `function-active-v2` waiter (a new function is Pending first,
 * as on AWS), polling faster than its 1 s default so tests stay quick.
 */
export async function createActiveFunction(client: LambdaClient, input: CreateFunctionCommandInput) {
  const created = await client.send(new CreateFunctionCommand(input));
  await waitUntilFunctionActiveV2({ client, maxWaitTime: 30, minDelay: 0.02, maxDelay: 0.1 }, { FunctionName: input.FunctionName });
  return created;
}
