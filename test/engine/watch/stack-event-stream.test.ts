import { CloudFormationClient, DescribeStackEventsCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { StackEventStream } from '../../../src/engine/watch/stack-event-stream.js';

const ROOT = 'arn:aws:cloudformation:us-east-1:111122223333:stack/app/1';
const NESTED = 'arn:aws:cloudformation:us-east-1:111122223333:stack/app-Net-XYZ/2';
const T0 = Date.parse('2026-01-01T12:00:00.000Z');

/** A fake DescribeStackEvents: events per stack oldest first, served newest first in pages of 2. */
class FakeEvents {
  readonly byStack = new Map<string, StackEvent[]>();
  failNextPage = 0;
  calls = 0;

  add(stackId: string, logicalId: string, status: string, second: number, extra: Partial<StackEvent> = {}): StackEvent {
    const list = this.byStack.get(stackId) ?? [];
    this.byStack.set(stackId, list);
    const event: StackEvent = {
      StackId: stackId,
      StackName: stackId === ROOT ? 'app' : 'app-Net-XYZ',
      EventId: `${logicalId}-${status}-${second}`,
      LogicalResourceId: logicalId,
      ResourceType: 'AWS::SNS::Topic',
      ResourceStatus: status as StackEvent['ResourceStatus'],
      Timestamp: new Date(T0 + second * 1000),
      ...extra,
    };
    list.push(event);
    return event;
  }

  page(stack: string, token: string | undefined): { StackEvents: StackEvent[]; NextToken?: string } {
    this.calls++;
    if (token && this.failNextPage > 0) {
      this.failNextPage--;
      throw Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    }
    const list = this.byStack.get(stack) ?? [];
    // The token is an offset from the newest event: events added meanwhile shift the next page (duplicates).
    const offset = token ? Number(token) : 0;
    const newestFirst = [...list].reverse();
    const events = newestFirst.slice(offset, offset + 2);
    return offset + 2 < newestFirst.length ? { StackEvents: events, NextToken: String(offset + 2) } : { StackEvents: events };
  }
}

describe('StackEventStream', () => {
  const cfnMock = mockClient(CloudFormationClient);
  let fake: FakeEvents;
  beforeEach(() => {
    cfnMock.reset();
    fake = new FakeEvents();
    cfnMock.on(DescribeStackEventsCommand).callsFake((input: { StackName: string; NextToken?: string }) => fake.page(input.StackName, input.NextToken));
  });
  const stream = (options: { token?: string; sinceSecond?: number } = {}) =>
    new StackEventStream({
      cfn: new CloudFormationClient({ region: 'us-east-1' }),
      stack: ROOT,
      since: new Date(T0 + (options.sinceSecond ?? 10) * 1000),
      owners: { Topic: 'topic' },
      ...(options.token ? { clientRequestToken: options.token } : {}),
    });

  it('pages back to the operation start, returns its events oldest first, and stops at the last seen EventId next time', async () => {
    fake.add(ROOT, 'Old', 'CREATE_COMPLETE', 1);
    fake.add(ROOT, 'app', 'UPDATE_IN_PROGRESS', 10, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: ROOT });
    fake.add(ROOT, 'Topic', 'UPDATE_IN_PROGRESS', 11);
    fake.add(ROOT, 'Topic', 'UPDATE_COMPLETE', 12);
    fake.add(ROOT, 'Queue', 'UPDATE_IN_PROGRESS', 13);
    const s = stream();
    const first = await s.read();
    expect(first.map((e) => e.eventId)).toEqual(['app-UPDATE_IN_PROGRESS-10', 'Topic-UPDATE_IN_PROGRESS-11', 'Topic-UPDATE_COMPLETE-12', 'Queue-UPDATE_IN_PROGRESS-13']);
    expect(first[1]).toEqual({
      eventId: 'Topic-UPDATE_IN_PROGRESS-11',
      stackName: 'app',
      stackId: ROOT,
      logicalId: 'Topic',
      resourceType: 'AWS::SNS::Topic',
      status: 'UPDATE_IN_PROGRESS',
      at: '2026-01-01T12:00:11.000Z',
      owner: 'topic',
      depth: 0,
    });

    fake.calls = 0;
    fake.add(ROOT, 'Queue', 'UPDATE_COMPLETE', 14);
    const second = await s.read();
    expect(second.map((e) => e.eventId)).toEqual(['Queue-UPDATE_COMPLETE-14']);
    // One page: the newest seen EventId is on it.
    expect(fake.calls).toBe(1);
    expect(await s.read()).toEqual([]);
  });

  it('reports nothing twice when the pages shift while it reads, and loses nothing when a page fails', async () => {
    for (let i = 0; i < 7; i++) fake.add(ROOT, `R${i}`, 'CREATE_COMPLETE', 20 + i);
    const s = stream();
    // A page beyond the first fails: the read fails as a whole and marks nothing as read.
    fake.failNextPage = 1;
    await expect(s.read()).rejects.toThrow('Rate exceeded');
    // Events arrive between the pages of the next read (shifting the offset-based pages by one).
    let injected = false;
    cfnMock.on(DescribeStackEventsCommand).callsFake((input: { StackName: string; NextToken?: string }) => {
      const page = fake.page(input.StackName, input.NextToken);
      if (!injected) {
        injected = true;
        fake.add(ROOT, 'Late', 'CREATE_COMPLETE', 40);
      }
      return page;
    });
    const read = await s.read();
    expect(read.map((e) => e.logicalId)).toEqual(['R0', 'R1', 'R2', 'R3', 'R4', 'R5', 'R6']);
    const next = await s.read();
    expect(next.map((e) => e.logicalId)).toEqual(['Late']);
  });

  it('with a ClientRequestToken keeps the operation\'s events (and untokened ones from since on), not another operation\'s', async () => {
    fake.add(ROOT, 'Before', 'UPDATE_COMPLETE', 5, { ClientRequestToken: 'tok-1' });
    fake.add(ROOT, 'Other', 'UPDATE_COMPLETE', 11, { ClientRequestToken: 'someone-else' });
    fake.add(ROOT, 'Mine', 'UPDATE_IN_PROGRESS', 12, { ClientRequestToken: 'tok-1' });
    fake.add(ROOT, 'NoToken', 'UPDATE_COMPLETE', 13);
    // Clocks differ: an event of ours stamped a little before `since` still counts.
    const s = stream({ token: 'tok-1', sinceSecond: 8 });
    expect((await s.read()).map((e) => e.logicalId)).toEqual(['Before', 'Mine', 'NoToken']);
  });

  it("reads a nested stack from when its parent began on it, by CloudFormation's clock, whatever the local clock said", async () => {
    fake.add(NESTED, 'OldVpc', 'UPDATE_COMPLETE', 2);
    fake.add(ROOT, 'Net', 'UPDATE_IN_PROGRESS', 11, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ClientRequestToken: 'tok-1' });
    fake.add(NESTED, 'app-Net-XYZ', 'UPDATE_IN_PROGRESS', 12, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED });
    fake.add(NESTED, 'Vpc', 'UPDATE_COMPLETE', 13);
    // The local clock ran 3 s ahead: `since` is later than the operation's first events.
    const s = stream({ token: 'tok-1', sinceSecond: 14 });
    expect((await s.read()).map((e) => `${e.depth} ${e.logicalId}`)).toEqual(['0 Net', '1 app-Net-XYZ', '1 Vpc']);
  });

  it('follows a nested stack from its parent\'s AWS::CloudFormation::Stack event, one level deeper', async () => {
    fake.add(ROOT, 'Net', 'CREATE_IN_PROGRESS', 11, { ResourceType: 'AWS::CloudFormation::Stack' });
    fake.add(NESTED, 'app-Net-XYZ', 'CREATE_IN_PROGRESS', 12, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED });
    fake.add(ROOT, 'Net', 'CREATE_IN_PROGRESS', 12, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED, ResourceStatusReason: 'Resource creation Initiated' });
    fake.add(NESTED, 'Vpc', 'CREATE_IN_PROGRESS', 13);
    const s = stream();
    const first = await s.read();
    expect(first.map((e) => `${e.depth} ${e.logicalId} ${e.status}`)).toEqual([
      '0 Net CREATE_IN_PROGRESS',
      '1 app-Net-XYZ CREATE_IN_PROGRESS',
      '0 Net CREATE_IN_PROGRESS',
      '1 Vpc CREATE_IN_PROGRESS',
    ]);
    fake.add(NESTED, 'Vpc', 'CREATE_COMPLETE', 14);
    fake.add(NESTED, 'app-Net-XYZ', 'CREATE_COMPLETE', 15, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED });
    fake.add(ROOT, 'Net', 'CREATE_COMPLETE', 16, { ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: NESTED });
    const second = await s.read();
    expect(second.map((e) => `${e.depth} ${e.logicalId} ${e.status}`)).toEqual(['1 Vpc CREATE_COMPLETE', '1 app-Net-XYZ CREATE_COMPLETE', '0 Net CREATE_COMPLETE']);
    // The nested stack finished: it is no longer read.
    fake.calls = 0;
    await s.read();
    expect(fake.calls).toBe(1);
  });

  it("keeps the resolved ResourceProperties of the resources asked for, and never puts them in a record", async () => {
    fake.add(ROOT, 'Script', 'CREATE_IN_PROGRESS', 11, { ResourceType: 'Custom::StpDeploymentScript', ResourceProperties: JSON.stringify({ Trigger: 'after:deploy', ScriptFunctionName: 'app-dev-migrate' }) });
    fake.add(ROOT, 'Topic', 'CREATE_IN_PROGRESS', 12, { ResourceProperties: JSON.stringify({ TopicName: 'secret-ish' }) });
    const s = new StackEventStream({ cfn: new CloudFormationClient({ region: 'us-east-1' }), stack: ROOT, since: new Date(T0 + 10_000), owners: {}, propertiesOf: ['Script'] });
    const records = await s.read();
    expect(s.resourceProperties('Script')).toEqual({ Trigger: 'after:deploy', ScriptFunctionName: 'app-dev-migrate' });
    expect(s.resourceProperties('Topic')).toBeUndefined();
    expect(JSON.stringify(records)).not.toContain('app-dev-migrate');
    expect(JSON.stringify(records)).not.toContain('secret-ish');
  });
});

