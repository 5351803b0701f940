/**
 * Starts the local cloud in a fresh temporary state directory for an integration test, and builds
 * real SDK v3 clients pointed at it (dummy credentials, path-style S3).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudWatchLogsClient, paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../../src/emulator/start-emulator.js';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export function tempStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'stp-local-test-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface LocalCloud {
  cloud: RunningEmulator;
  stateDir: string;
  lines: string[];
}

/** The services these tests need; Lambda and CloudFormation have their own suites. */
export const CORE_SERVICES = ['sts', 's3', 'logs'] as const;

export async function startLocalCloud(options: Partial<StartEmulatorOptions> = {}): Promise<LocalCloud> {
  const stateDir = options.stateDir ?? tempStateDir();
  const lines: string[] = [];
  const cloud = await startEmulator({
    services: CORE_SERVICES,
    env: {},
    log: (line) => lines.push(line),
    ...options,
    stateDir,
  });
  return { cloud, stateDir, lines };
}

/** Stops the cloud and deletes its state directory (afterEach of every suite that starts one). */
export async function stopLocalCloud(local: LocalCloud): Promise<void> {
  await local.cloud.stop();
  removeDir(local.stateDir);
}

export function clientConfig(endpoint: string, region = 'us-east-1') {
  return { endpoint, region, credentials: TEST_CREDENTIALS };
}

export function logsClient(endpoint: string, extra: Record<string, unknown> = {}): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ ...clientConfig(endpoint), ...extra });
}

export function s3Client(endpoint: string, region = 'us-east-1', extra: Record<string, unknown> = {}): S3Client {
  return new S3Client({ ...clientConfig(endpoint, region), forcePathStyle: true, ...extra });
}

/** The names of the log groups starting with `prefix`, read through DescribeLogGroups (every page). */
export async function logGroupNames(logs: CloudWatchLogsClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const page of paginateDescribeLogGroups({ client: logs }, { logGroupNamePrefix: prefix })) {
    for (const group of page.logGroups ?? []) names.push(group.logGroupName!);
  }
  return names;
}

export function stsClient(endpoint: string, extra: Record<string, unknown> = {}): STSClient {
  return new STSClient({ ...clientConfig(endpoint), ...extra });
}

/** The error a call rejects with (fails the test when the call succeeds). */
export async function failure(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}
