/**
 * What the local CloudFormation answers like AWS where no recorded AWS response exists to replay
 * (the conformance suite covers the recorded ones): unknown types and properties, GetAtt of a
 * missing attribute in properties, DeletionTime, RetainResources without a physical ID, and the
 * console operations that used to answer "not supported".
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeAccountLimitsCommand,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DescribeTypeCommand,
  DetectStackDriftCommand,
  ExecuteChangeSetCommand,
  UpdateTerminationProtectionCommand,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: Error) => error,
  );
}

describe('the local CloudFormation where AWS has no recording to replay', () => {
  let local: CfnLocalCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    // A resource that fails to create (so it never gets a physical ID) and always fails to delete.
    local = await startCfnLocalCloud({
      faults: {
        rules: [
          { type: 'fail-resource', logicalId: 'Stuck', action: 'Create', reason: 'Simulated create failure' },
          { type: 'fail-resource', logicalId: 'Stuck', action: 'Delete', reason: 'Simulated delete failure' },
        ],
      },
    });
    cfn = local.cfn;
  });
  afterAll(async () => {
    await local.stop();
  });

  async function deploy(name: string, template: unknown): Promise<string> {
    const created = await cfn.send(new CreateChangeSetCommand({ StackName: name, ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(template) }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
    return waitForStackToSettle(cfn, name);
  }

  async function reasons(name: string): Promise<string[]> {
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: name }))).StackEvents ?? [];
    return events.filter((event) => event.ResourceStatus?.endsWith('FAILED') || event.ResourceStatus === 'ROLLBACK_IN_PROGRESS').map((event) => `${event.LogicalResourceId} ${event.ResourceStatus} ${event.ResourceStatusReason}`);
  }

  it('refuses a resource type AWS does not know at CreateChangeSet', async () => {
    const error = await failure(cfn.send(new CreateChangeSetCommand({ StackName: 'nope', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify({ Resources: { X: { Type: 'AWS::Nope::Thing' }, Y: { Type: 'AWS::SNS::Topic' } } }) })));
    expect([error.name, error.message]).toEqual(['ValidationError', 'Template format error: Unrecognized resource types: [AWS::Nope::Thing]']);
  });

  it('fails a resource with a property its type does not have, and rolls back', async () => {
    expect(await deploy('unknown-prop', { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 't', Colour: 'blue' } } } })).toBe('ROLLBACK_COMPLETE');
    expect(await reasons('unknown-prop')).toEqual([
      'unknown-prop ROLLBACK_IN_PROGRESS The following resource(s) failed to create: [Topic]. Rollback requested by user.',
      'Topic CREATE_FAILED Property validation failure: [Encountered unsupported properties in {/}: [Colour]]',
    ]);
    // Rolled back from a failed create: AWS stamps DeletionTime.
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'unknown-prop' }))).Stacks?.[0]?.DeletionTime).toBeInstanceOf(Date);
  });

  it('fails the create before any resource when a property reads an attribute the type lacks', async () => {
    const template = {
      Resources: {
        Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } },
        Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['Param', 'Colour'] } } },
      },
    };
    expect(await deploy('bad-getatt', template)).toBe('ROLLBACK_COMPLETE');
    expect(await reasons('bad-getatt')).toEqual([
      'bad-getatt ROLLBACK_IN_PROGRESS [Error] /Resources/Topic/Properties/DisplayName/Fn::GetAtt: Resource type AWS::SSM::Parameter does not support attribute {Colour}. Rollback requested by user.',
    ]);
  });

  it('reads a property through Fn::GetAtt, names SSM parameters as AWS does and honours their Name', async () => {
    const template = {
      Resources: {
        Named: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/app/colour', Type: 'String', Value: 'blue' } },
        Unnamed: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: { 'Fn::GetAtt': ['Named', 'Value'] } } },
      },
      Outputs: { Named: { Value: { Ref: 'Named' } }, Unnamed: { Value: { Ref: 'Unnamed' } }, Value: { Value: { 'Fn::GetAtt': ['Unnamed', 'Value'] } } },
    };
    expect(await deploy('params', template)).toBe('CREATE_COMPLETE');
    const outputs = Object.fromEntries(((await cfn.send(new DescribeStacksCommand({ StackName: 'params' }))).Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey, o.OutputValue]));
    expect(outputs.Named).toBe('/app/colour');
    expect(outputs.Unnamed).toMatch(/^CFN-Unnamed-[A-Za-z0-9]{12}$/);
    expect(outputs.Value).toBe('blue');
  });

  it('deletes with RetainResources a resource that never got a physical ID, and shows DeletionTime on DELETE_FAILED', async () => {
    const template = { Resources: { Stuck: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'stuck' } } } };
    await cfn.send(new CreateStackCommand({ StackName: 'blocked', TemplateBody: JSON.stringify(template), DisableRollback: true }));
    expect(await waitForStackToSettle(cfn, 'blocked')).toBe('CREATE_FAILED');
    await cfn.send(new DeleteStackCommand({ StackName: 'blocked' }));
    expect(await waitForStackToSettle(cfn, 'blocked')).toBe('DELETE_FAILED');
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'blocked' }))).Stacks?.[0]?.DeletionTime).toBeInstanceOf(Date);
    const stackId = (await cfn.send(new DescribeStacksCommand({ StackName: 'blocked' }))).Stacks![0]!.StackId!;
    await cfn.send(new DeleteStackCommand({ StackName: 'blocked', RetainResources: ['Stuck'] }));
    expect(await waitForStackToSettle(cfn, stackId)).toBe('DELETE_COMPLETE');
    const last = (await cfn.send(new DescribeStackEventsCommand({ StackName: stackId }))).StackEvents!.slice(0, 3).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus} ${e.PhysicalResourceId}`);
    expect(last).toEqual(['blocked DELETE_COMPLETE ' + stackId, 'Stuck DELETE_SKIPPED ', 'blocked DELETE_IN_PROGRESS ' + stackId]);
  });

  it('answers the console operations: termination protection, drift, DescribeType, DescribeAccountLimits', async () => {
    expect(await deploy('console', { Resources: { Topic: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'console' } } } })).toBe('CREATE_COMPLETE');
    await cfn.send(new UpdateTerminationProtectionCommand({ StackName: 'console', EnableTerminationProtection: true }));
    const refused = await failure(cfn.send(new DeleteStackCommand({ StackName: 'console' })));
    expect([refused.name, refused.message]).toEqual(['ValidationError', 'Stack [console] cannot be deleted while TerminationProtection is enabled']);

    const { StackDriftDetectionId } = await cfn.send(new DetectStackDriftCommand({ StackName: 'console' }));
    const status = await cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId }));
    expect(status).toMatchObject({ DetectionStatus: 'DETECTION_COMPLETE', StackDriftStatus: 'IN_SYNC', DriftedStackResourceCount: 0 });
    const drifts = await cfn.send(new DescribeStackResourceDriftsCommand({ StackName: 'console' }));
    expect(drifts.StackResourceDrifts?.map((d) => [d.LogicalResourceId, d.StackResourceDriftStatus, d.ActualProperties])).toEqual([['Topic', 'IN_SYNC', '{"TopicName":"console"}']]);
    expect((await cfn.send(new DescribeStacksCommand({ StackName: 'console' }))).Stacks?.[0]?.DriftInformation?.StackDriftStatus).toBe('IN_SYNC');

    const type = await cfn.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::SSM::Parameter' }));
    expect(type).toMatchObject({ Type: 'RESOURCE', TypeName: 'AWS::SSM::Parameter', Arn: 'arn:aws:cloudformation:us-east-1::type/resource/AWS-SSM-Parameter' });
    expect(JSON.parse(type.Schema!).required).toEqual(['Type', 'Value']);
    const missing = await failure(cfn.send(new DescribeTypeCommand({ Type: 'RESOURCE', TypeName: 'AWS::Nope::Thing' })));
    expect(missing.name).toBe('TypeNotFoundException');

    const limits = await cfn.send(new DescribeAccountLimitsCommand({}));
    expect(limits.AccountLimits).toContainEqual({ Name: 'StackLimit', Value: 2000 });
  });

  it('does not list a reader of a recorded-only type\'s attribute when nothing it reads changed', async () => {
    const template = (display: string) => ({
      Resources: {
        Project: {
          Type: 'AWS::CodeBuild::Project',
          Properties: {
            Artifacts: { Type: 'NO_ARTIFACTS' },
            Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' },
            ServiceRole: 'arn:aws:iam::000000000000:role/build',
            Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' },
          },
        },
        Reader: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['Project', 'Arn'] } } },
        Other: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: display } },
      },
    });
    expect(await deploy('synthesized', template('one'))).toBe('CREATE_COMPLETE');
    const update = await cfn.send(new CreateChangeSetCommand({ StackName: 'synthesized', ChangeSetName: 'u', TemplateBody: JSON.stringify(template('two')) }));
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: update.Id }));
    expect(described.Changes?.map((c) => c.ResourceChange?.LogicalResourceId)).toEqual(['Other']);
  });

  it('starts a direct CreateStack at CREATE_IN_PROGRESS and shows no LastUpdatedTime or ChangeSetId until an update', async () => {
    await cfn.send(new CreateStackCommand({ StackName: 'direct', TemplateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }) }));
    expect(await waitForStackToSettle(cfn, 'direct')).toBe('CREATE_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'direct' }))).StackEvents!.reverse();
    expect(events.filter((e) => e.LogicalResourceId === 'direct').map((e) => e.ResourceStatus)).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(events.filter((e) => e.LogicalResourceId === 'Topic').every((e) => e.ResourceProperties !== undefined)).toBe(true);
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: 'direct' }))).Stacks![0]!;
    expect([stack.LastUpdatedTime, stack.ChangeSetId]).toEqual([undefined, undefined]);
  });

  it('rolls an update back before any resource when it reads an attribute the type lacks', async () => {
    const template = (value: unknown) => ({ Resources: { Param: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: 'v' } }, Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: value } } } });
    expect(await deploy('bad-update', template('plain'))).toBe('CREATE_COMPLETE');
    const update = await cfn.send(new CreateChangeSetCommand({ StackName: 'bad-update', ChangeSetName: 'u', TemplateBody: JSON.stringify(template({ 'Fn::GetAtt': ['Param', 'Colour'] })) }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: update.Id }));
    expect(await waitForStackToSettle(cfn, 'bad-update')).toBe('UPDATE_ROLLBACK_COMPLETE');
    const events = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'bad-update' }))).StackEvents!;
    expect(events.slice(0, 4).map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}`)).toEqual([
      'bad-update UPDATE_ROLLBACK_COMPLETE',
      'bad-update UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'bad-update UPDATE_ROLLBACK_IN_PROGRESS',
      'bad-update UPDATE_IN_PROGRESS',
    ]);
    expect(events[2]?.ResourceStatusReason).toBe('[Error] /Resources/Topic/Properties/DisplayName/Fn::GetAtt: Resource type AWS::SSM::Parameter does not support attribute {Colour}. Rollback requested by user.');
  });
});
