import { describe, expect, it } from 'vitest';
import { cfResourceParamToIntrinsic } from '../../../../src/engine/compile/intrinsics/cf-resource-param.js';
import { sqsQueueCompiler } from '../../../../src/engine/compile/resources/sqs-queue.js';
import { compileWith, directive, errors } from '../resources/compile-data-fixture.js';

describe('$CfResourceParam against the resource specification', () => {
  it('turns the Stacktape snippet ($CfResourceParam(MySnsTopic, Arn) on a raw topic) into Ref, and an IAM role Arn into GetAtt', () => {
    const result = compileWith(
      [sqsQueueCompiler],
      {
        q: {
          type: 'sqs-queue',
          properties: {
            policyStatements: [
              {
                Effect: 'Allow',
                Principal: { AWS: directive('CfResourceParam', 'MainRole', 'Arn') },
                Action: ['sqs:SendMessage'],
                Condition: { ArnEquals: { 'aws:SourceArn': directive('CfResourceParam', 'MySnsTopic', 'Arn') } },
              },
            ],
          },
        },
      },
      {
        cloudformationResources: {
          MySnsTopic: { Type: 'AWS::SNS::Topic' },
          MainRole: {
            Type: 'AWS::IAM::Role',
            Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
          },
        },
      },
    );
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const statement = (result.template.Resources.QQueuePolicy?.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement?.Principal).toEqual({ AWS: { 'Fn::GetAtt': ['MainRole', 'Arn'] } });
    expect(statement?.Condition).toEqual({ ArnEquals: { 'aws:SourceArn': { Ref: 'MySnsTopic' } } });
  });

  it('reports an attribute the type does not have, listing the valid ones', () => {
    const result = cfResourceParamToIntrinsic('MySnsTopic', 'Url', 'AWS::SNS::Topic', () => ({ attributes: ['TopicArn', 'TopicName'], primaryIdentifier: ['TopicArn'] }));
    expect(result).toEqual({ ok: false, message: 'AWS::SNS::Topic has no attribute "Url".', valid: ['TopicArn', 'TopicName'] });
  });
});
