import {
  CancelUpdateStackCommand,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allEvents, sequence, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

/**
 * A real custom-resource handler (runs in the emulator's Lambda): it answers through the
 * ResponseURL like cfn-response does, echoing what CloudFormation sent so the test can check it.
 */
const HANDLER = `
exports.handler = async (event) => {
  console.log('request', event.RequestType, event.LogicalResourceId);
  const props = event.ResourceProperties;
  if (props.Silent === 'true') return;
  const failed = props.Fail === 'true' && event.RequestType !== 'Delete';
  const body = JSON.stringify({
    Status: failed ? 'FAILED' : 'SUCCESS',
    Reason: failed ? 'the greeting service is down' : undefined,
    PhysicalResourceId: event.PhysicalResourceId || ('greeting-' + props.Name),
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: {
      Greeting: 'hello ' + props.Name,
      RequestType: event.RequestType,
      OldName: event.OldResourceProperties ? event.OldResourceProperties.Name : 'none',
      ResourceType: event.ResourceType,
      HasToken: String(props.ServiceToken === event.ServiceToken),
    },
  });
  const res = await fetch(event.ResponseURL, { method: 'PUT', body, headers: { 'content-type': '' } });
  console.log('response', res.status);
};
`;

function template(greeting: Record<string, unknown>): string {
  return JSON.stringify({
    Resources: {
      Role: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        },
      },
      Handler: {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['Role', 'Arn'] }, Timeout: 10, Code: { ZipFile: HANDLER } },
      },
      Greeting: { Type: 'Custom::Greeting', Properties: { ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] }, ...greeting } },
    },
    Outputs: {
      Greeting: { Value: { 'Fn::GetAtt': ['Greeting', 'Greeting'] } },
      RequestType: { Value: { 'Fn::GetAtt': ['Greeting', 'RequestType'] } },
      OldName: { Value: { 'Fn::GetAtt': ['Greeting', 'OldName'] } },
      ResourceType: { Value: { 'Fn::GetAtt': ['Greeting', 'ResourceType'] } },
      HasToken: { Value: { 'Fn::GetAtt': ['Greeting', 'HasToken'] } },
      Id: { Value: { Ref: 'Greeting' } },
    },
  });
}

async function deploy(cfn: CloudFormationClient, stackName: string, body: string, create: boolean): Promise<string> {
  const cs = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `c${Date.now()}`, ChangeSetType: create ? 'CREATE' : 'UPDATE', TemplateBody: body, Capabilities: ['CAPABILITY_IAM'] }),
  );
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
  return waitForStackToSettle(cfn, stackName, 25_000);
}

async function outputs(cfn: CloudFormationClient, stackName: string): Promise<Record<string, string>> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

