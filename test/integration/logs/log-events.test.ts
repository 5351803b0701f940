import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  InvalidParameterException,
  paginateFilterLogEvents,
  paginateGetLogEvents,
  PutLogEventsCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { logsClient, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let logs: CloudWatchLogsClient;
const T0 = Date.now() - 3_600_000;

beforeEach(async () => {
  local = await startLocalCloud();
  logs = logsClient(local.cloud.endpoint);
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/fn' }));
});
afterEach(() => stopLocalCloud(local));

async function put(stream: string, events: [offset: number, message: string][]): Promise<void> {
  await logs
    .send(new CreateLogStreamCommand({ logGroupName: '/aws/lambda/fn', logStreamName: stream }))
    .catch((error: Error) => {
      if (error.name !== 'ResourceAlreadyExistsException') throw error;
    });
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: '/aws/lambda/fn',
      logStreamName: stream,
      logEvents: events.map(([offset, message]) => ({ timestamp: T0 + offset, message })),
    }),
  );
}

describe('GetLogEvents', () => {
  beforeEach(async () => {
    await put(
      's',
      Array.from({ length: 25 }, (_, i) => [i * 10, `line ${i}`]),
    );
  });

  it('reads the whole stream with paginateGetLogEvents (stopOnSameToken) from the head', async () => {
    const messages: string[] = [];
    const tokensSent: (string | undefined)[] = [];
    let pages = 0;
    for await (const page of paginateGetLogEvents(
      { client: logs, pageSize: 10, stopOnSameToken: true },
      { logGroupName: '/aws/lambda/fn', logStreamName: 's', startFromHead: true },
    )) {
      pages++;
      tokensSent.push(page.nextForwardToken);
      messages.push(...(page.events ?? []).map((e) => e.message!));
    }
    expect(messages).toEqual(Array.from({ length: 25 }, (_, i) => `line ${i}`));
    // 10 + 10 + 5, then one empty page that returns the token it was given.
    expect(pages).toBe(4);
    expect(tokensSent[3]).toBe(tokensSent[2]);
    expect(tokensSent[0]).toMatch(/^f\/\d{56}$/);
  });

  it('returns the same forward token at the end, and new events after it once written', async () => {
    const first = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', startFromHead: true }));
    expect(first.events).toHaveLength(25);
    const end = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', startFromHead: true, nextToken: first.nextForwardToken }),
    );
    expect(end.events).toEqual([]);
    expect(end.nextForwardToken).toBe(first.nextForwardToken);
    await put('s', [[500, 'late line']]);
    const more = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', startFromHead: true, nextToken: end.nextForwardToken }),
    );
    expect(more.events?.map((e) => e.message)).toEqual(['late line']);
    expect(more.nextForwardToken).not.toBe(end.nextForwardToken);
  });

  it('starts from the tail by default and walks backwards with nextBackwardToken', async () => {
    const tail = await logs.send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', limit: 10 }));
    expect(tail.events?.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 15}`));
    expect(tail.nextBackwardToken).toMatch(/^b\/\d{56}$/);
    const before = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', limit: 10, nextToken: tail.nextBackwardToken }),
    );
    expect(before.events?.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 5}`));
    const start = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', limit: 10, nextToken: before.nextBackwardToken }),
    );
    expect(start.events).toHaveLength(5);
    const beyond = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', limit: 10, nextToken: start.nextBackwardToken }),
    );
    expect(beyond.events).toEqual([]);
    expect(beyond.nextBackwardToken).toBe(start.nextBackwardToken);
  });

  it('limits by time: startTime inclusive, endTime exclusive', async () => {
    const page = await logs.send(
      new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', startFromHead: true, startTime: T0 + 20, endTime: T0 + 50 }),
    );
    expect(page.events?.map((e) => e.message)).toEqual(['line 2', 'line 3', 'line 4']);
    expect(page.events?.[0]).toMatchObject({ timestamp: T0 + 20 });
    expect(typeof page.events?.[0]?.ingestionTime).toBe('number');
  });

  it('rejects a malformed token', async () => {
    const error = await logs
      .send(new GetLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamName: 's', nextToken: 'f/123' }))
      .catch((e: Error) => e);
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect((error as Error).message).toBe('The specified nextToken is invalid.');
  });

  it('accepts the group ARN as logGroupIdentifier', async () => {
    const page = await logs.send(
      new GetLogEventsCommand({
        logGroupIdentifier: 'arn:aws:logs:us-east-1:000000000000:log-group:/aws/lambda/fn',
        logStreamName: 's',
        limit: 1,
        startFromHead: true,
      }),
    );
    expect(page.events?.map((e) => e.message)).toEqual(['line 0']);
  });
});

