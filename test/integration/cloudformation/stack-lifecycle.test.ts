import {
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  ListStackResourcesCommand,
  UpdateStackCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logGroupNames } from '../../emulator/support/local-cloud.js';
import { allEvents, sequence, startCfnLocalCloud, type CfnLocalCloud } from './cfn-local-cloud.js';

const WAITER = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };

const v1 = `
AWSTemplateFormatVersion: '2010-09-09'
Description: lifecycle test
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
  Secret:
    Type: String
    NoEcho: true
    Default: hunter2
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub 'orders-\${Stage}'
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub '/stp/\${AWS::StackName}/\${Topic.TopicName}'
      RetentionInDays: 7
Outputs:
  TopicArn:
    Value: !Ref Topic
    Export:
      Name: !Sub '\${AWS::StackName}-topic'
  LogGroup:
    Value: !GetAtt Logs.Arn
`;

describe('a stack through its life cycle, via the real CloudFormation client', () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud();
  });
  afterAll(async () => {
    await local.stop();
  });

  let stackId = '';

  it('creates a stack from a CREATE change set (REVIEW_IN_PROGRESS first) and reports it like CloudFormation', async () => {
    const { cfn } = local;
    const created = await cfn.send(new CreateChangeSetCommand({ StackName: 'life', ChangeSetName: 'create-1', ChangeSetType: 'CREATE', TemplateBody: v1 }));
    expect(created.Id).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:changeSet\/create-1\/[0-9a-f-]{36}$/);
    expect(created.StackId).toMatch(/^arn:aws:cloudformation:us-east-1:000000000000:stack\/life\/[0-9a-f-]{36}$/);
    stackId = created.StackId!;
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAITER }, { ChangeSetName: created.Id! });

    const review = await cfn.send(new DescribeStacksCommand({ StackName: 'life' }));
    expect(review.Stacks?.[0]?.StackStatus).toBe('REVIEW_IN_PROGRESS');
    const reviewEvents = await cfn.send(new DescribeStackEventsCommand({ StackName: 'life' }));
    expect(reviewEvents.StackEvents?.map((e) => [e.ResourceStatus, e.ResourceStatusReason])).toEqual([['REVIEW_IN_PROGRESS', 'User Initiated']]);

    const plain = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'create-1', StackName: 'life' }));
    expect(plain.Status).toBe('CREATE_COMPLETE');
    expect(plain.ExecutionStatus).toBe('AVAILABLE');
    expect(plain.Parameters).toEqual([
      { ParameterKey: 'Stage', ParameterValue: 'dev' },
      { ParameterKey: 'Secret', ParameterValue: '****' },
    ]);
    expect(plain.Changes?.map((c) => [c.ResourceChange?.Action, c.ResourceChange?.LogicalResourceId])).toEqual([
      ['Add', 'Topic'],
      ['Add', 'Logs'],
    ]);
    expect(plain.Changes?.[0]?.ResourceChange?.AfterContext).toBeUndefined();

    const withValues = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: created.Id, IncludePropertyValues: true }));
    const logsChange = withValues.Changes?.find((c) => c.ResourceChange?.LogicalResourceId === 'Logs')?.ResourceChange;
    expect(typeof logsChange?.AfterContext).toBe('string');
    expect(JSON.parse(logsChange!.AfterContext!)).toEqual({ Properties: { LogGroupName: '{{changeSet:KNOWN_AFTER_APPLY}}', RetentionInDays: 7 } });

    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id, ClientRequestToken: 'create-token' }));
    const result = await waitUntilStackCreateComplete({ client: cfn, ...WAITER }, { StackName: 'life' });
    expect(result.state).toBe('SUCCESS');

    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'life' }));
    const stack = Stacks![0]!;
    expect(stack.StackStatus).toBe('CREATE_COMPLETE');
    expect(stack.ChangeSetId).toBe(created.Id);
    expect(stack.LastUpdatedTime).toBeInstanceOf(Date);
    expect(stack.Description).toBe('lifecycle test');
    expect(stack.Outputs).toEqual(
      expect.arrayContaining([
        { OutputKey: 'TopicArn', OutputValue: 'arn:aws:sns:us-east-1:000000000000:orders-dev', ExportName: 'life-topic' },
        { OutputKey: 'LogGroup', OutputValue: 'arn:aws:logs:us-east-1:000000000000:log-group:/stp/life/orders-dev:*' },
      ]),
    );

    const events = await allEvents(cfn, 'life');
    expect(sequence(events)).toEqual([
      'life REVIEW_IN_PROGRESS',
      'life CREATE_IN_PROGRESS',
      'Topic CREATE_IN_PROGRESS',
      'Topic CREATE_IN_PROGRESS',
      'Topic CREATE_COMPLETE',
      'Logs CREATE_IN_PROGRESS',
      'Logs CREATE_IN_PROGRESS',
      'Logs CREATE_COMPLETE',
      'life CREATE_COMPLETE',
    ]);
    const topic = events.filter((e) => e.LogicalResourceId === 'Topic');
    expect(topic[0]).toMatchObject({ PhysicalResourceId: '', ResourceType: 'AWS::SNS::Topic' });
    expect(topic[0]?.ResourceStatusReason).toBeUndefined();
    expect(topic[1]).toMatchObject({ PhysicalResourceId: 'arn:aws:sns:us-east-1:000000000000:orders-dev', ResourceStatusReason: 'Resource creation Initiated' });
    expect(topic[2]?.EventId).toMatch(/^Topic-CREATE_COMPLETE-\d{4}-\d{2}-\d{2}T/);
    expect(events[1]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(events[1]).toMatchObject({ ResourceType: 'AWS::CloudFormation::Stack', PhysicalResourceId: stackId, ResourceStatusReason: 'User Initiated' });
    expect(events.slice(1).every((e) => e.ClientRequestToken === 'create-token')).toBe(true);
    expect(events[0]?.ClientRequestToken).toBeUndefined();

    // The log group really exists in CloudWatch Logs.
    expect(await logGroupNames(local.logs, '/stp/life/')).toEqual(['/stp/life/orders-dev']);
    const template = await cfn.send(new GetTemplateCommand({ StackName: 'life' }));
    expect(template.TemplateBody).toBe(v1);
  });

  it('updates with a replacement: Details name the cause, and the four replacement events appear', async () => {
    const { cfn } = local;
    const cs = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'life', ChangeSetName: 'to-prod', TemplateBody: v1, Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'prod' }, { ParameterKey: 'Secret', UsePreviousValue: true }] }),
    );
    const plain = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    const topic = plain.Changes?.find((c) => c.ResourceChange?.LogicalResourceId === 'Topic')?.ResourceChange;
    expect(topic).toMatchObject({ Action: 'Modify', Replacement: 'True', PolicyAction: 'ReplaceAndDelete', Scope: ['Properties'], PhysicalResourceId: 'arn:aws:sns:us-east-1:000000000000:orders-dev' });
    expect(topic?.Details).toEqual([
      { Target: { Attribute: 'Properties', Name: 'TopicName', RequiresRecreation: 'Always' }, Evaluation: 'Static', ChangeSource: 'ParameterReference', CausingEntity: 'Stage' },
      { Target: { Attribute: 'Properties', Name: 'TopicName', RequiresRecreation: 'Always' }, Evaluation: 'Dynamic', ChangeSource: 'DirectModification' },
    ]);
    const logs = plain.Changes?.find((c) => c.ResourceChange?.LogicalResourceId === 'Logs')?.ResourceChange;
    expect(logs?.Replacement).toBe('True');
    // AWS's default view names only the reference (recorded: LocalStack test_change_set_fn_get_attr.py).
    expect(logs?.Details?.map((d) => [d.ChangeSource, d.CausingEntity, d.Evaluation])).toEqual([['ResourceAttribute', 'Topic.TopicName', 'Static']]);
    const withValues = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id, IncludePropertyValues: true }));
    const target = withValues.Changes?.find((c) => c.ResourceChange?.LogicalResourceId === 'Topic')?.ResourceChange?.Details?.[0]?.Target;
    expect(target).toEqual({
      Attribute: 'Properties',
      Name: 'TopicName',
      RequiresRecreation: 'Always',
      Path: '/Properties/TopicName',
      BeforeValue: 'orders-dev',
      AfterValue: 'orders-prod',
      AttributeChangeType: 'Modify',
    });

    const before = (await allEvents(cfn, 'life')).length;
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, ClientRequestToken: 'update-token' }));
    const result = await waitUntilStackUpdateComplete({ client: cfn, ...WAITER }, { StackName: 'life' });
    expect(result.state).toBe('SUCCESS');
    const events = (await allEvents(cfn, 'life')).slice(before);
    expect(events.every((e) => e.ClientRequestToken === 'update-token')).toBe(true);
    const topicEvents = events.filter((e) => e.LogicalResourceId === 'Topic');
    expect(topicEvents.map((e) => [e.ResourceStatus, e.PhysicalResourceId, e.ResourceStatusReason])).toEqual([
      ['UPDATE_IN_PROGRESS', 'arn:aws:sns:us-east-1:000000000000:orders-dev', 'Requested update requires the creation of a new physical resource; hence creating one.'],
      ['UPDATE_IN_PROGRESS', 'arn:aws:sns:us-east-1:000000000000:orders-prod', 'Resource creation Initiated'],
      ['UPDATE_COMPLETE', 'arn:aws:sns:us-east-1:000000000000:orders-prod', undefined],
      ['DELETE_IN_PROGRESS', 'arn:aws:sns:us-east-1:000000000000:orders-dev', undefined],
      ['DELETE_COMPLETE', 'arn:aws:sns:us-east-1:000000000000:orders-dev', undefined],
    ]);
    expect(topicEvents[3]?.EventId).toMatch(/^Topic-[0-9a-f-]{36}$/);
    const stackStatuses = events.filter((e) => e.ResourceType === 'AWS::CloudFormation::Stack').map((e) => e.ResourceStatus);
    expect(stackStatuses).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE']);
    // Cleanup happens after the stack moves to UPDATE_COMPLETE_CLEANUP_IN_PROGRESS.
    const cleanupAt = events.findIndex((e) => String(e.ResourceStatus) === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS');
    expect(events.findIndex((e) => e.LogicalResourceId === 'Topic' && e.ResourceStatus === 'DELETE_IN_PROGRESS')).toBeGreaterThan(cleanupAt);
    // The old log group is gone, the new one exists.
    expect(await logGroupNames(local.logs, '/stp/life/')).toEqual(['/stp/life/orders-prod']);
    // Executing deleted the stack's other change sets, and an executed one is no longer listed
    // (recorded: LocalStack test_change_sets.py test_list_change_sets); by ARN it is EXECUTE_COMPLETE.
    const sets = await cfn.send(new ListChangeSetsCommand({ StackName: 'life' }));
    expect(sets.Summaries).toEqual([]);
    expect((await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }))).ExecutionStatus).toBe('EXECUTE_COMPLETE');
  });

  it('answers an unchanged template with a FAILED change set, and UpdateStack with "No updates are to be performed."', async () => {
    const { cfn } = local;
    const cs = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'life', ChangeSetName: 'same', TemplateBody: v1, Parameters: [{ ParameterKey: 'Stage', UsePreviousValue: true }, { ParameterKey: 'Secret', UsePreviousValue: true }] }),
    );
    const failed = await waitUntilChangeSetCreateComplete({ client: cfn, ...WAITER }, { ChangeSetName: cs.Id! }).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    expect(described).toMatchObject({
      Status: 'FAILED',
      ExecutionStatus: 'UNAVAILABLE',
      StatusReason: "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    expect(described.Changes ?? []).toEqual([]);
    const executed = await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id })).catch((error: Error) => error);
    expect(executed).toMatchObject({ name: 'InvalidChangeSetStatusException', message: `ChangeSet [${cs.Id}] cannot be executed in its current status of [FAILED]` });

    const update = await cfn
      .send(new UpdateStackCommand({ StackName: 'life', UsePreviousTemplate: true, Parameters: [{ ParameterKey: 'Stage', UsePreviousValue: true }, { ParameterKey: 'Secret', UsePreviousValue: true }] }))
      .catch((error: Error) => error);
    expect(update).toMatchObject({ name: 'ValidationError', message: 'No updates are to be performed.' });
  });

  it('pages resources and describes them', async () => {
    const { cfn } = local;
    const list = await cfn.send(new ListStackResourcesCommand({ StackName: 'life' }));
    expect(list.StackResourceSummaries?.map((r) => [r.LogicalResourceId, r.ResourceStatus]).sort()).toEqual([
      ['Logs', 'UPDATE_COMPLETE'],
      ['Topic', 'UPDATE_COMPLETE'],
    ]);
    const described = await cfn.send(new DescribeStackResourcesCommand({ StackName: 'life', LogicalResourceId: 'Logs' }));
    expect(described.StackResources?.[0]).toMatchObject({ PhysicalResourceId: '/stp/life/orders-prod', ResourceType: 'AWS::Logs::LogGroup', StackId: stackId });
  });

  it('deletes the stack; by name it is gone, by ARN it answers DELETE_COMPLETE; deleting again succeeds', async () => {
    const { cfn } = local;
    await cfn.send(new DeleteStackCommand({ StackName: 'life', ClientRequestToken: 'delete-token' }));
    const result = await waitUntilStackDeleteComplete({ client: cfn, ...WAITER }, { StackName: stackId });
    expect(result.state).toBe('SUCCESS');
    const byName = await cfn.send(new DescribeStacksCommand({ StackName: 'life' })).catch((error: Error) => error);
    expect(byName).toMatchObject({ name: 'ValidationError', message: 'Stack with id life does not exist' });
    const byArn = await cfn.send(new DescribeStacksCommand({ StackName: stackId }));
    expect(byArn.Stacks?.[0]?.StackStatus).toBe('DELETE_COMPLETE');
    expect(byArn.Stacks?.[0]?.DeletionTime).toBeInstanceOf(Date);
    const eventsByName = await cfn.send(new DescribeStackEventsCommand({ StackName: 'life' })).catch((error: Error) => error);
    expect(eventsByName).toMatchObject({ name: 'ValidationError', message: 'Stack [life] does not exist' });
    const events = await allEvents(cfn, stackId);
    const deleteEvents = events.slice(events.findIndex((e) => e.ResourceStatus === 'DELETE_IN_PROGRESS' && e.LogicalResourceId === 'life'));
    expect(sequence(deleteEvents)).toEqual(['life DELETE_IN_PROGRESS', 'Logs DELETE_IN_PROGRESS', 'Logs DELETE_COMPLETE', 'Topic DELETE_IN_PROGRESS', 'Topic DELETE_COMPLETE', 'life DELETE_COMPLETE']);
    expect(deleteEvents.every((e) => e.ClientRequestToken === 'delete-token')).toBe(true);
    expect(await logGroupNames(local.logs, '/stp/life/')).toEqual([]);
    await expect(cfn.send(new DeleteStackCommand({ StackName: 'life' }))).resolves.toBeDefined();
    const updateDeleted = await cfn.send(new CreateChangeSetCommand({ StackName: stackId, ChangeSetName: 'late', TemplateBody: v1 })).catch((e: Error) => e);
    expect(updateDeleted).toMatchObject({ name: 'ValidationError', message: `Stack:${stackId} is in DELETE_COMPLETE state and can not be updated.` });
  });

  it('uses CloudFormation error codes and texts for change-set mistakes', async () => {
    const { cfn } = local;
    const missing = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'arn:aws:cloudformation:us-east-1:000000000000:changeSet/x/00000000-0000-0000-0000-000000000000' })).catch((e: Error) => e);
    expect(missing).toMatchObject({ name: 'ChangeSetNotFoundException', $metadata: { httpStatusCode: 404 } });
    expect((missing as Error).message).toBe('ChangeSet [arn:aws:cloudformation:us-east-1:000000000000:changeSet/x/00000000-0000-0000-0000-000000000000] does not exist');
    const noStack = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'cs', StackName: 'somestack' })).catch((e: Error) => e);
    expect(noStack).toMatchObject({ name: 'ValidationError', message: 'Stack [somestack] does not exist' });
    const noName = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: 'cs' })).catch((e: Error) => e);
    expect(noName).toMatchObject({ message: 'StackName must be specified if ChangeSetName is not specified as an ARN.' });

    await cfn.send(new CreateChangeSetCommand({ StackName: 'twice', ChangeSetName: 'a', ChangeSetType: 'CREATE', TemplateBody: v1 }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: 'a', StackName: 'twice' }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAITER }, { StackName: 'twice' });
    const again = await cfn.send(new CreateChangeSetCommand({ StackName: 'twice', ChangeSetName: 'b', ChangeSetType: 'CREATE', TemplateBody: v1 })).catch((e: Error) => e);
    expect(again).toMatchObject({ name: 'ValidationError', message: 'Stack [twice] already exists and cannot be created again with the changeSet [b].' });
    const badParam = await cfn
      .send(new CreateChangeSetCommand({ StackName: 'twice', ChangeSetName: 'c', TemplateBody: v1, Parameters: [{ ParameterKey: 'Stage', ParameterValue: 'qa' }] }))
      .catch((e: Error) => e);
    expect(badParam).toMatchObject({ name: 'ValidationError', message: "Parameter 'Stage' must be one of AllowedValues" });
    const unresolved = await cfn
      .send(new CreateChangeSetCommand({ StackName: 'twice', ChangeSetName: 'd', TemplateBody: JSON.stringify({ Resources: { A: { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Nope' } } } } }) }))
      .catch((e: Error) => e);
    expect(unresolved).toMatchObject({ message: 'Template format error: Unresolved resource dependencies [Nope] in the Resources block of the template' });
    await cfn.send(new DeleteStackCommand({ StackName: 'twice' }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAITER }, { StackName: 'twice' });
  });
});
