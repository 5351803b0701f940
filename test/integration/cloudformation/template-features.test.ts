import {
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListImportsCommand,
  ValidateTemplateCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { allEvents, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

async function deploy(cfn: CloudFormationClient, stackName: string, body: string, options: { create?: boolean; parameters?: Record<string, string> } = {}): Promise<string> {
  const cs = await cfn.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: `c${Date.now()}`,
      ChangeSetType: options.create ? 'CREATE' : 'UPDATE',
      TemplateBody: body,
      Capabilities: ['CAPABILITY_IAM'],
      Parameters: Object.entries(options.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
  if (described.Status === 'FAILED') throw new Error(`change set failed: ${described.StatusReason}`);
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
  return waitForStackToSettle(cfn, stackName);
}

async function outputs(cfn: CloudFormationClient, stackName: string): Promise<Record<string, string>> {
  const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stackName }));
  return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

const conditional = `
Parameters:
  Stage: { Type: String, AllowedValues: [dev, prod] }
  Zones: { Type: CommaDelimitedList, Default: 'a,b' }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Mappings:
  Memory:
    dev: { Size: 128 }
    prod: { Size: 1024 }
Resources:
  Always:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Join ['-', [!Ref Stage, !Select [1, !Ref Zones], !FindInMap [Memory, !Ref Stage, Size]]]
  ProdOnly:
    Type: AWS::SNS::Topic
    Condition: IsProd
    Properties:
      DisplayName: prod
Outputs:
  Display:
    Value: !Sub '\${Stage}:\${AWS::Region}:\${AWS::AccountId}'
  Az:
    Value: !Select [0, !GetAZs '']
  ProdTopic:
    Condition: IsProd
    Value: !Ref ProdOnly
    Export: { Name: shared-prod-topic }
`;

describe('template features and real provisioning, via the real clients', () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud();
  });
  afterAll(async () => {
    await local.stop();
  });

  it('applies conditions, mappings, list parameters and pseudo parameters; exports feed Fn::ImportValue', async () => {
    const { cfn } = local;
    expect(await deploy(cfn, 'cond', conditional, { create: true, parameters: { Stage: 'dev' } })).toBe('CREATE_COMPLETE');
    expect(await outputs(cfn, 'cond')).toEqual({ Display: 'dev:us-east-1:000000000000', Az: 'us-east-1a' });
    const devResources = (await allEvents(cfn, 'cond')).map((e) => e.LogicalResourceId);
    expect(devResources).not.toContain('ProdOnly');

    expect(await deploy(cfn, 'cond', conditional, { parameters: { Stage: 'prod' } })).toBe('UPDATE_COMPLETE');
    const prod = await outputs(cfn, 'cond');
    expect(prod.ProdTopic).toMatch(/^arn:aws:sns:us-east-1:000000000000:cond-ProdOnly-[A-Z0-9]{12}$/);

    const importer = JSON.stringify({ Resources: { Sub: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::ImportValue': 'shared-prod-topic' } } } }, Outputs: { Imported: { Value: { 'Fn::ImportValue': 'shared-prod-topic' } } } });
    expect(await deploy(cfn, 'importer', importer, { create: true })).toBe('CREATE_COMPLETE');
    expect((await outputs(cfn, 'importer')).Imported).toBe(prod.ProdTopic);

    const imports = await cfn.send(new ListImportsCommand({ ExportName: 'shared-prod-topic' }));
    expect(imports.Imports).toEqual(['importer']);
    const summary = await cfn.send(new GetTemplateSummaryCommand({ StackName: 'cond' }));
    expect(summary.Parameters?.find((p) => p.ParameterKey === 'Stage')).toMatchObject({ ParameterType: 'String', ParameterConstraints: { AllowedValues: ['dev', 'prod'] } });
    expect(summary.ResourceTypes).toEqual(['AWS::SNS::Topic']);

    // The exporting stack cannot be deleted while another stack imports its export.
    await cfn.send(new DeleteStackCommand({ StackName: 'cond' }));
    expect(await waitForStackToSettle(cfn, 'cond')).toBe('DELETE_FAILED');
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'cond' }));
    expect(Stacks?.[0]?.StackStatusReason).toBe('Export shared-prod-topic cannot be deleted as it is in use by importer');
    const importerId = (await cfn.send(new DescribeStacksCommand({ StackName: 'importer' }))).Stacks![0]!.StackId!;
    await cfn.send(new DeleteStackCommand({ StackName: 'importer' }));
    expect(await waitForStackToSettle(cfn, importerId)).toBe('DELETE_COMPLETE');
    await cfn.send(new DeleteStackCommand({ StackName: 'cond' }));
    expect(await waitForStackToSettle(cfn, Stacks![0]!.StackId!)).toBe('DELETE_COMPLETE');
  });

  it('creates a Lambda function from code in S3 that really runs, and fails like AWS when the object is missing', async () => {
    const { cfn, cloud, s3 } = local;
    await s3.send(new CreateBucketCommand({ Bucket: 'artifacts' }));
    const code = zipSync({ 'index.js': strToU8("exports.handler = async (e) => ({ doubled: e.n * 2, stage: process.env.STAGE });") });
    await s3.send(new PutObjectCommand({ Bucket: 'artifacts', Key: 'fn.zip', Body: code }));
    const body = (key: string) =>
      JSON.stringify({
        Resources: {
          Role: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
          Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/doubler', RetentionInDays: 1 } },
          Fn: {
            Type: 'AWS::Lambda::Function',
            DependsOn: 'Logs',
            Properties: {
              FunctionName: 'doubler',
              Runtime: 'nodejs20.x',
              Handler: 'index.handler',
              Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
              Code: { S3Bucket: 'artifacts', S3Key: key },
              Environment: { Variables: { STAGE: 'test' } },
            },
          },
        },
        Outputs: { Arn: { Value: { 'Fn::GetAtt': ['Fn', 'Arn'] } }, RoleArn: { Value: { 'Fn::GetAtt': ['Role', 'Arn'] } } },
      });
    expect(await deploy(cfn, 'fn', body('fn.zip'), { create: true })).toBe('CREATE_COMPLETE');
    const out = await outputs(cfn, 'fn');
    expect(out.Arn).toBe('arn:aws:lambda:us-east-1:000000000000:function:doubler');
    expect(out.RoleArn).toMatch(/^arn:aws:iam::000000000000:role\/fn-Role-[A-Z0-9]{12}$/);
    const lambda = new LambdaClient(clientConfig(cloud.endpoint));
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'doubler', Payload: Buffer.from(JSON.stringify({ n: 21 })) }));
    expect(JSON.parse(Buffer.from(invoked.Payload!).toString('utf8'))).toEqual({ doubled: 42, stage: 'test' });
    lambda.destroy();

    expect(await deploy(cfn, 'fn-missing', body('nope.zip').replace('"doubler"', '"doubler2"').replace('/aws/lambda/doubler', '/aws/lambda/doubler2'), { create: true })).toBe('ROLLBACK_COMPLETE');
    const failed = (await allEvents(cfn, 'fn-missing')).find((e) => e.ResourceStatus === 'CREATE_FAILED');
    expect(failed?.LogicalResourceId).toBe('Fn');
    expect(failed?.ResourceStatusReason).toMatch(
      /^Resource handler returned message: "Error occurred while GetObject\. S3 Error Code: NoSuchKey\. S3 Error Message: The specified key does not exist\. \(Service: Lambda, Status Code: 400, Request ID: [0-9a-f-]+\)" \(RequestToken: [0-9a-f-]+, HandlerErrorCode: InvalidRequest\)$/,
    );
  });

  it('records types it does not provision, with AWS-shaped IDs and one log line per type', async () => {
    // The properties the resource specification requires (a recorded type is validated like any other).
    const CODEBUILD_REQUIRED = {
      Artifacts: { Type: 'NO_ARTIFACTS' },
      Environment: { Type: 'LINUX_CONTAINER', ComputeType: 'BUILD_GENERAL1_SMALL', Image: 'aws/codebuild/standard:7.0' },
      ServiceRole: 'arn:aws:iam::000000000000:role/build',
      Source: { Type: 'NO_SOURCE', BuildSpec: 'version: 0.2' },
    };
    const { cfn } = local;
    const body = JSON.stringify({
      Resources: {
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: 'jobs' } },
        A: { Type: 'AWS::CodeBuild::Project', Properties: { Name: 'a', ...CODEBUILD_REQUIRED } },
        B: { Type: 'AWS::CodeBuild::Project', Properties: { Name: 'b', ...CODEBUILD_REQUIRED } },
      },
      Outputs: { Url: { Value: { Ref: 'Queue' } }, QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } }, ProjectArn: { Value: { 'Fn::GetAtt': ['A', 'Arn'] } } },
    });
    expect(await deploy(cfn, 'generic', body, { create: true })).toBe('CREATE_COMPLETE');
    const out = await outputs(cfn, 'generic');
    expect(out.Url).toBe('https://sqs.us-east-1.amazonaws.com/000000000000/jobs');
    expect(out.QueueArn).toBe('arn:aws:sqs:us-east-1:000000000000:jobs');
    expect(out.ProjectArn).toMatch(/^arn:aws:codebuild:us-east-1:000000000000:project\/generic-A-[A-Z0-9]{12}$/);
    expect(local.lines.filter((line) => line.includes('AWS::CodeBuild::Project'))).toHaveLength(1);
  });

  it('reads TemplateURL from the local S3 (path-style and virtual-hosted URLs) and caps TemplateBody at 51,200 bytes', async () => {
    const { cfn, cloud, s3 } = local;
    const body = JSON.stringify({ Description: 'from s3', Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    await s3.send(new CreateBucketCommand({ Bucket: 'templates' }));
    await s3.send(new PutObjectCommand({ Bucket: 'templates', Key: 'stacks/t.json', Body: body }));
    const pathStyle = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'from-url', ChangeSetName: 'a', ChangeSetType: 'CREATE', TemplateURL: `${cloud.endpoint}/templates/stacks/t.json` }),
    );
    expect((await cfn.send(new GetTemplateCommand({ ChangeSetName: pathStyle.Id }))).TemplateBody).toBe(body);
    const hosted = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'from-url', ChangeSetName: 'b', ChangeSetType: 'CREATE', TemplateURL: 'https://templates.s3.us-east-1.amazonaws.com/stacks/t.json' }),
    );
    expect((await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: hosted.Id }))).Status).toBe('CREATE_COMPLETE');
    const missing = await cfn
      .send(new CreateChangeSetCommand({ StackName: 'from-url', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateURL: `${cloud.endpoint}/templates/nope.json` }))
      .catch((e: Error) => e);
    expect(missing).toMatchObject({ name: 'ValidationError', message: 'S3 error: The specified key does not exist.' });
    const huge = JSON.stringify({ Description: 'x'.repeat(52_000), Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    const tooBig = await cfn.send(new CreateChangeSetCommand({ StackName: 'big', ChangeSetName: 'a', ChangeSetType: 'CREATE', TemplateBody: huge })).catch((e: Error) => e);
    expect(tooBig).toMatchObject({ name: 'ValidationError' });
    expect((tooBig as Error).message).toContain('Member must have length less than or equal to 51200');
  });

  it('CreateStack runs a create directly and refuses an existing name', async () => {
    const { cfn } = local;
    const body = JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } });
    const created = await cfn.send(new CreateStackCommand({ StackName: 'direct', TemplateBody: body }));
    expect(await waitForStackToSettle(cfn, 'direct')).toBe('CREATE_COMPLETE');
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'direct' }));
    expect(Stacks?.[0]).toMatchObject({ StackId: created.StackId });
    expect(Stacks?.[0]?.ChangeSetId).toBeUndefined();
    const again = await cfn.send(new CreateStackCommand({ StackName: 'direct', TemplateBody: body })).catch((e: Error) => e);
    expect(again).toMatchObject({ name: 'AlreadyExistsException', message: 'Stack [direct] already exists' });
  });

  it('validates templates like CloudFormation', async () => {
    const { cfn } = local;
    const valid = await cfn.send(new ValidateTemplateCommand({ TemplateBody: conditional }));
    expect(valid.Parameters?.map((p) => [p.ParameterKey, p.DefaultValue])).toEqual([
      ['Stage', undefined],
      ['Zones', 'a,b'],
    ]);
    const badAttr = await cfn
      .send(new ValidateTemplateCommand({ TemplateBody: JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } }, Outputs: { X: { Value: { 'Fn::GetAtt': ['Nope', 'Arn'] } } } }) }))
      .catch((e: Error) => e);
    expect(badAttr).toMatchObject({ name: 'ValidationError', message: 'Template error: instance of Fn::GetAtt references undefined resource Nope' });
  });
});