describe('custom resources through the service-token Lambda and the response URL', () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud();
  });
  afterAll(async () => {
    await local.stop();
  });

  it('creates, updates and deletes a custom resource with the real request events; Data feeds Fn::GetAtt', async () => {
    const { cfn } = local;
    const missingCapability = await cfn
      .send(new CreateChangeSetCommand({ StackName: 'custom', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: template({ Name: 'world' }) }))
      .catch((e: Error) => e);
    expect(missingCapability).toMatchObject({ name: 'InsufficientCapabilitiesException', message: 'Requires capabilities : [CAPABILITY_IAM]' });

    expect(await deploy(cfn, 'custom', template({ Name: 'world' }), true)).toBe('CREATE_COMPLETE');
    expect(await outputs(cfn, 'custom')).toEqual({
      Greeting: 'hello world',
      RequestType: 'Create',
      OldName: 'none',
      ResourceType: 'Custom::Greeting',
      HasToken: 'true',
      Id: 'greeting-world',
    });
    const created = (await allEvents(cfn, 'custom')).filter((e) => e.LogicalResourceId === 'Greeting');
    expect(created.map((e) => [e.ResourceStatus, e.PhysicalResourceId, e.ResourceStatusReason])).toEqual([
      ['CREATE_IN_PROGRESS', '', undefined],
      ['CREATE_IN_PROGRESS', 'greeting-world', 'Resource creation Initiated'],
      ['CREATE_COMPLETE', 'greeting-world', undefined],
    ]);

    expect(await deploy(cfn, 'custom', template({ Name: 'moon' }), false)).toBe('UPDATE_COMPLETE');
    expect(await outputs(cfn, 'custom')).toMatchObject({ Greeting: 'hello moon', RequestType: 'Update', OldName: 'world', Id: 'greeting-world' });

    const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: 'custom' }))).Stacks![0]!;
    await cfn.send(new DeleteStackCommand({ StackName: 'custom' }));
    expect(await waitForStackToSettle(cfn, StackId!, 25_000)).toBe('DELETE_COMPLETE');
    const deleted = (await allEvents(cfn, StackId!)).filter((e) => e.LogicalResourceId === 'Greeting').slice(-2);
    expect(deleted.map((e) => e.ResourceStatus)).toEqual(['DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
  });

  it('fails the resource with the handler Reason and rolls the stack back', async () => {
    const { cfn } = local;
    expect(await deploy(cfn, 'custom-fail', template({ Name: 'x', Fail: 'true' }), true)).toBe('ROLLBACK_COMPLETE');
    const events = await allEvents(cfn, 'custom-fail');
    const failed = events.find((e) => e.LogicalResourceId === 'Greeting' && e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toMatch(
      /^Received response status \[FAILED\] from custom resource\. Message returned: the greeting service is down \(RequestId: [0-9a-f-]{36}\)$/,
    );
    // As on AWS, the PhysicalResourceId of the failed Create gets a Delete request during the rollback.
    expect(events.filter((e) => e.LogicalResourceId === 'Greeting').map((e) => [e.ResourceStatus, e.PhysicalResourceId])).toEqual([
      ['CREATE_IN_PROGRESS', ''],
      ['CREATE_FAILED', 'greeting-x'],
      ['DELETE_IN_PROGRESS', 'greeting-x'],
      ['DELETE_COMPLETE', 'greeting-x'],
    ]);
    expect(sequence(events, 'custom-fail').slice(-3)).toEqual(['custom-fail CREATE_IN_PROGRESS', 'custom-fail ROLLBACK_IN_PROGRESS', 'custom-fail ROLLBACK_COMPLETE']);
  });

  it('CancelUpdateStack while a custom resource waits for its response cancels it and rolls back', async () => {
    // Its own cloud at time scale 60: CloudFormation's one-hour wait is then a minute of wall time,
    // past this test's timeout, so the cancel (not a slow machine reaching the timeout) ends it.
    const slow = await startCfnLocalCloud({ timeScale: 60 });
    try {
      await cancelWhileWaiting(slow.cfn);
    } finally {
      await slow.stop();
    }
  });

  async function cancelWhileWaiting(cfn: CloudFormationClient): Promise<void> {
    expect(await deploy(cfn, 'custom-cancel', template({ Name: 'a' }), true)).toBe('CREATE_COMPLETE');
    const cs = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'custom-cancel', ChangeSetName: 'silent', TemplateBody: template({ Name: 'b', Silent: 'true' }), Capabilities: ['CAPABILITY_IAM'] }),
    );
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    for (;;) {
      const latest = (await cfn.send(new DescribeStackEventsCommand({ StackName: 'custom-cancel' }))).StackEvents?.[0];
      if (latest?.LogicalResourceId === 'Greeting' && latest.ResourceStatus === 'UPDATE_IN_PROGRESS') break;
    }
    await cfn.send(new CancelUpdateStackCommand({ StackName: 'custom-cancel' }));
    expect(await waitForStackToSettle(cfn, 'custom-cancel', 25_000)).toBe('UPDATE_ROLLBACK_COMPLETE');
    const greeting = (await allEvents(cfn, 'custom-cancel')).filter((e) => e.LogicalResourceId === 'Greeting').slice(-3);
    expect(greeting.map((e) => [e.ResourceStatus, e.ResourceStatusReason])).toEqual([
      ['UPDATE_FAILED', 'Resource update cancelled'],
      ['UPDATE_IN_PROGRESS', undefined],
      ['UPDATE_COMPLETE', undefined],
    ]);
    expect(await outputs(cfn, 'custom-cancel')).toMatchObject({ Greeting: 'hello a' });
  }

  it("times out after CloudFormation's hour (scaled) when the handler never answers", async () => {
    const { cfn } = local;
    expect(await deploy(cfn, 'custom-silent', template({ Name: 'x', Silent: 'true' }), true)).toBe('ROLLBACK_COMPLETE');
    const failed = (await allEvents(cfn, 'custom-silent')).find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.ResourceStatusReason).toMatch(
      /^CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]\. If you are using the Python cfn-response module/,
    );
  }, 30_000);
});
