/**
 * Stacks through their life (LocalStack api/test_stacks.py, recorded against AWS): describe after
 * create/update/delete, events, errors, termination protection, deploy and delete order.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceCommand,
  DescribeStacksCommand,
  UpdateStackCommand,
  UpdateTerminationProtectionCommand,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../support/aws-error.js';
import { WAIT, stackEvents } from '../support/capture-update-process.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { deployTemplate } from '../support/deploy-template.js';
import { loadFixture } from '../support/recorded-fixture.js';
import { MINIMAL_TEMPLATE, SIMPLE_API_TEMPLATE, SIMPLE_NO_CHANGE_TEMPLATE, SNS_TOPIC_SIMPLE_TEMPLATE, SSM_GENERATED_NAME } from './recorded-templates.js';

const fixture = loadFixture('cloudformation/api-stacks.json');

function parsedProperties<T extends { ResourceProperties?: string }>(event: T): Omit<T, 'ResourceProperties'> & { ResourceProperties?: unknown } {
  return { ...event, ResourceProperties: event.ResourceProperties === undefined ? undefined : JSON.parse(event.ResourceProperties) };
}

describe('stacks, as AWS answers them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('TestStacksApi::test_stack_lifecycle: describe after create, update and delete', async () => {
    const scenario = fixture.scenario('TestStacksApi::test_stack_lifecycle');
    const deployed = await deployTemplate(cfn, SIMPLE_API_TEMPLATE, { parameters: { ApiName: `test_${shortUid()}` } });
    scenario.expect('creation', (await cfn.send(new DescribeStacksCommand({ StackName: deployed.stackName }))).Stacks?.[0]);
    await deployTemplate(cfn, SIMPLE_API_TEMPLATE, { isUpdate: true, stackName: deployed.stackName, parameters: { ApiName: `test_${shortUid()}` } });
    scenario.expect('update', (await cfn.send(new DescribeStacksCommand({ StackName: deployed.stackName }))).Stacks?.[0]);
    await cfn.send(new DeleteStackCommand({ StackName: deployed.stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: deployed.stackName });
    scenario.expect('describe_deleted_by_name_exc', await errorResponse(cfn.send(new DescribeStacksCommand({ StackName: deployed.stackName }))));
    const deleted = (await cfn.send(new DescribeStacksCommand({ StackName: deployed.stackId }))).Stacks?.[0];
    expect(deleted?.DeletionTime).toBeInstanceOf(Date);
    scenario.expect('deleted', deleted);
  });

  it('TestStacksApi::test_list_events_after_deployment: the events of a create through a change set', async () => {
    const scenario = fixture.scenario('TestStacksApi::test_list_events_after_deployment');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    const response = await cfn.send(new DescribeStackEventsCommand({ StackName: stack.stackName }));
    // The recording sorted the events by Timestamp (its SortingTransformer); ResourceProperties parsed.
    const events = [...(response.StackEvents ?? [])].sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime()).map(parsedProperties);
    scenario.expect('events', { ...response, StackEvents: events });
  });

  it('test_describe_stack_events_errors: events of a stack that does not exist', async () => {
    const scenario = fixture.scenario('test_describe_stack_events_errors');
    scenario.expect('describe_stack_events_stack_not_found', await errorResponse(cfn.send(new DescribeStackEventsCommand({ StackName: 'does-not-exist' }))));
  });

  it('test_non_existing_stack_message: DescribeStacks of a stack that does not exist', async () => {
    const scenario = fixture.scenario('test_non_existing_stack_message').replace('non-existing', '<stack-name>');
    scenario.expect('Error', await errorResponse(cfn.send(new DescribeStacksCommand({ StackName: 'non-existing' }))));
  });

  it('test_stack_resource_not_found: DescribeStackResource of a logical ID the stack does not have', async () => {
    const scenario = fixture.scenario('test_stack_resource_not_found');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE, { parameters: { TopicName: `topic${shortUid()}` } });
    scenario.replace(stack.stackName, '<stack-name>');
    scenario.expect('Error', await errorResponse(cfn.send(new DescribeStackResourceCommand({ StackName: stack.stackName, LogicalResourceId: 'NonExistentResource' }))));
  });

  it('TestStacksApi::test_update_stack_with_same_template_withoutchange: UpdateStack without changes', async () => {
    const scenario = fixture.scenario('TestStacksApi::test_update_stack_with_same_template_withoutchange');
    const stack = await deployTemplate(cfn, SIMPLE_NO_CHANGE_TEMPLATE);
    scenario.expect('no_change_exception', await errorResponse(cfn.send(new UpdateStackCommand({ StackName: stack.stackName, TemplateBody: SIMPLE_NO_CHANGE_TEMPLATE }))));
  });

  it('test_update_termination_protection: UpdateTerminationProtection on and off', async () => {
    const scenario = fixture.scenario('test_update_termination_protection');
    const stack = await deployTemplate(cfn, SIMPLE_API_TEMPLATE, { parameters: { ApiName: `test_${shortUid()}` } });
    await cfn.send(new UpdateTerminationProtectionCommand({ EnableTerminationProtection: true, StackName: stack.stackName }));
    scenario.expect('describe-stack-1', await cfn.send(new DescribeStacksCommand({ StackName: stack.stackName })));
    await cfn.send(new UpdateTerminationProtectionCommand({ EnableTerminationProtection: false, StackName: stack.stackName }));
    scenario.expect('describe-stack-2', await cfn.send(new DescribeStacksCommand({ StackName: stack.stackName })));
  });

  it('test_stack_deploy_order[A-B-C]: create and delete in dependency order, SSM parameters named CFN-<LogicalId>-<random>', async () => {
    const scenario = fixture.scenario('test_stack_deploy_order[A-B-C]').normalise(SSM_GENERATED_NAME, 'CFN-$1-<generated>');
    const parameter = (value: unknown) => ({ Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: value } });
    const stack = await deployTemplate(cfn, JSON.stringify({ Resources: { A: parameter('root'), B: parameter({ Ref: 'A' }), C: parameter({ Ref: 'B' }) } }));
    await cfn.send(new DeleteStackCommand({ StackName: stack.stackId }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stack.stackId });
    const events = (await stackEvents(cfn, stack.stackId))
      .filter((event) => ['A', 'B', 'C'].includes(event.LogicalResourceId ?? '') && event.ResourceStatus?.endsWith('_COMPLETE'))
      .sort((a, b) => a.Timestamp!.getTime() - b.Timestamp!.getTime())
      .map(parsedProperties);
    scenario.expect('events', events);
  });

  it('test_linting_error_during_creation: Resources that is not an object', async () => {
    const scenario = fixture.scenario('test_linting_error_during_creation');
    const error = await errorResponse(cfn.send(new CreateStackCommand({ StackName: `stack-${shortUid()}`, TemplateBody: JSON.stringify({ Resources: '', Outputs: '' }) })));
    scenario.expect('error', error);
  });

  it('test_name_conflicts: one live stack per name; deleted ones answer by ID', async () => {
    const scenario = fixture.scenario('test_name_conflicts');
    const stackName = `repeated-stack-${shortUid()}`;
    const { StackId: stackId } = await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    scenario.expect('create_stack_already_exists_exc', await errorResponse(cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: MINIMAL_TEMPLATE }))));
    scenario.expect('created_stack_desc', (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0]?.StackStatus);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    scenario.expect('deleted_stack_not_found_exc', await errorResponse(cfn.send(new DescribeStacksCommand({ StackName: stackName }))));
    scenario.expect('deleted_stack_events_not_found_by_name', await errorResponse(cfn.send(new DescribeStackEventsCommand({ StackName: stackName }))));
    scenario.expect('deleted_stack_desc', await cfn.send(new DescribeStacksCommand({ StackName: stackId })));
    const { StackId: newStackId } = await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: MINIMAL_TEMPLATE }));
    expect(newStackId).not.toBe(stackId);
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    scenario.expect('new_stack_desc', await cfn.send(new DescribeStacksCommand({ StackName: stackName })));
    scenario.expect('stack_id_desc', await cfn.send(new DescribeStacksCommand({ StackName: stackId })));
    scenario.expect('new_stack_id_desc', await cfn.send(new DescribeStacksCommand({ StackName: newStackId })));
    expect((await stackEvents(cfn, stackName)).every((event) => event.StackId === newStackId)).toBe(true);
    expect((await stackEvents(cfn, stackId!)).every((event) => event.StackId === stackId)).toBe(true);
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    scenario.expect('deleted_second_stack_desc', await cfn.send(new DescribeStacksCommand({ StackName: newStackId })));
  });
});
