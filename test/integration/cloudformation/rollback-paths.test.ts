import {
  CancelUpdateStackCommand,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  RollbackStackCommand,
  waitUntilStackCreateComplete,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { logGroupNames } from '../../emulator/support/local-cloud.js';
import { allEvents, sequence, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

const WAITER = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };

function template(resources: Record<string, unknown>): string {
  return JSON.stringify({ Resources: resources });
}

const fail = (reason: string, failOn = 'create') => ({ 'stp:emulator': { fail: reason, failOn } });

async function deploy(cfn: CloudFormationClient, stackName: string, body: string, options: { create?: boolean; token?: string; disableRollback?: boolean } = {}): Promise<string> {
  const name = `cs-${Math.random().toString(36).slice(2, 10)}`;
  const cs = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: name, ChangeSetType: options.create ? 'CREATE' : 'UPDATE', TemplateBody: body }),
  );
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id, ClientRequestToken: options.token, DisableRollback: options.disableRollback }));
  return waitForStackToSettle(cfn, stackName);
}

async function reasonOf(cfn: CloudFormationClient, stackName: string): Promise<string | undefined> {
  return (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatusReason;
}

describe('failures and rollbacks, via the real CloudFormation client', () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud();
  });
  afterAll(async () => {
    await local.stop();
  });

  it('rolls back a failed create to ROLLBACK_COMPLETE, which only DeleteStack accepts', async () => {
    const { cfn } = local;
    const body = template({
      Good: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/rollback/good' } },
      Bad: { Type: 'AWS::SNS::Topic', DependsOn: 'Good', Metadata: fail('Topic quota exceeded') },
    });
    expect(await deploy(cfn, 'broken', body, { create: true, token: 'tok' })).toBe('ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'broken');
    expect(sequence(events).slice(1)).toEqual([
      'broken CREATE_IN_PROGRESS',
      'Good CREATE_IN_PROGRESS',
      'Good CREATE_IN_PROGRESS',
      'Good CREATE_COMPLETE',
      'Bad CREATE_IN_PROGRESS',
      'Bad CREATE_FAILED',
      'broken ROLLBACK_IN_PROGRESS',
      'Bad DELETE_IN_PROGRESS',
      'Bad DELETE_COMPLETE',
      'Good DELETE_IN_PROGRESS',
      'Good DELETE_COMPLETE',
      'broken ROLLBACK_COMPLETE',
    ]);
    expect(events.find((e) => e.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason).toBe('Topic quota exceeded');
    expect(events.find((e) => e.ResourceStatus === 'ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe(
      'The following resource(s) failed to create: [Bad]. Rollback requested by user.',
    );
    expect(events.slice(1).every((e) => e.ClientRequestToken === 'tok')).toBe(true);
    expect(await logGroupNames(local.logs, '/rollback/good')).toEqual([]);

    const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: 'broken' }))).Stacks![0]!;
    const update = await cfn.send(new CreateChangeSetCommand({ StackName: 'broken', ChangeSetName: 'again', TemplateBody: body })).catch((e: Error) => e);
    expect(update).toMatchObject({ name: 'ValidationError', message: `Stack:${StackId} is in ROLLBACK_COMPLETE state and can not be updated.` });
    await cfn.send(new DeleteStackCommand({ StackName: 'broken' }));
    expect(await waitForStackToSettle(cfn, StackId!)).toBe('DELETE_COMPLETE');
  });

  it('with DisableRollback stops at CREATE_FAILED, keeps what was created, and RollbackStack cleans up', async () => {
    const { cfn } = local;
    const body = template({
      Keep: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/rollback/kept' } },
      Bad: { Type: 'AWS::SNS::Topic', DependsOn: 'Keep', Metadata: fail('nope') },
    });
    expect(await deploy(cfn, 'norollback', body, { create: true, disableRollback: true })).toBe('CREATE_FAILED');
    expect(await reasonOf(cfn, 'norollback')).toBe('The following resource(s) failed to create: [Bad]. ');
    expect(await logGroupNames(local.logs, '/rollback/kept')).toEqual(['/rollback/kept']);
    await cfn.send(new RollbackStackCommand({ StackName: 'norollback' }));
    expect(await waitForStackToSettle(cfn, 'norollback')).toBe('ROLLBACK_COMPLETE');
    expect(await logGroupNames(local.logs, '/rollback/kept')).toEqual([]);
  });

  it('with OnStackFailure DELETE deletes the failed stack instead of rolling it back', async () => {
    const { cfn } = local;
    const body = template({ Bad: { Type: 'AWS::SNS::Topic', Metadata: fail('no') }, Fine: { Type: 'AWS::SNS::Topic' } });
    const cs = await cfn.send(new CreateChangeSetCommand({ StackName: 'gone', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: body, OnStackFailure: 'DELETE' }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    expect(await waitForStackToSettle(cfn, cs.StackId!)).toBe('DELETE_COMPLETE');
    const statuses = (await allEvents(cfn, cs.StackId!)).filter((e) => e.LogicalResourceId === 'gone').map((e) => e.ResourceStatus);
    expect(statuses).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  });

  it('with DisableRollback stops an update at UPDATE_FAILED; RollbackStack then returns to the old template', async () => {
    const { cfn } = local;
    const v1 = template({ T: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'one' } } });
    expect(await deploy(cfn, 'upd-nr', v1, { create: true })).toBe('CREATE_COMPLETE');
    const v2 = template({ T: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'two' }, Metadata: fail('refused', 'update') } });
    expect(await deploy(cfn, 'upd-nr', v2, { disableRollback: true })).toBe('UPDATE_FAILED');
    expect(await reasonOf(cfn, 'upd-nr')).toBe('The following resource(s) failed to update: [T]. ');
    await cfn.send(new RollbackStackCommand({ StackName: 'upd-nr', ClientRequestToken: 'rb' }));
    expect(await waitForStackToSettle(cfn, 'upd-nr')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = (await allEvents(cfn, 'upd-nr')).filter((e) => e.ClientRequestToken === 'rb');
    expect(sequence(events)).toEqual([
      'upd-nr UPDATE_ROLLBACK_IN_PROGRESS',
      'T UPDATE_IN_PROGRESS',
      'T UPDATE_COMPLETE',
      'upd-nr UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'upd-nr UPDATE_ROLLBACK_COMPLETE',
    ]);
  });

  it('rolls back a failed update (UPDATE_ROLLBACK_COMPLETE stays updatable)', async () => {
    const { cfn } = local;
    const v1 = template({ Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/u/one', RetentionInDays: 7 } } });
    expect(await deploy(cfn, 'upd', v1, { create: true })).toBe('CREATE_COMPLETE');
    const v2 = template({
      Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/u/one', RetentionInDays: 14 } },
      Extra: { Type: 'AWS::SNS::Topic', DependsOn: 'Logs', Metadata: fail('cannot create Extra') },
    });
    expect(await deploy(cfn, 'upd', v2)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'upd');
    const update = events.slice(events.findIndex((e) => e.ResourceStatus === 'UPDATE_IN_PROGRESS'));
    expect(sequence(update)).toEqual([
      'upd UPDATE_IN_PROGRESS',
      'Logs UPDATE_IN_PROGRESS',
      'Logs UPDATE_COMPLETE',
      'Extra CREATE_IN_PROGRESS',
      'Extra CREATE_FAILED',
      'upd UPDATE_ROLLBACK_IN_PROGRESS',
      'Logs UPDATE_IN_PROGRESS',
      'Logs UPDATE_COMPLETE',
      'upd UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'Extra DELETE_IN_PROGRESS',
      'Extra DELETE_COMPLETE',
      'upd UPDATE_ROLLBACK_COMPLETE',
    ]);
    expect(update.find((e) => e.ResourceStatus === 'UPDATE_ROLLBACK_IN_PROGRESS')?.ResourceStatusReason).toBe('The following resource(s) failed to create: [Extra]. ');
    // Back on the old template; and UPDATE_ROLLBACK_COMPLETE accepts a new update.
    expect(await deploy(cfn, 'upd', template({ Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/u/one', RetentionInDays: 30 } } }))).toBe('UPDATE_COMPLETE');
  });

  it('refuses to replace a custom-named resource whose name stays the same, as CloudFormation does', async () => {
    const { cfn } = local;
    const v1 = template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'fixed-name', FifoQueue: false } } });
    expect(await deploy(cfn, 'named', v1, { create: true })).toBe('CREATE_COMPLETE');
    // FifoQueue forces a replacement, but the new queue would reuse the name.
    const v2 = template({ Q: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'fixed-name', FifoQueue: true } } });
    expect(await deploy(cfn, 'named', v2)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const failed = (await allEvents(cfn, 'named')).find((e) => e.ResourceStatus === 'UPDATE_FAILED');
    expect(failed?.ResourceStatusReason).toBe('CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename fixed-name and update the stack again.');
  });

  it('reaches UPDATE_ROLLBACK_FAILED when a revert fails, and ContinueUpdateRollback with ResourcesToSkip finishes it', async () => {
    const { cfn } = local;
    const v1 = template({
      First: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'one' } },
      Second: { Type: 'AWS::SNS::Topic', DependsOn: 'First', Properties: { DisplayName: 'one' } },
    });
    expect(await deploy(cfn, 'stuck', v1, { create: true })).toBe('CREATE_COMPLETE');
    const v2 = template({
      First: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'two' }, Metadata: fail('revert refused', 'rollback') },
      Second: { Type: 'AWS::SNS::Topic', DependsOn: 'First', Properties: { DisplayName: 'two' }, Metadata: fail('update refused', 'update') },
    });
    expect(await deploy(cfn, 'stuck', v2)).toBe('UPDATE_ROLLBACK_FAILED');
    expect(await reasonOf(cfn, 'stuck')).toBe('The following resource(s) failed to update: [First]. ');
    const failedEvents = await allEvents(cfn, 'stuck');
    expect(failedEvents.filter((e) => e.ResourceStatus === 'UPDATE_FAILED').map((e) => [e.LogicalResourceId, e.ResourceStatusReason])).toEqual([
      ['Second', 'update refused'],
      ['First', 'revert refused'],
    ]);

    // Still failing without a skip: it stays UPDATE_ROLLBACK_FAILED.
    await cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'stuck' }));
    expect(await waitForStackToSettle(cfn, 'stuck')).toBe('UPDATE_ROLLBACK_FAILED');
    const wrongSkip = await cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'stuck', ResourcesToSkip: ['Unknown'] })).catch((e: Error) => e);
    expect(wrongSkip).toMatchObject({ name: 'ValidationError' });

    await cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'stuck', ResourcesToSkip: ['First'], ClientRequestToken: 'continue' }));
    expect(await waitForStackToSettle(cfn, 'stuck')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'stuck');
    const resumed = events.filter((e) => e.ClientRequestToken === 'continue');
    expect(sequence(resumed)).toEqual([
      'stuck UPDATE_ROLLBACK_IN_PROGRESS',
      'First UPDATE_COMPLETE',
      // Second depends on First, so its revert waited for First and runs now.
      'Second UPDATE_IN_PROGRESS',
      'Second UPDATE_COMPLETE',
      'stuck UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'stuck UPDATE_ROLLBACK_COMPLETE',
    ]);
    const notAgain = await cfn.send(new ContinueUpdateRollbackCommand({ StackName: 'stuck' })).catch((e: Error) => e);
    expect(notAgain).toMatchObject({ name: 'ValidationError', message: 'ContinueUpdateRollback cannot be called from current stack status' });
  });

  it('CancelUpdateStack during UPDATE_IN_PROGRESS rolls the update back, and is refused otherwise', async () => {
    const { cfn } = local;
    const db = (size: string, metadata?: Record<string, unknown>) =>
      template({ Db: { Type: 'AWS::RDS::DBInstance', Metadata: metadata, Properties: { DBInstanceClass: size, Engine: 'postgres', AllocatedStorage: '20' } } });
    expect(await deploy(cfn, 'slow', db('db.t3.micro'), { create: true })).toBe('CREATE_COMPLETE');
    const refused = await cfn.send(new CancelUpdateStackCommand({ StackName: 'slow' })).catch((e: Error) => e);
    expect(refused).toMatchObject({ name: 'ValidationError', message: 'CancelUpdateStack cannot be called from current stack status' });

    // An hour-long (3.6 s here) update leaves time to cancel it.
    const cs = await cfn.send(new CreateChangeSetCommand({ StackName: 'slow', ChangeSetName: 'bigger', TemplateBody: db('db.t3.large', { 'stp:emulator': { latencySeconds: 3600 } }) }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    for (;;) {
      const latest = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'slow' }))).StackEvents?.[0];
      if (latest?.LogicalResourceId === 'Db' && latest.ResourceStatus === 'UPDATE_IN_PROGRESS') break;
    }
    await cfn.send(new CancelUpdateStackCommand({ StackName: 'slow', ClientRequestToken: 'cancel-token' }));
    expect(await waitForStackToSettle(cfn, 'slow')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'slow');
    const update = events.slice(events.findIndex((e) => e.ResourceStatus === 'UPDATE_IN_PROGRESS'));
    expect(sequence(update)).toEqual([
      'slow UPDATE_IN_PROGRESS',
      'Db UPDATE_IN_PROGRESS',
      'Db UPDATE_FAILED',
      'slow UPDATE_ROLLBACK_IN_PROGRESS',
      'Db UPDATE_IN_PROGRESS',
      'Db UPDATE_COMPLETE',
      'slow UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'slow UPDATE_ROLLBACK_COMPLETE',
    ]);
    expect(update.find((e) => e.ResourceStatus === 'UPDATE_FAILED')?.ResourceStatusReason).toBe('Resource update cancelled');
    expect(update.slice(3).every((e) => e.ClientRequestToken === 'cancel-token')).toBe(true);
  });

  it('refuses to update or delete a busy stack with CloudFormation texts', async () => {
    const { cfn } = local;
    // An hour-long create (3.6 s at this time scale) keeps the stack busy while the calls are made.
    const db = template({ Db: { Type: 'AWS::RDS::DBInstance', Metadata: { 'stp:emulator': { latencySeconds: 3600 } }, Properties: { DBInstanceClass: 'db.t3.micro', Engine: 'postgres' } } });
    const cs = await cfn.send(new CreateChangeSetCommand({ StackName: 'busy', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: db }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    const update = await cfn.send(new CreateChangeSetCommand({ StackName: 'busy', ChangeSetName: 'u', TemplateBody: db })).catch((e: Error) => e);
    expect(update).toMatchObject({ name: 'ValidationError', message: `Stack:${cs.StackId} is in CREATE_IN_PROGRESS state and can not be updated.` });
    const remove = await cfn.send(new DeleteStackCommand({ StackName: 'busy' })).catch((e: Error) => e);
    expect(remove).toMatchObject({ name: 'ValidationError', message: `Stack [${cs.StackId}] cannot be deleted while in status CREATE_IN_PROGRESS` });
    await waitUntilStackCreateComplete({ client: cfn, ...WAITER }, { StackName: 'busy' });
  });

  it('finishes an update whose cleanup cannot delete a removed resource with "Update successful. One or more resources could not be deleted."', async () => {
    const { cfn, s3 } = local;
    const v1 = template({ Data: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'stp-removed-bucket' } }, T: { Type: 'AWS::SNS::Topic' } });
    expect(await deploy(cfn, 'cleanup', v1, { create: true })).toBe('CREATE_COMPLETE');
    await s3.send(new PutObjectCommand({ Bucket: 'stp-removed-bucket', Key: 'k', Body: 'x' }));
    expect(await deploy(cfn, 'cleanup', template({ T: { Type: 'AWS::SNS::Topic' } }))).toBe('UPDATE_COMPLETE');
    expect(await reasonOf(cfn, 'cleanup')).toBe('Update successful. One or more resources could not be deleted.');
    const last = (await allEvents(cfn, 'cleanup')).filter((e) => e.LogicalResourceId === 'Data').at(-1);
    expect(last?.ResourceStatus).toBe('DELETE_FAILED');
  });

  it('DELETE_FAILED on a non-empty bucket; RetainResources then skips it; DeletionPolicy Retain keeps resources', async () => {
    const { cfn, s3 } = local;
    const body = template({
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'stp-full-bucket' } },
      Kept: { Type: 'AWS::Logs::LogGroup', DeletionPolicy: 'Retain', Properties: { LogGroupName: '/retained/group' } },
    });
    expect(await deploy(cfn, 'holds-data', body, { create: true })).toBe('CREATE_COMPLETE');
    await s3.send(new PutObjectCommand({ Bucket: 'stp-full-bucket', Key: 'data.txt', Body: 'keep me' }));
    await cfn.send(new DeleteStackCommand({ StackName: 'holds-data' }));
    expect(await waitForStackToSettle(cfn, 'holds-data')).toBe('DELETE_FAILED');
    expect(await reasonOf(cfn, 'holds-data')).toBe('The following resource(s) failed to delete: [Bucket]. ');
    const events = await allEvents(cfn, 'holds-data');
    expect(events.find((e) => e.ResourceStatus === 'DELETE_FAILED' && e.LogicalResourceId === 'Bucket')?.ResourceStatusReason).toMatch(
      /^Resource handler returned message: "The bucket you tried to delete is not empty \(Service: S3, Status Code: 409, Request ID: \w+\)" \(RequestToken: [0-9a-f-]+, HandlerErrorCode: GeneralServiceException\)$/,
    );
    expect(events.find((e) => e.LogicalResourceId === 'Kept' && e.ResourceStatus?.startsWith('DELETE'))?.ResourceStatus).toBe('DELETE_SKIPPED');

    const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: 'holds-data' }))).Stacks![0]!;
    await cfn.send(new DeleteStackCommand({ StackName: 'holds-data', RetainResources: ['Bucket'] }));
    expect(await waitForStackToSettle(cfn, StackId!)).toBe('DELETE_COMPLETE');
    const after = await allEvents(cfn, StackId!);
    expect(after.filter((e) => e.LogicalResourceId === 'Bucket').at(-1)?.ResourceStatus).toBe('DELETE_SKIPPED');
    const kept = await s3.send(new ListObjectsV2Command({ Bucket: 'stp-full-bucket' }));
    expect(kept.Contents?.map((object) => object.Key)).toEqual(['data.txt']);
    expect(await logGroupNames(local.logs, '/retained/group')).toEqual(['/retained/group']);
  });
});
