import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CreateLogGroupCommand, CreateLogStreamCommand, DescribeLogGroupsCommand, GetLogEventsCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, expect, it, vi } from 'vitest';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { runningEmulator } from '../../../src/emulator/state/state-lock.js';
import { logsClient, removeDir, s3Client, startLocalCloud, stsClient, tempStateDir } from '../../emulator/support/local-cloud.js';
import type { RunningEmulator } from '../../../src/emulator/start-emulator.js';

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const cloud of running.splice(0)) await cloud.stop();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

async function start(stateDir: string) {
  const local = await startLocalCloud({ stateDir });
  running.push(local.cloud);
  return local;
}

it('keeps log groups, events and objects across stop and start', async () => {
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  const first = await start(stateDir);
  const logs = logsClient(first.cloud.endpoint);
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'kept' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: 'kept', logStreamName: 's' }));
  await logs.send(new PutLogEventsCommand({ logGroupName: 'kept', logStreamName: 's', logEvents: [{ timestamp: Date.now(), message: 'persisted line' }] }));
  const s3 = s3Client(first.cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
  await s3.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'k', Body: 'persisted body' }));
  await first.cloud.stop();
  running.length = 0;

  const second = await start(stateDir);
  const logs2 = logsClient(second.cloud.endpoint);
  const groups = await logs2.send(new DescribeLogGroupsCommand({}));
  expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(['kept']);
  const events = await logs2.send(new GetLogEventsCommand({ logGroupName: 'kept', logStreamName: 's', startFromHead: true }));
  expect(events.events?.map((e) => e.message)).toEqual(['persisted line']);
  const object = await s3Client(second.cloud.endpoint).send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'k' }));
  expect(await object.Body!.transformToString()).toBe('persisted body');
});

it('writes state shortly after a change, without waiting for stop', async () => {
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  const local = await start(stateDir);
  await logsClient(local.cloud.endpoint).send(new CreateLogGroupCommand({ logGroupName: 'debounced' }));
  await vi.waitFor(
    () => {
      const saved = JSON.parse(readFileSync(join(stateDir, 'state.json'), 'utf8')) as { namespaces: { logs: { groups: { name: string }[] } } };
      expect(saved.namespaces.logs.groups.map((g) => g.name)).toEqual(['debounced']);
    },
    { timeout: 5_000, interval: 20 },
  );
});

it('refuses a second emulator on the same state directory, naming the pid and the endpoint it serves', async () => {
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  const first = await start(stateDir);
  const error = await startLocalCloud({ stateDir }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toContain(`pid ${process.pid}`);
  expect((error as Error).message).toContain(`serving ${first.cloud.endpoint}`);
  expect((error as Error).message).toContain(stateDir);
  // Another command can find and use the running endpoint instead.
  expect(runningEmulator(stateDir)).toMatchObject({ pid: process.pid, endpoint: first.cloud.endpoint });
  const identity = await stsClient(runningEmulator(stateDir)!.endpoint!).send(new GetCallerIdentityCommand({}));
  expect(identity.Account).toBe('000000000000');
  await first.cloud.stop();
  expect(runningEmulator(stateDir)).toBeUndefined();
});

it('takes over a stale lock left by a dead process', async () => {
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  // A pid that existed and has exited: a short-lived child.
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  const deadPid = Number(child.stdout);
  writeFileSync(join(stateDir, 'lock'), JSON.stringify({ pid: deadPid, startedAt: '2026-01-01T00:00:00.000Z' }));
  const local = await start(stateDir);
  expect(local.cloud.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
