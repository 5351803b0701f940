import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  ListTagsForResourceCommand,
  paginateDescribeLogGroups,
  paginateDescribeLogStreams,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  InvalidParameterException,
  TagResourceCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, logsClient, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let logs: CloudWatchLogsClient;
beforeEach(async () => {
  local = await startLocalCloud();
  logs = logsClient(local.cloud.endpoint);
});
afterEach(() => stopLocalCloud(local));

describe('log groups', () => {
  it('creates a group once; the second create is ResourceAlreadyExistsException (400)', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/fn' }));
    const error = await failure(logs.send(new CreateLogGroupCommand({ logGroupName: '/aws/lambda/fn' })));
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(error.message).toBe('The specified log group already exists');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('deleting a missing group is ResourceNotFoundException with HTTP 400', async () => {
    const error = await failure(logs.send(new DeleteLogGroupCommand({ logGroupName: 'missing' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('The specified log group does not exist.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an invalid group name with InvalidParameterException', async () => {
    const error = await failure(logs.send(new CreateLogGroupCommand({ logGroupName: 'has space' })));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toContain("at 'logGroupName' failed to satisfy constraint");
  });

  it('describes groups by prefix, sorted by name, across pages', async () => {
    for (const name of ['/app/c', '/app/a', '/other/x', '/app/b', '/app/d', '/app/e']) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    }
    const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/app/', limit: 2 }));
    expect(first.logGroups?.map((g) => g.logGroupName)).toEqual(['/app/a', '/app/b']);
    expect(first.nextToken).toBeDefined();
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client: logs, pageSize: 2 }, { logGroupNamePrefix: '/app/' })) {
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName!));
    }
    expect(names).toEqual(['/app/a', '/app/b', '/app/c', '/app/d', '/app/e']);
    const group = first.logGroups![0]!;
    expect(group.arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/app/a:*');
    expect(group.logGroupArn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:/app/a');
    expect(typeof group.creationTime).toBe('number');
  });

  it('rejects a nextToken it did not issue', async () => {
    const error = await failure(logs.send(new DescribeLogGroupsCommand({ nextToken: 'not-a-token' })));
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe('The specified nextToken is invalid.');
  });

  it('sets a retention policy from the allowed values only', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
    const error = await failure(logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 2 })));
    expect(error).toBeInstanceOf(InvalidParameterException);
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: 'g', retentionInDays: 7 }));
    const described = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'g' }));
    expect(described.logGroups?.[0]?.retentionInDays).toBe(7);
  });

  it('tags a group by ARN', async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'tagged', tags: { team: 'a' } }));
    const arn = 'arn:aws:logs:us-east-1:000000000000:log-group:tagged';
    await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { stage: 'dev' } }));
    const tags = await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    expect(tags.tags).toEqual({ team: 'a', stage: 'dev' });
  });
});

describe('log streams', () => {
  beforeEach(async () => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
  });

  it('creating a stream in a missing group, or twice, fails like AWS', async () => {
    const missing = await failure(logs.send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })));
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    const twice = await failure(logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' })));
    expect(twice).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(twice.message).toBe('The specified log stream already exists');
  });

  it('PutLogEvents to a missing stream is ResourceNotFoundException', async () => {
    const error = await failure(
      logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: 'none', logEvents: [{ timestamp: Date.now(), message: 'x' }] })),
    );
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe('The specified log stream does not exist.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('PutLogEvents needs chronological order within a batch', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    const now = Date.now();
    const error = await failure(
      logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 's',
          logEvents: [
            { timestamp: now, message: 'b' },
            { timestamp: now - 1000, message: 'a' },
          ],
        }),
      ),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
  });

  it('reports events too old to accept in rejectedLogEventsInfo', async () => {
    await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
    const now = Date.now();
    const result = await logs.send(
      new PutLogEventsCommand({
        logGroupName: 'g',
        logStreamName: 's',
        logEvents: [
          { timestamp: now - 15 * 86_400_000, message: 'ancient' },
          { timestamp: now - 15 * 86_400_000 + 1, message: 'ancient too' },
        ],
      }),
    );
    expect(result.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2 });
  });

  it('orders streams by name or by last event time, descending, across pages', async () => {
    const now = Date.now();
    const streams: [string, number][] = [
      ['b', now - 3000],
      ['a', now - 1000],
      ['c', now - 2000],
    ];
    for (const [name, timestamp] of streams) {
      await logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: name }));
      await logs.send(new PutLogEventsCommand({ logGroupName: 'g', logStreamName: name, logEvents: [{ timestamp, message: name }] }));
    }
    const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g' }));
    expect(byName.logStreams?.map((s) => s.logStreamName)).toEqual(['a', 'b', 'c']);
    const newest: string[] = [];
    for await (const page of paginateDescribeLogStreams(
      { client: logs, pageSize: 1 },
      { logGroupName: 'g', orderBy: 'LastEventTime', descending: true },
    )) {
      newest.push(...(page.logStreams ?? []).map((s) => s.logStreamName!));
    }
    expect(newest).toEqual(['a', 'c', 'b']);
    const first = byName.logStreams![0]!;
    expect(first.lastEventTimestamp).toBe(now - 1000);
    expect(first.arn).toBe('arn:aws:logs:us-east-1:000000000000:log-group:g:log-stream:a');
  });

  it('refuses LastEventTime ordering together with a name prefix', async () => {
    const error = await failure(
      logs.send(new DescribeLogStreamsCommand({ logGroupName: 'g', orderBy: 'LastEventTime', logStreamNamePrefix: 'a' })),
    );
    expect(error).toBeInstanceOf(InvalidParameterException);
    expect(error.message).toBe('Cannot order by LastEventTime with a logStreamNamePrefix.');
  });

  it('describing streams of a missing group is ResourceNotFoundException', async () => {
    const error = await failure(logs.send(new DescribeLogStreamsCommand({ logGroupName: 'missing' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
  });
});
