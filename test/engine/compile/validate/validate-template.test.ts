import { describe, expect, it } from 'vitest';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import type { CfnTemplate } from '../../../../src/engine/compile/compile-contract.js';

/** Loosely typed on purpose: the validator must cope with hand-written (cloudformationResources) input. */
function template(resources: Record<string, unknown>, extra: Record<string, unknown> = {}): CfnTemplate {
  return { AWSTemplateFormatVersion: '2010-09-09', Resources: resources, ...extra } as CfnTemplate;
}

const goodFunctionStack = template(
  {
    MyFunctionRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
        },
        Policies: [{ PolicyName: 'logs', PolicyDocument: { Statement: [] } }],
      },
    },
    MyFunctionLogGroup: {
      Type: 'AWS::Logs::LogGroup',
      Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${AWS::StackName}-myFunction' }, RetentionInDays: 14 },
      DeletionPolicy: 'Delete',
    },
    MyFunctionFunction: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Code: { S3Bucket: { Ref: 'StpAssetsBucket' }, S3Key: '${stp:asset:myFunction:key}' },
        Role: { 'Fn::GetAtt': ['MyFunctionRole', 'Arn'] },
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        MemorySize: '512',
        Environment: { Variables: { TABLE: { Ref: 'AWS::NoValue' }, STAGE: 'dev' } },
        Tags: [{ Key: 'stage', Value: 'dev' }],
      },
      DependsOn: ['MyFunctionLogGroup'],
    },
    ScriptRunner: {
      Type: 'Custom::DeploymentScript',
      Properties: { ServiceToken: { 'Fn::GetAtt': 'MyFunctionFunction.Arn' }, Anything: { goes: [1, 2] } },
    },
  },
  {
    Parameters: { StpAssetsBucket: { Type: 'String' } },
    Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::StackName' }, 'prod'] } },
    Outputs: {
      FunctionArn: { Value: { 'Fn::GetAtt': ['MyFunctionFunction', 'Arn'] } },
      ScriptResult: { Value: { 'Fn::GetAtt': ['ScriptRunner', 'Whatever'] }, Condition: 'IsProd' },
      Url: { Value: { 'Fn::Sub': ['https://${Host}/${MyFunctionFunction}', { Host: 'example.com' }] } },
    },
  },
);

function codes(t: CfnTemplate) {
  return validateTemplate(t).map((d) => d.code);
}

