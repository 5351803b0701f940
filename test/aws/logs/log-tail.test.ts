import { CloudWatchLogsClient, FilterLogEventsCommand, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { LogTail } from '../../../src/aws/logs/log-tail.js';

/** A fake log group: FilterLogEvents in timestamp order from startTime, pages of 2. */
class FakeGroup {
  events: FilteredLogEvent[] = [];
  requests: { startTime?: number; nextToken?: string }[] = [];
  add(eventId: string, timestamp: number, message = eventId): void {
    this.events.push({ eventId, timestamp, message, logStreamName: 's' });
    this.events.sort((a, b) => a.timestamp! - b.timestamp!);
  }
  filter(input: { startTime?: number; nextToken?: string }) {
    this.requests.push({ startTime: input.startTime, nextToken: input.nextToken });
    const matching = this.events.filter((e) => e.timestamp! >= (input.startTime ?? 0));
    const offset = input.nextToken ? Number(input.nextToken) : 0;
    const page = matching.slice(offset, offset + 2);
    return offset + 2 < matching.length ? { events: page, nextToken: String(offset + 2) } : { events: page };
  }
}

describe('LogTail', () => {
  const logsMock = mockClient(CloudWatchLogsClient);
  let group: FakeGroup;
  beforeEach(() => {
    logsMock.reset();
    group = new FakeGroup();
    logsMock.on(FilterLogEventsCommand).callsFake((input) => group.filter(input));
  });

  it('pages every read to the end, never returns an event twice, and catches late arrivals inside the overlap window', async () => {
    const tail = new LogTail(new CloudWatchLogsClient({ region: 'us-east-1' }), { logGroupName: '/aws/lambda/x', startTime: 1000, overlapMs: 100 });
    group.add('old', 900);
    group.add('a', 1000);
    group.add('b', 1100);
    group.add('c', 1200);
    expect((await tail.read()).map((e) => e.eventId)).toEqual(['a', 'b', 'c']);
    // A late event stamped before the newest seen one, and a new one.
    group.add('late', 1150);
    group.add('d', 1300);
    expect((await tail.read()).map((e) => e.eventId)).toEqual(['late', 'd']);
    // That read started one overlap window before the newest timestamp seen (1200 - 100).
    expect(group.requests.filter((r) => !r.nextToken).map((r) => r.startTime)).toEqual([1000, 1100]);
    expect(await tail.read()).toEqual([]);
    expect(group.requests.at(-1)?.startTime).toBe(1200);
  });

  it('reads a missing log group as empty', async () => {
    logsMock.on(FilterLogEventsCommand).rejects(Object.assign(new Error('The specified log group does not exist.'), { name: 'ResourceNotFoundException' }));
    const tail = new LogTail(new CloudWatchLogsClient({ region: 'us-east-1' }), { logGroupName: '/aws/lambda/x', startTime: 0 });
    expect(await tail.read()).toEqual([]);
  });

  it('marks nothing as read when a page fails, so the next read returns those events', async () => {
    const tail = new LogTail(new CloudWatchLogsClient({ region: 'us-east-1' }), { logGroupName: '/g', startTime: 0 });
    for (let i = 0; i < 5; i++) group.add(`e${i}`, 100 + i);
    let calls = 0;
    logsMock.on(FilterLogEventsCommand).callsFake((input) => {
      if (++calls === 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      return group.filter(input);
    });
    await expect(tail.read()).rejects.toThrow('Rate exceeded');
    expect((await tail.read()).map((e) => e.eventId)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
  });
});
