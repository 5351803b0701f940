import { CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { findCurrentOperation } from '../../../src/engine/watch/current-operation.js';

const STACK = 'arn:aws:cloudformation:us-east-1:1:stack/app/1';
const T = Date.parse('2026-01-01T12:00:00.000Z');
let n = 0;
function own(status: string, token?: string): StackEvent {
  n++;
  return { StackId: STACK, StackName: 'app', EventId: `own-${n}`, LogicalResourceId: 'app', PhysicalResourceId: STACK, ResourceType: 'AWS::CloudFormation::Stack', ResourceStatus: status as StackEvent['ResourceStatus'], Timestamp: new Date(T + n * 1000), ...(token ? { ClientRequestToken: token } : {}) };
}
function resource(status: string, token?: string): StackEvent {
  n++;
  return { StackId: STACK, StackName: 'app', EventId: `r-${n}`, LogicalResourceId: 'Fn', PhysicalResourceId: 'fn', ResourceType: 'AWS::Lambda::Function', ResourceStatus: status as StackEvent['ResourceStatus'], Timestamp: new Date(T + n * 1000), ...(token ? { ClientRequestToken: token } : {}) };
}

describe('findCurrentOperation', () => {
  const cfn = mockClient(CloudFormationClient);
  afterEach(() => cfn.reset());
  const given = (status: string, oldestFirst: StackEvent[]) => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackId: STACK, StackName: 'app', StackStatus: status as never, CreationTime: new Date(T) }] });
    // Newest first, in pages of 3.
    const newest = [...oldestFirst].reverse();
    cfn.on(DescribeStackEventsCommand).callsFake((input: { NextToken?: string }) => {
      const offset = Number(input.NextToken ?? 0);
      return { StackEvents: newest.slice(offset, offset + 3), ...(offset + 3 < newest.length ? { NextToken: String(offset + 3) } : {}) };
    });
  };
  const client = () => new CloudFormationClient({ region: 'us-east-1' });

  it('walks back over the rollback of a failing update to the update that began it', async () => {
    const history = [own('REVIEW_IN_PROGRESS'), own('CREATE_IN_PROGRESS', 'a'), resource('CREATE_COMPLETE', 'a'), own('CREATE_COMPLETE', 'a')];
    const began = own('UPDATE_IN_PROGRESS', 'b');
    given('UPDATE_ROLLBACK_IN_PROGRESS', [...history, began, resource('UPDATE_IN_PROGRESS', 'b'), resource('UPDATE_FAILED', 'b'), own('UPDATE_ROLLBACK_IN_PROGRESS', 'b'), resource('UPDATE_IN_PROGRESS', 'b')]);
    expect(await findCurrentOperation(client(), 'app')).toEqual({
      stackId: STACK,
      stackName: 'app',
      status: 'UPDATE_ROLLBACK_IN_PROGRESS',
      inProgress: true,
      since: began.Timestamp,
      clientRequestToken: 'b',
      beganWith: 'UPDATE_IN_PROGRESS',
    });
  });

  it('a ContinueUpdateRollback begins its own operation after UPDATE_ROLLBACK_FAILED', async () => {
    const began = own('UPDATE_ROLLBACK_IN_PROGRESS', 'c');
    given('UPDATE_ROLLBACK_IN_PROGRESS', [own('UPDATE_IN_PROGRESS', 'b'), own('UPDATE_ROLLBACK_IN_PROGRESS', 'b'), own('UPDATE_ROLLBACK_FAILED', 'b'), began, resource('UPDATE_IN_PROGRESS', 'c')]);
    expect(await findCurrentOperation(client(), 'app')).toMatchObject({ inProgress: true, since: began.Timestamp, clientRequestToken: 'c', beganWith: 'UPDATE_ROLLBACK_IN_PROGRESS' });
  });

  it('a first create begins after the review, and a settled stack has nothing to attach to', async () => {
    const began = own('CREATE_IN_PROGRESS');
    given('CREATE_IN_PROGRESS', [own('REVIEW_IN_PROGRESS'), began, resource('CREATE_IN_PROGRESS')]);
    expect(await findCurrentOperation(client(), 'app')).toMatchObject({ inProgress: true, since: began.Timestamp, beganWith: 'CREATE_IN_PROGRESS' });
    expect((await findCurrentOperation(client(), 'app')).clientRequestToken).toBeUndefined();
    cfn.reset();
    given('UPDATE_COMPLETE', [own('UPDATE_IN_PROGRESS'), own('UPDATE_COMPLETE')]);
    expect(await findCurrentOperation(client(), 'app')).toEqual({ stackId: STACK, stackName: 'app', status: 'UPDATE_COMPLETE', inProgress: false });
    expect(cfn.commandCalls(DescribeStackEventsCommand)).toHaveLength(0);
  });
});
