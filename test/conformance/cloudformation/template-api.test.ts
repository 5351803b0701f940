/**
 * ValidateTemplate, GetTemplate, GetTemplateSummary and TemplateURL answers (LocalStack
 * api/test_templates.py, recorded against AWS).
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '../support/aws-error.js';
import { WAIT } from '../support/capture-update-process.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { deployTemplate } from '../support/deploy-template.js';
import { loadFixture } from '../support/recorded-fixture.js';

const fixture = loadFixture('cloudformation/api-templates.json');

/** tests/aws/templates/valid_template.json */
const VALID_TEMPLATE = JSON.stringify({
  Parameters: { KeyExample: { Description: 'The EC2 Key Pair to allow SSH access to the instance', Type: 'AWS::EC2::KeyPair::KeyName' } },
  Resources: {
    Ec2Instance: {
      Type: 'AWS::EC2::Instance',
      Properties: { SecurityGroups: [{ Ref: 'SecurityGroupExample' }], KeyName: { Ref: 'KeyExample' }, ImageId: 'ami-0e6d2e8684d4ccb3e', InstanceType: 't2.micro' },
    },
    SecurityGroupExample: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: { GroupDescription: 'this is an example', SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: '22', ToPort: '22', CidrIp: '0.0.0.0/0' }] },
    },
  },
});

const S3_TEMPLATE = `
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  TopicName:
    Type: String
Resources:
  topic123:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Ref TopicName
`;

describe('template API answers, as AWS gives them', () => {
  let local: ConformanceCloud;
  let cfn: CloudFormationClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    cfn = local.client(CloudFormationClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('test_validate_template', async () => {
    fixture.scenario('test_validate_template').expect('validate-template', await cfn.send(new ValidateTemplateCommand({ TemplateBody: VALID_TEMPLATE })));
  });

  it('test_validate_invalid_json_template_should_fail: where the JSON breaks', async () => {
    const scenario = fixture.scenario('test_validate_invalid_json_template_should_fail');
    scenario.expect('validate-invalid-json', await errorResponse(cfn.send(new ValidateTemplateCommand({ TemplateBody: '{"this is invalid JSON"="bobbins"}' }))));
  });

  it('test_create_stack_invalid_yaml_template_should_fail', async () => {
    // The recording dropped the error location with a regex; the same regex runs on both sides.
    const scenario = fixture.scenario('test_create_stack_invalid_yaml_template_should_fail').normalise(/\s+\([^)]+\)/g, '');
    const invalidYaml = ['Resources:', '  MyBucket:', '    Type: AWS::S3::Bucket', '    Properties:', '        BucketName: test', '      VersioningConfiguration:', '        Status: Enabled', ''].join('\n');
    scenario.expect('create-invalid-yaml', await errorResponse(cfn.send(new CreateStackCommand({ StackName: `stack-${shortUid()}`, TemplateBody: invalidYaml }))));
  });

  it('test_get_template_no_arguments', async () => {
    fixture.scenario('test_get_template_no_arguments').expect('stack-error', await errorResponse(cfn.send(new GetTemplateCommand({}))));
  });

  it('test_get_template_missing_resources_stack', async () => {
    const error = await errorResponse(cfn.send(new GetTemplateCommand({ StackName: 'does-not-exist' })));
    fixture.scenario('test_get_template_missing_resources_stack').expect('stack-error', error);
  });

  it('test_get_template_missing_resources_change_set', async () => {
    const error = await errorResponse(cfn.send(new GetTemplateCommand({ ChangeSetName: 'does-not-exist' })));
    fixture.scenario('test_get_template_missing_resources_change_set').expect('change-set-error', error);
  });

  it('test_get_template_missing_resources_change_set_id', async () => {
    const changeSetId = 'arn:aws:cloudformation:us-east-1:000000000000:changeSet/change-set-926829fe/d065e78c';
    const scenario = fixture.scenario('test_get_template_missing_resources_change_set_id').replace(changeSetId, '<change-set-id>');
    scenario.expect('change-set-error', await errorResponse(cfn.send(new GetTemplateCommand({ ChangeSetName: changeSetId }))));
  });

  it('test_get_template_summary_non_executed_change_set: a stack still in review', async () => {
    const scenario = fixture.scenario('test_get_template_summary_non_executed_change_set');
    const stackName = `stack-${shortUid()}`;
    const template = { Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String', Value: shortUid() } } } };
    const created = await cfn.send(new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `change-set-${shortUid()}`, TemplateBody: JSON.stringify(template), ChangeSetType: 'CREATE' }));
    await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: created.Id });
    scenario.expect('error', await errorResponse(cfn.send(new GetTemplateSummaryCommand({ StackName: stackName }))));
  });

  it('test_get_template_summary_no_resources', async () => {
    fixture.scenario('test_get_template_summary_no_resources').expect('error', await errorResponse(cfn.send(new GetTemplateSummaryCommand({ TemplateBody: '{}' }))));
  });

  it('test_get_template_summary_failed_stack: the summary of a stack whose create failed', async () => {
    const scenario = fixture.scenario('test_get_template_summary_failed_stack');
    const stackName = `stack-${shortUid()}`;
    const template = { Resources: { MyParameter: { Type: 'AWS::SSM::Parameter', Properties: { Type: 'String' } } } };
    await expect(deployTemplate(cfn, JSON.stringify(template), { stackName })).rejects.toThrow();
    scenario.expect('template-summary', await cfn.send(new GetTemplateSummaryCommand({ StackName: stackName })));
  });

  for (const [style, url] of [
    ['s3_url', (bucket: string) => `s3://${bucket}/test/template.yml`],
    ['http_invalid', () => 'https://example.com/dummy.yml'],
  ] as const) {
    it(`test_create_stack_from_s3_template_url[${style}]: refused`, async () => {
      const scenario = fixture.scenario(`test_create_stack_from_s3_template_url[${style}]`);
      const s3 = local.client(S3Client);
      const bucket = `bucket-${shortUid()}`;
      const topicName = `topic-${shortUid()}`;
      scenario.replace(bucket, '<bucket_name>').replace(topicName, '<topic_name>');
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'test/template.yml', Body: S3_TEMPLATE }));
      const error = await errorResponse(
        cfn.send(new CreateStackCommand({ StackName: `s-${shortUid()}`, TemplateURL: url(bucket), Parameters: [{ ParameterKey: 'TopicName', ParameterValue: topicName }] })),
      );
      scenario.expect('create-error', error);
    });
  }
});