describe('validateTemplate', () => {
  it('accepts a correct template (intrinsics, custom resources, conditions, Sub variables)', () => {
    expect(validateTemplate(goodFunctionStack)).toEqual([]);
  });

  it('reports an unknown resource type with a suggestion', () => {
    const [d, ...rest] = validateTemplate(template({ Topic: { Type: 'AWS::SNS::Topik' } }));
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'STP_TEMPLATE_UNKNOWN_RESOURCE_TYPE', severity: 'error', path: ['Resources', 'Topic', 'Type'], hint: 'did you mean "AWS::SNS::Topic"?' });
  });

  it('treats an unknown non-AWS namespace as a (warning-level) registry type', () => {
    const [d] = validateTemplate(template({ Cluster: { Type: 'MongoDB::Atlas::Cluster', Properties: { Name: 'x' } } }));
    expect(d).toMatchObject({ code: 'STP_TEMPLATE_UNKNOWN_RESOURCE_TYPE', severity: 'warning' });
  });

  it('reports unknown property names, top-level and nested, with did-you-mean', () => {
    const diags = validateTemplate(
      template({
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: { Code: { S3Bucket: 'b', S3Kye: 'k' }, Role: 'arn:aws:iam::1:role/r', MemorySise: 128 },
        },
      }),
    );
    expect(diags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'STP_TEMPLATE_UNKNOWN_PROPERTY', path: ['Resources', 'Fn', 'Properties', 'MemorySise'], hint: 'did you mean "MemorySize"?' }),
        expect.objectContaining({ code: 'STP_TEMPLATE_UNKNOWN_PROPERTY', path: ['Resources', 'Fn', 'Properties', 'Code', 'S3Kye'], hint: 'did you mean "S3Key"?' }),
      ]),
    );
    expect(diags).toHaveLength(2);
  });

  it('checks property names inside lists of objects', () => {
    const diags = validateTemplate(
      template({
        Table: {
          Type: 'AWS::DynamoDB::Table',
          Properties: { KeySchema: [{ AttributeName: 'pk', KeyTyp: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] },
        },
      }),
    );
    expect(diags.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_TEMPLATE_UNKNOWN_PROPERTY', 'Resources.Table.Properties.KeySchema.0.KeyTyp'],
      ['STP_TEMPLATE_MISSING_REQUIRED_PROPERTY', 'Resources.Table.Properties.KeySchema.0'],
    ]);
  });

  it('reports missing required properties (also when Properties is absent)', () => {
    const diags = validateTemplate(template({ Fn: { Type: 'AWS::Lambda::Function' } }));
    expect(diags.map((d) => d.message).sort()).toEqual([
      'AWS::Lambda::Function requires the property "Code".',
      'AWS::Lambda::Function requires the property "Role".',
    ]);
  });

  it('reports a list where an object is expected, and vice versa', () => {
    const diags = validateTemplate(
      template({
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: [{ S3Bucket: 'b' }], Role: 'r', Layers: 'arn:layer' } },
      }),
    );
    expect(diags.map((d) => [d.code, d.path?.at(-1), d.expected])).toEqual([
      ['STP_TEMPLATE_INVALID_PROPERTY_VALUE', 'Code', 'an object'],
      ['STP_TEMPLATE_INVALID_PROPERTY_VALUE', 'Layers', 'a list'],
    ]);
  });

  it('requires ServiceToken on custom resources but accepts any other property', () => {
    const diags = validateTemplate(template({ Script: { Type: 'Custom::Thing', Properties: { Foo: 1 } } }));
    expect(diags.map((d) => d.code)).toEqual(['STP_TEMPLATE_MISSING_SERVICE_TOKEN']);
  });

  it('checks Fn::GetAtt attributes against the target type', () => {
    const diags = validateTemplate(
      template({
        Topic: { Type: 'AWS::SNS::Topic' },
        Queue: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['Topic', 'TopicArm'] } } },
        Db: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::Sub': '${Topic.TopicName}-${Topic.Nope}' } } },
      }),
    );
    expect(diags.map((d) => [d.code, d.hint])).toEqual([
      ['STP_TEMPLATE_UNKNOWN_ATTRIBUTE', 'did you mean "TopicArn"?'],
      ['STP_TEMPLATE_UNKNOWN_ATTRIBUTE', undefined],
    ]);
    expect(diags[0]!.expected).toBe('one of: TopicArn, TopicName');
  });

  it('accepts dotted attributes and nested-stack outputs', () => {
    expect(
      codes(
        template({
          Db: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: 'db.t3.micro' } },
          Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://x' } },
          Q: {
            Type: 'AWS::SQS::Queue',
            Properties: { QueueName: { 'Fn::Join': ['-', [{ 'Fn::GetAtt': 'Db.Endpoint.Address' }, { 'Fn::GetAtt': ['Nested', 'Outputs.Foo'] }]] } },
          },
        }),
      ),
    ).toEqual([]);
  });

  it('reports Ref / GetAtt / Sub / DependsOn / Condition targets that do not exist', () => {
    const diags = validateTemplate(
      template(
        {
          Topic: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Stagee' } } },
          Queue: {
            Type: 'AWS::SQS::Queue',
            Properties: { QueueName: { 'Fn::Sub': '${Topc}-${AWS::Region}-${!Literal}' }, DelaySeconds: { 'Fn::If': ['IsPrd', 1, 0] } },
            DependsOn: 'Topik',
          },
          Other: { Type: 'AWS::SQS::Queue', Properties: { QueueName: { 'Fn::GetAtt': ['Stage', 'Arn'] } } },
        },
        { Parameters: { Stage: { Type: 'String' } }, Conditions: { IsProd: { 'Fn::Equals': ['a', 'b'] } } },
      ),
    );
    expect(diags.map((d) => [d.code, d.hint ?? null])).toEqual([
      ['STP_TEMPLATE_UNKNOWN_DEPENDENCY', 'did you mean "Topic"?'],
      ['STP_TEMPLATE_UNKNOWN_REFERENCE', 'did you mean "Stage"?'],
      ['STP_TEMPLATE_UNKNOWN_REFERENCE', 'did you mean "Topic"?'],
      ['STP_TEMPLATE_UNKNOWN_CONDITION', 'did you mean "IsProd"?'],
      ['STP_TEMPLATE_UNKNOWN_REFERENCE', null],
    ]);
    expect(diags[4]!.message).toContain('is a parameter, not a resource');
  });

  it('names the resources of a circular dependency, in order', () => {
    const diags = validateTemplate(
      template({
        A: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'B' } } },
        B: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': ['C', 'TopicName'] } } },
        C: { Type: 'AWS::SNS::Topic', DependsOn: ['A'] },
        D: { Type: 'AWS::SNS::Topic', DependsOn: ['A'] },
        Self: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::Sub': '${Self.TopicName}' } } },
      }),
    );
    expect(diags.filter((d) => d.code === 'STP_TEMPLATE_CIRCULAR_DEPENDENCY').map((d) => d.message)).toEqual([
      'Circular dependency between resources: A → B → C → A.',
      'Circular dependency between resources: Self → Self.',
    ]);
  });

  it('checks structure: empty resources, logical IDs, policies, transforms, quotas', () => {
    expect(codes(template({}))).toEqual(['STP_TEMPLATE_NO_RESOURCES']);
    expect(codes(template({ 'my-topic': { Type: 'AWS::SNS::Topic' } }))).toEqual(['STP_TEMPLATE_INVALID_LOGICAL_ID']);
    expect(codes(template({ T: { Type: 'AWS::SNS::Topic', DeletionPolicy: 'Keep' as never } }))).toEqual(['STP_TEMPLATE_INVALID_POLICY']);
    expect(codes(template({ F: { Type: 'AWS::Serverless::Function', Properties: {} } }))).toContain('STP_TEMPLATE_TRANSFORM_REQUIRED');
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 501; i++) many[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
    expect(codes(template(many))).toEqual(['STP_TEMPLATE_QUOTA_EXCEEDED']);
  });

  it('checks parameters have a Type and export names are unique', () => {
    const diags = validateTemplate(
      template(
        { T: { Type: 'AWS::SNS::Topic' } },
        {
          Parameters: { Stage: { Default: 'dev' } },
          Outputs: {
            A: { Value: { Ref: 'T' }, Export: { Name: 'app-topic' } },
            B: { Value: { Ref: 'T' }, Export: { Name: 'app-topic' } },
            C: { Value: { Ref: 'T' }, Export: { Name: { 'Fn::Sub': '${AWS::StackName}-topic' } } },
          },
        },
      ),
    );
    expect(diags.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_TEMPLATE_INVALID_PARAMETER', 'Parameters.Stage'],
      ['STP_TEMPLATE_DUPLICATE_EXPORT', 'Outputs.B.Export.Name'],
    ]);
  });

  it('reports malformed intrinsics', () => {
    expect(codes(template({ T: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { 'Fn::GetAtt': 'NoDot' } } } }))).toEqual([
      'STP_TEMPLATE_INVALID_INTRINSIC',
    ]);
  });
});
