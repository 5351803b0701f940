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
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
} from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse, errorText } from '../support/aws-error.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { loadFixture } from '../support/recorded-fixture.js';
import { CDK_METADATA_TEMPLATE, MINIMAL_TEMPLATE } from './recorded-templates.js';

const fixture = loadFixture('cloudformation/api-changesets.json');
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
});
