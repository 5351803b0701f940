/**
 * Stack policies (LocalStack api/test_stack_policies.py, recorded against AWS): SetStackPolicy by
 * body or URL, GetStackPolicy, CreateStack with a policy, and the validation errors.
 */
import { CloudFormationClient, CreateStackCommand, GetStackPolicyCommand, SetStackPolicyCommand, type GetStackPolicyCommandOutput } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { errorResponse } from '../support/aws-error.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { deployTemplate } from '../support/deploy-template.js';
import { loadFixture } from '../support/recorded-fixture.js';
import {
  EMPTY_POLICY_JSON,
  INVALID_STACK_POLICY_JSON,
  SNS_TOPIC_PARAMETER_TEMPLATE,
  SNS_TOPIC_SIMPLE_TEMPLATE,
  STACK_POLICY_JSON,
  STACK_POLICY_TEST_TEMPLATE,
} from './recorded-templates.js';

const fixture = loadFixture('cloudformation/api-stack-policies.json');
const ALLOW_UPDATES = { Statement: [{ Effect: 'Allow', Action: 'Update:*', Principal: '*', Resource: '*' }] };

/** GetStackPolicy as recorded: the policy text parsed (the snapshot tool did that). */
function parsed(output: GetStackPolicyCommandOutput) {
  return { ...output, StackPolicyBody: output.StackPolicyBody === undefined ? undefined : JSON.parse(output.StackPolicyBody) };
}

describe('stack policies, as AWS answers them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  let s3: S3Client;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
    s3 = local.client(S3Client);
  });
  afterAll(async () => {
    await local.stop();
  });

  /** Uploads a policy document and returns the virtual-hosted URL the recorded test used. */
  async function policyUrl(body: string): Promise<string> {
    const bucket = `bucket-${shortUid()}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'policy.json', Body: body }));
    return `https://${bucket}.s3.amazonaws.com/policy.json`;
  }

  it('TestStackPolicy::test_policy_lifecycle: none, set, replaced, emptied', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_policy_lifecycle');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    scenario.expect('initial_policy', await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName })));
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify(ALLOW_UPDATES) }));
    scenario.expect('policy', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
    const deny = { Statement: [{ Effect: 'Deny', Action: 'Update:*', Principal: '*', Resource: '*' }] };
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify(deny) }));
    scenario.expect('policy_updated', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify({}) }));
    scenario.expect('policy_deleted', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
  });

  it('TestStackPolicy::test_empty_policy', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_empty_policy');
    const stack = await deployTemplate(cfn, STACK_POLICY_TEST_TEMPLATE, { parameters: { TopicName: `topic-${shortUid()}`, BucketName: `bucket-${shortUid()}` } });
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify({}) }));
    scenario.expect('policy', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
  });

  it('TestStackPolicy::test_not_json_policy', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_not_json_policy');
    const stack = await deployTemplate(cfn, STACK_POLICY_TEST_TEMPLATE, { parameters: { TopicName: `topic-${shortUid()}`, BucketName: `bucket-${shortUid()}` } });
    scenario.expect('error', await errorResponse(cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: shortUid() }))));
  });

  it('TestStackPolicy::test_different_principal_attribute', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_different_principal_attribute');
    const stack = await deployTemplate(cfn, SNS_TOPIC_PARAMETER_TEMPLATE, { parameters: { TopicName: `topic-${shortUid()}` } });
    const policy = { Statement: [{ Effect: 'Deny', Action: 'Update:*', Principal: shortUid(), Resource: '*' }] };
    const error = await errorResponse(cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify(policy) })));
    scenario.expect('error', error.Error);
  });

  it('TestStackPolicy::test_different_action_attribute', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_different_action_attribute');
    const stack = await deployTemplate(cfn, SNS_TOPIC_PARAMETER_TEMPLATE, { parameters: { TopicName: `topic-${shortUid()}` } });
    const policy = { Statement: [{ Effect: 'Deny', Action: 'Delete:*', Principal: shortUid(), Resource: '*' }] };
    scenario.expect('error', await errorResponse(cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify(policy) }))));
  });

  it('TestStackPolicy::test_set_policy_with_url', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_set_policy_with_url');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyURL: await policyUrl(STACK_POLICY_JSON) }));
    scenario.expect('policy', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
  });

  it('TestStackPolicy::test_set_empty_policy_with_url', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_set_empty_policy_with_url');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    await cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyURL: await policyUrl(EMPTY_POLICY_JSON) }));
    scenario.expect('policy', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stack.stackName }))));
  });

  it('TestStackPolicy::test_set_invalid_policy_with_url', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_set_invalid_policy_with_url');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    const url = await policyUrl(INVALID_STACK_POLICY_JSON);
    scenario.expect('error', await errorResponse(cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyURL: url }))));
  });

  it('TestStackPolicy::test_set_policy_both_policy_and_url', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_set_policy_both_policy_and_url');
    const stack = await deployTemplate(cfn, SNS_TOPIC_SIMPLE_TEMPLATE);
    const url = await policyUrl(STACK_POLICY_JSON);
    scenario.expect(
      'error',
      await errorResponse(cfn.send(new SetStackPolicyCommand({ StackName: stack.stackName, StackPolicyBody: JSON.stringify(ALLOW_UPDATES), StackPolicyURL: url }))),
    );
  });

  it('TestStackPolicy::test_create_stack_with_policy', async () => {
    const scenario = fixture.scenario('TestStackPolicy::test_create_stack_with_policy');
    const stackName = `stack-${shortUid()}`;
    await cfn.send(
      new CreateStackCommand({
        StackName: stackName,
        StackPolicyBody: JSON.stringify(ALLOW_UPDATES),
        TemplateBody: SNS_TOPIC_PARAMETER_TEMPLATE,
        Parameters: [{ ParameterKey: 'TopicName', ParameterValue: `new-topic-${shortUid()}` }],
      }),
    );
    scenario.expect('policy', parsed(await cfn.send(new GetStackPolicyCommand({ StackName: stackName }))));
  });
});
