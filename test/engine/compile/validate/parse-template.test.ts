import { describe, expect, it } from 'vitest';
import { parseTemplateText, validateTemplateText } from '../../../../src/engine/compile/validate/parse-template.js';

const yamlTemplate = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Stage:
    Type: String
Resources:
  Topic:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: !Sub '\${Stage}-topic'
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join ['-', [!Ref Stage, !GetAtt Topic.TopicName]]
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt [Topic, TopicArn]
Outputs:
  TopicArn:
    Value: !Ref Topic
    Condition: IsProd
`;

describe('parseTemplateText', () => {
  it('reads YAML short-form intrinsics into their long forms', () => {
    const { template, diagnostics } = parseTemplateText(yamlTemplate, 'template.yml');
    expect(diagnostics).toEqual([]);
    const queue = (template!.Resources as Record<string, { Properties: Record<string, unknown> }>).Queue!.Properties;
    expect(queue.QueueName).toEqual({ 'Fn::Join': ['-', [{ Ref: 'Stage' }, { 'Fn::GetAtt': ['Topic', 'TopicName'] }]] });
    expect(queue.RedrivePolicy).toEqual({ deadLetterTargetArn: { 'Fn::GetAtt': ['Topic', 'TopicArn'] } });
  });

  it('reports YAML syntax errors with a position', () => {
    const { template, diagnostics } = parseTemplateText('Resources:\n  A: [unclosed\n', 't.yml');
    expect(template).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ code: 'STP_TEMPLATE_PARSE_ERROR', position: { file: 't.yml' } });
  });
});

describe('validateTemplateText', () => {
  it('places findings at file:line:column, including inside JSON', () => {
    const yamlFindings = validateTemplateText(yamlTemplate.replace('TopicName]]', 'TopicNam]]'), 'template.yml');
    expect(yamlFindings.map((d) => [d.code, d.position?.line])).toEqual([
      ['STP_TEMPLATE_UNKNOWN_ATTRIBUTE', 13],
      ['STP_TEMPLATE_UNKNOWN_CONDITION', 19],
    ]);
    const json = JSON.stringify({ Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: {}, Role: 'r', Memory: 1 } } } }, null, 2);
    const [d] = validateTemplateText(json, 'template.json');
    expect(d).toMatchObject({ code: 'STP_TEMPLATE_UNKNOWN_PROPERTY', position: { file: 'template.json', line: 8, column: 9 } });
  });
});
