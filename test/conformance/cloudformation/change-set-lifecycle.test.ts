/**
 * Change sets against AWS's recorded answers (LocalStack api/test_changesets.snapshot.json).
 * Each `it` replays the calls of one recorded test, in its order, and compares every recorded
 * response.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DeleteStackCommand,
  CreateStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  ListChangeSetsCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, errorText } from '../support/aws-error.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { loadFixture } from '../support/recorded-fixture.js';
import { deployTemplate } from '../support/deploy-template.js';
import { CDK_METADATA_TEMPLATE, MINIMAL_TEMPLATE, SNS_TOPIC_SIMPLE_TEMPLATE } from './recorded-templates.js';

const fixture = loadFixture('cloudformation/api-changesets.json');
const changeSetsFixture = loadFixture('cloudformation/change-sets.json');
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };
const ALL_CAPABILITIES = ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;

describe('change sets, as AWS answers them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('test_describe_change_set_nonexisting: a change set name on an unknown stack', async () => {
    const scenario = fixture.scenario('test_describe_change_set_nonexisting');
    scenario.expect('exception', await errorText(cfn.send(new DescribeChangeSetCommand({ StackName: 'somestack', ChangeSetName: 'DoesNotExist' })), 'DescribeChangeSet'));
  });

  it('test_delete_change_set_exception: unknown stack, and a name without a stack', async () => {
    const scenario = fixture.scenario('test_delete_change_set_exception');
    scenario.expect('e1', await errorResponse(cfn.send(new DeleteChangeSetCommand({ StackName: 'nostack', ChangeSetName: 'DoesNotExist' }))));
    scenario.expect('e2', await errorResponse(cfn.send(new DeleteChangeSetCommand({ ChangeSetName: 'DoesNotExist' }))));
  });

  it('test_deleted_changeset: describing a deleted change set by ARN', async () => {
    const scenario = fixture.scenario('test_deleted_changeset');
    const stackName = `stack-${shortUid()}`;
    scenario.bind('stack-name', stackName);
    const create = await cfn.send(
      new CreateChangeSetCommand({ ChangeSetName: `changeset-${shortUid()}`, StackName: stackName, TemplateBody: CDK_METADATA_TEMPLATE, Capabilities: [...ALL_CAPABILITIES], ChangeSetType: 'CREATE' }),
    );
    scenario.expect('create', create);
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: create.Id });
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: create.Id, StackName: stackName }));
    scenario.expect('postdelete_changeset_notfound', await errorText(cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: create.Id })), 'DescribeChangeSet'));
  });

  it('test_empty_changeset: a change set without changes fails and cannot be executed', async () => {
    const scenario = fixture.scenario('test_empty_changeset');
    const stackName = `stack-${shortUid()}`;
    const first = await cfn.send(
      new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `change-set-${shortUid()}`, TemplateBody: CDK_METADATA_TEMPLATE, Capabilities: [...ALL_CAPABILITIES], ChangeSetType: 'CREATE' }),
    );
    scenario.expect('first_changeset', first);
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: first.Id });
    scenario.expect('describe_first_cs', await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: first.Id })));
    await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: first.Id }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });

    const nochange = await cfn.send(
      new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `change-set-nochange-${shortUid()}`, TemplateBody: CDK_METADATA_TEMPLATE, Capabilities: [...ALL_CAPABILITIES], ChangeSetType: 'UPDATE' }),
    );
    scenario.expect('nochange_changeset', nochange);
    scenario.expect('describe_nochange', await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: nochange.Id })));
    scenario.expect('error_execute_failed', await errorText(cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: nochange.Id })), 'ExecuteChangeSet'));
  });

  it('test_name_conflicts: names of an executed change set and a deleted stack can be used again', async () => {
    const scenario = fixture.scenario('test_name_conflicts');
    const stackName = `repeated-stack-${shortUid()}`;
    const changeSetName = `initial-changeset-${shortUid()}`;
    const initial = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: changeSetName });
    await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });

    scenario.expect(
      'create_changeset_existingstack_exc',
      await errorResponse(cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }))),
    );
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });

    const second = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    expect(second.Id).not.toBe(initial.Id);
    expect(second.StackId).not.toBe(initial.StackId);
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: second.Id });

    scenario.expect('new_stack_desc', await cfn.send(new DescribeStacksCommand({ StackName: stackName })));
    scenario.expect('stack_id_desc', await cfn.send(new DescribeStacksCommand({ StackName: initial.StackId })));
    scenario.expect('new_stack_id_desc', await cfn.send(new DescribeStacksCommand({ StackName: second.StackId })));
    scenario.expect('initial_changeset_id_desc', await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: initial.Id })));
    scenario.expect('second_initial_changeset_id_desc', await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: second.Id })));
  });

  it('test_create_while_in_review: CreateStack on a stack in review creates it; the change set turns OBSOLETE', async () => {
    const scenario = fixture.scenario('test_create_while_in_review');
    const stackName = `stack-${shortUid()}`;
    const changeSet = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `changeset-${shortUid()}`, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: changeSet.Id });
    scenario.expect('create_stack_while_in_review', await cfn.send(new CreateStackCommand({ StackName: stackName, TemplateBody: MINIMAL_TEMPLATE })));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    scenario.expect('describe_stack', await cfn.send(new DescribeStacksCommand({ StackName: changeSet.StackId })));
    scenario.expect('describe_change_set', await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: changeSet.Id })));
  });

  it('test_multiple_create_changeset: a stack in review takes more CREATE change sets', async () => {
    const scenario = fixture.scenario('test_multiple_create_changeset');
    const stackName = `repeated-stack-${shortUid()}`;
    const initial = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `initial-changeset-${shortUid()}`, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: initial.Id });
    scenario.expect('initial_changeset', await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: initial.Id })));
    const additional = await cfn.send(
      new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `additionalchangeset-${shortUid()}`, ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }),
    );
    scenario.expect('additional_changeset', additional);
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: additional.Id });
  });

  it('test_create_changeset_with_stack_id: CREATE by stack ID while in review; never again once deleted', async () => {
    const scenario = fixture.scenario('test_create_changeset_with_stack_id');
    const stackName = `repeated-stack-${shortUid()}`;
    const initial = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'initial-changeset', ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: 'initial-changeset' });
    const additional = await cfn.send(new CreateChangeSetCommand({ StackName: initial.StackId, ChangeSetName: 'additional-create', ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: additional.Id });
    scenario.expect('describe_stack', await cfn.send(new DescribeStacksCommand({ StackName: initial.StackId })));
    await cfn.send(new DeleteStackCommand({ StackName: stackName }));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    expect((await cfn.send(new DescribeStacksCommand({ StackName: initial.StackId }))).Stacks?.[0]?.StackStatus).toBe('DELETE_COMPLETE');
    scenario.expect(
      'recreate_deleted_with_id_exception',
      await errorResponse(cfn.send(new CreateChangeSetCommand({ StackName: initial.StackId, ChangeSetName: 'revived-stack-changeset', ChangeSetType: 'CREATE', TemplateBody: MINIMAL_TEMPLATE }))),
    );
  });

  it('test_describe_changeset_after_delete: a deleted executed change set is gone by name; a new one describes', async () => {
    const scenario = fixture.scenario('test_describe_changeset_after_delete');
    const stackName = `stack-${shortUid()}`;
    const [cs1, cs2, topic1, topic2] = [`cs-${shortUid()}`, `cs-${shortUid()}`, `topic-${shortUid()}`, `topic-${shortUid()}`];
    scenario.replace(cs1, '<cs-1-name>').replace(cs2, '<cs-2-name>').replace(topic1, '<topic-1-name>').replace(topic2, '<topic-2-name>');
    await cfn.send(new CreateChangeSetCommand({ StackName: stackName, TemplateBody: SNS_TOPIC_SIMPLE_TEMPLATE, ChangeSetName: cs1, ChangeSetType: 'CREATE', Parameters: [{ ParameterKey: 'TopicName', ParameterValue: topic1 }] }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: cs1 });
    await cfn.send(new ExecuteChangeSetCommand({ StackName: stackName, ChangeSetName: cs1 }));
    await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName });
    await cfn.send(new DeleteChangeSetCommand({ StackName: stackName, ChangeSetName: cs1 }));
    scenario.expect('describe-deleted-cs', await errorResponse(cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: cs1 }))));
    await cfn.send(new CreateChangeSetCommand({ StackName: stackName, TemplateBody: SNS_TOPIC_SIMPLE_TEMPLATE, ChangeSetName: cs2, ChangeSetType: 'UPDATE', Parameters: [{ ParameterKey: 'TopicName', ParameterValue: topic2 }] }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { StackName: stackName, ChangeSetName: cs2 });
    scenario.expect('describe-2', await cfn.send(new DescribeChangeSetCommand({ StackName: stackName, ChangeSetName: cs2 })));
  });

  it('test_changeset_for_deleted_stack: UPDATE change sets on a stack being deleted and deleted', async () => {
    const scenario = fixture.scenario('test_changeset_for_deleted_stack');
    const parameter = (slow: boolean) => ({
      Type: 'AWS::SSM::Parameter',
      Properties: { Type: 'String', Value: 'Test' },
      // The local cloud deletes in milliseconds at this time scale; one slow deletion (25 min emulated,
      // 1.5 s wall) keeps the stack in DELETE_IN_PROGRESS for the first call. Not in the recorded template.
      ...(slow ? { Metadata: { 'stp:emulator': { latencySeconds: 1500 } } } : {}),
    });
    const template = JSON.stringify({ Resources: Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`Parameter${i}`, parameter(i === 0)])) });
    const stack = await deployTemplate(cfn, template);
    scenario.bind('stack-id', stack.stackId);
    await cfn.send(new DeleteStackCommand({ StackName: stack.stackId }));
    const inProgress = await errorResponse(cfn.send(new CreateChangeSetCommand({ StackName: stack.stackId, ChangeSetName: 'test', TemplateBody: template, ChangeSetType: 'UPDATE' })));
    await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: stack.stackId });
    const complete = await errorResponse(cfn.send(new CreateChangeSetCommand({ StackName: stack.stackId, ChangeSetName: 'test', TemplateBody: template, ChangeSetType: 'UPDATE' })));
    scenario.expect('ErrorForInProgress', inProgress);
    scenario.expect('ErrorForComplete', complete);
  });

  it('test_list_change_sets (test_change_sets.py): only the pending change set is listed', async () => {
    const scenario = changeSetsFixture.scenario('test_list_change_sets');
    const template = (value: string) => JSON.stringify({ Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: value } } } });
    const stack = await deployTemplate(cfn, template(shortUid()));
    const pending = await cfn.send(new CreateChangeSetCommand({ ChangeSetName: `cs-${shortUid()}`, StackName: stack.stackId, ChangeSetType: 'UPDATE', TemplateBody: template(shortUid()) }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: pending.Id });
    const deleted = await cfn.send(new CreateChangeSetCommand({ ChangeSetName: `cs-${shortUid()}`, StackName: stack.stackId, ChangeSetType: 'UPDATE', TemplateBody: template(shortUid()) }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: deleted.Id });
    await cfn.send(new DeleteChangeSetCommand({ ChangeSetName: deleted.Id }));
    scenario.expect('change-sets', await cfn.send(new ListChangeSetsCommand({ StackName: stack.stackId })));
  });
});
