import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
  ResourceNotFoundException,
  StartLiveTailCommand,
  type CloudWatchLogsClient,
  type LiveTailSessionUpdate,
  type StartLiveTailResponseStream,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { logsClient, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let logs: CloudWatchLogsClient;
const ARN = 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/tail';

beforeEach(async () => {
  local = await startLocalCloud();
  // The SDK prefixes the host with `stream-` for StartLiveTail; a 127.0.0.1 endpoint needs it off.
  logs = logsClient(local.cloud.endpoint, { disableHostPrefix: true });
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/tail' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: '/aws/lambda/tail', logStreamName: 'a' }));
  await logs.send(new CreateLogStreamCommand({ logGroupName: '/aws/lambda/tail', logStreamName: 'b' }));
});
afterEach(() => stopLocalCloud(local));

async function put(stream: string, ...messages: string[]) {
  const now = Date.now();
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: '/aws/lambda/tail',
      logStreamName: stream,
      logEvents: messages.map((message, i) => ({ timestamp: now + i, message })),
    }),
  );
}

it('streams sessionStart, then a sessionUpdate per second with the new matching events', async () => {
  await put('a', 'ERROR written before the session');
  const controller = new AbortController();
  const response = await logs.send(
    new StartLiveTailCommand({ logGroupIdentifiers: [ARN], logStreamNames: ['a'], logEventFilterPattern: 'ERROR' }),
    { abortSignal: controller.signal },
  );
  const iterator = (response.responseStream as AsyncIterable<StartLiveTailResponseStream>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  expect(first.value?.sessionStart).toMatchObject({
    logGroupIdentifiers: [ARN],
    logStreamNames: ['a'],
    logEventFilterPattern: 'ERROR',
  });
  expect(first.value?.sessionStart?.sessionId).toMatch(/^[0-9a-f-]{36}$/);

  await put('a', 'ERROR one', 'INFO skipped', 'ERROR two');
  await put('b', 'ERROR other stream');
  const updates: LiveTailSessionUpdate[] = [];
  const results: string[] = [];
  while (results.length < 2 && updates.length < 5) {
    const next = await iterator.next();
    if (next.done) break;
    const update: LiveTailSessionUpdate | undefined = (next.value as StartLiveTailResponseStream).sessionUpdate;
    if (!update) continue;
    updates.push(update);
    results.push(...(update.sessionResults ?? []).map((r) => r.message!));
  }
  expect(results).toEqual(['ERROR one', 'ERROR two']);
  const withResults = updates.find((u) => (u.sessionResults ?? []).length > 0)!;
  expect(withResults.sessionMetadata).toEqual({ sampled: false });
  expect(withResults.sessionResults?.[0]).toMatchObject({ logStreamName: 'a', logGroupIdentifier: '000000000000:/aws/lambda/tail' });
  expect(typeof withResults.sessionResults?.[0]?.ingestionTime).toBe('number');

  // Updates keep coming every second even when nothing happens.
  const idle = await iterator.next();
  expect(idle.value?.sessionUpdate?.sessionResults).toEqual([]);
  controller.abort();
});

it('refuses group names (it needs ARNs) and unknown groups before streaming', async () => {
  const byName = await logs.send(new StartLiveTailCommand({ logGroupIdentifiers: ['/aws/lambda/tail'] })).catch((e: Error) => e);
  expect((byName as Error).name).toBe('InvalidParameterException');
  const missing = await logs
    .send(new StartLiveTailCommand({ logGroupIdentifiers: ['arn:aws:logs:us-east-1:000000000000:log-group:nope'] }))
    .catch((e: Error) => e);
  expect(missing).toBeInstanceOf(ResourceNotFoundException);
});
