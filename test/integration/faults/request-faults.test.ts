import { DescribeLogGroupsCommand, ThrottlingException } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, expect, it } from 'vitest';
import type { FaultRules } from '../../../src/emulator/faults/fault-rules.js';
import { logsClient, removeDir, s3Client, startLocalCloud, stsClient, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud | undefined;
afterEach(async () => {
  if (!local) return;
  await local.cloud.stop();
  removeDir(local.stateDir);
  local = undefined;
});

async function withFaults(faults: FaultRules): Promise<LocalCloud> {
  local = await startLocalCloud({ faults });
  return local;
}

// The SDK's standard retry strategy (3 attempts), stated explicitly.
const fastRetry = { maxAttempts: 3 };

it('throttles JSON requests with ThrottlingException, which the SDK retries', async () => {
  const { cloud, lines } = await withFaults({ rules: [{ type: 'throttle', service: 'logs', operation: 'DescribeLogGroups', times: 2 }] });
  const result = await logsClient(cloud.endpoint, fastRetry).send(new DescribeLogGroupsCommand({}));
  expect(result.$metadata.attempts).toBe(3);
  expect(result.logGroups).toEqual([]);
  expect(lines.filter((line) => line.includes('ThrottlingException'))).toHaveLength(2);
});

it('surfaces ThrottlingException "Rate exceeded" when retries run out', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'throttle', service: 'logs' }] });
  const error = await logsClient(cloud.endpoint, { maxAttempts: 2 })
    .send(new DescribeLogGroupsCommand({}))
    .catch((e: Error & { $metadata: { attempts: number } }) => e);
  expect(error).toBeInstanceOf(ThrottlingException);
  expect((error as Error).message).toBe('Rate exceeded');
  expect((error as { $metadata: { attempts: number } }).$metadata.attempts).toBe(2);
});

it('throttles query requests with Throttling, which the SDK retries', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'throttle', service: 'sts', times: 1 }] });
  const identity = await stsClient(cloud.endpoint, fastRetry).send(new GetCallerIdentityCommand({}));
  expect(identity.$metadata.attempts).toBe(2);
  // `times: 1` is spent: the next call goes through at once.
  const again = await stsClient(cloud.endpoint, { maxAttempts: 1 }).send(new GetCallerIdentityCommand({}));
  expect(again.$metadata.attempts).toBe(1);
});

it('surfaces the query Throttling code when the client does not retry', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'throttle', service: 'sts' }] });
  const error = await stsClient(cloud.endpoint, { maxAttempts: 1 })
    .send(new GetCallerIdentityCommand({}))
    .catch((e: Error) => e);
  expect((error as Error).name).toBe('Throttling');
  expect((error as Error).message).toBe('Rate exceeded');
});

it('answers 5xx at the configured rule, which the SDK retries', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'error', service: 'logs', status: 503, times: 1 }] });
  const result = await logsClient(cloud.endpoint, fastRetry).send(new DescribeLogGroupsCommand({}));
  expect(result.$metadata.attempts).toBe(2);
  const noRetry = await withFaultsAgain({ rules: [{ type: 'error', service: 'logs' }] });
  const error = await logsClient(noRetry, { maxAttempts: 1 })
    .send(new DescribeLogGroupsCommand({}))
    .catch((e: Error & { $metadata: { httpStatusCode: number } }) => e);
  expect((error as Error).name).toBe('InternalFailure');
  expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(500);
});

async function withFaultsAgain(faults: FaultRules): Promise<string> {
  if (local) {
    await local.cloud.stop();
    removeDir(local.stateDir);
  }
  local = await startLocalCloud({ faults });
  return local.cloud.endpoint;
}

it('drops connections; the SDK sees a network error and retries', async () => {
  const { cloud, lines } = await withFaults({ rules: [{ type: 'drop', service: 'logs', times: 1 }] });
  const result = await logsClient(cloud.endpoint, fastRetry).send(new DescribeLogGroupsCommand({}));
  expect(result.$metadata.attempts).toBe(2);
  expect(lines).toEqual(['local cloud: fault injected: dropped the connection for logs DescribeLogGroups']);
});

it('a dropped connection without retries is a network error, not an AWS error', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'drop', service: 'logs' }] });
  const error = await logsClient(cloud.endpoint, { maxAttempts: 1 })
    .send(new DescribeLogGroupsCommand({}))
    .catch((e: Error & { code?: string }) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode).toBeUndefined();
  expect((error as { code?: string }).code ?? (error as Error).message).toMatch(/ECONNRESET|socket hang up/);
});

it('throttles S3 with SlowDown (503), targeting one REST operation', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'throttle', service: 's3', operation: 'HeadBucket', times: 1 }] });
  const s3 = s3Client(cloud.endpoint, 'us-east-1', fastRetry);
  const created = await s3.send(new CreateBucketCommand({ Bucket: 'faulty' }));
  expect(created.$metadata.attempts).toBe(1);
  const head = await s3.send(new HeadBucketCommand({ Bucket: 'faulty' }));
  expect(head.$metadata.attempts).toBe(2);
});

it('adds wall-clock latency before answering', async () => {
  const { cloud } = await withFaults({ rules: [{ type: 'latency', service: 'sts', ms: 150 }] });
  const client = stsClient(cloud.endpoint);
  const started = performance.now();
  await client.send(new GetCallerIdentityCommand({}));
  expect(performance.now() - started).toBeGreaterThanOrEqual(145);
});

it('reads rules from STP_LOCAL_FAULTS when no option is given', async () => {
  local = await startLocalCloud({
    env: { STP_LOCAL_FAULTS: JSON.stringify({ rules: [{ type: 'throttle', service: 'logs', times: 1 }] }) },
  });
  const result = await logsClient(local.cloud.endpoint, fastRetry).send(new DescribeLogGroupsCommand({}));
  expect(result.$metadata.attempts).toBe(2);
});