describe('FilterLogEvents', () => {
  beforeEach(async () => {
    await put('2026/01/01/[$LATEST]aaa', [
      [0, 'START RequestId: 1'],
      [20, 'ERROR database timeout'],
      [40, '{"level":"error","latency":1500,"ok":false,"user":{"name":"ann"},"tags":["a","b"],"note":null}'],
      [60, 'WARN slow response'],
    ]);
    await put('2026/01/01/[$LATEST]bbb', [
      [10, 'DEBUG connecting'],
      [30, 'ERROR Exception: boom'],
      [50, '{"level":"info","latency":200,"ok":true,"user":{"name":"bob"},"path":"/api/users/7"}'],
    ]);
    await put('other', [[5, 'ERROR elsewhere']]);
  });

  const filter = async (filterPattern: string) => {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamNamePrefix: '2026/', filterPattern }));
    return (page.events ?? []).map((e) => e.message!);
  };

  it('merges streams in timestamp order and names the stream of each event', async () => {
    const page = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn' }));
    expect(page.events?.map((e) => e.timestamp! - T0)).toEqual([0, 5, 10, 20, 30, 40, 50, 60]);
    expect(page.events?.[1]).toMatchObject({ logStreamName: 'other', message: 'ERROR elsewhere' });
    expect(page.events?.[0]?.eventId).toMatch(/^\d+$/);
    expect(page.nextToken).toBeUndefined();
  });

  it('selects streams by name list or prefix and by an inclusive time range', async () => {
    const byName = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn', logStreamNames: ['other'] }));
    expect(byName.events?.map((e) => e.message)).toEqual(['ERROR elsewhere']);
    const byTime = await logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/fn', startTime: T0 + 10, endTime: T0 + 30 }));
    expect(byTime.events?.map((e) => e.timestamp! - T0)).toEqual([10, 20, 30]);
  });

  it('paginates with nextToken until it is absent', async () => {
    const seen: string[] = [];
    let pages = 0;
    for await (const page of paginateFilterLogEvents({ client: logs, pageSize: 3 }, { logGroupName: '/aws/lambda/fn' })) {
      pages++;
      seen.push(...(page.events ?? []).map((e) => e.message!));
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it.each([
    ['ERROR', ['ERROR database timeout', 'ERROR Exception: boom']],
    ['ERROR Exception', ['ERROR Exception: boom']],
    ['?WARN ?DEBUG', ['DEBUG connecting', 'WARN slow response']],
    ['ERROR -Exception', ['ERROR database timeout']],
    ['"slow response"', ['WARN slow response']],
    ['"Exception: boom"', ['ERROR Exception: boom']],
    ['', null],
  ])('unstructured pattern %j', async (pattern, expected) => {
    const messages = await filter(pattern);
    if (expected === null) expect(messages).toHaveLength(7);
    else expect(messages).toEqual(expected);
  });

  it.each([
    ['{ $.level = "error" }', ['error']],
    ['{ $.level != "error" }', ['info']],
    ['{ $.latency > 1000 }', ['error']],
    ['{ $.latency < 1000 }', ['info']],
    ['{ $.latency >= 1500 }', ['error']],
    ['{ $.latency <= 200 }', ['info']],
    ['{ $.latency = 200 }', ['info']],
    ['{ $.latency > 100 && $.ok IS TRUE }', ['info']],
    ['{ $.ok IS FALSE }', ['error']],
    ['{ $.note IS NULL }', ['error']],
    ['{ $.level = "info" || $.latency > 1000 }', ['error', 'info']],
    ['{ ($.level = "info" || $.level = "error") && $.latency > 1000 }', ['error']],
    ['{ $.user.name = "b*" }', ['info']],
    ['{ $.path = "/api/users/*" }', ['info']],
    ['{ $.tags[1] = "b" }', ['error']],
    ['{ $.level = error }', ['error']],
    ['{ $.missing NOT EXISTS && $.ok IS TRUE }', ['info']],
  ])('JSON pattern %s', async (pattern, levels) => {
    const messages = await filter(pattern);
    expect(messages.map((m) => (JSON.parse(m) as { level: string }).level)).toEqual(levels);
  });

  it.each(['[ip, user, status=5*]', '{ $.tags[*] = "a" }', '%ERR.*%', 'ERROR ?WARN', '{ $.level = }', '"unterminated'])(
    'rejects unsupported or invalid pattern %j with InvalidParameterException',
    async (pattern) => {
      const error = await filter(pattern).catch((e: Error) => e);
      expect(error).toBeInstanceOf(InvalidParameterException);
      expect((error as Error).message).toMatch(/^Invalid filter pattern/);
    },
  );
});
