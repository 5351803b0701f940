import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { cloudFormationYamlTags } from '../../src/cloudformation/yaml-tags.js';
import { parseTemplateText } from '../../src/engine/compile/validate/parse-template.js';
import { parseTemplateBody } from '../../src/emulator/services/cloudformation/template/parse-template.js';

const read = (text: string): unknown => parse(text, { customTags: [...cloudFormationYamlTags] });

describe('CloudFormation YAML short forms', () => {
  it('turns every short form into its long form', () => {
    expect(read('a: !Ref Bucket')).toEqual({ a: { Ref: 'Bucket' } });
    expect(read('a: !Condition IsProd')).toEqual({ a: { Condition: 'IsProd' } });
    expect(read('a: !Sub "${AWS::StackName}-x"')).toEqual({ a: { 'Fn::Sub': '${AWS::StackName}-x' } });
    expect(read('a: !Join ["-", [x, !Ref y]]')).toEqual({ a: { 'Fn::Join': ['-', ['x', { Ref: 'y' }]] } });
    expect(read('a: !If [C, 1, 2]')).toEqual({ a: { 'Fn::If': ['C', 1, 2] } });
    expect(read('a: !Transform {Name: X}')).toEqual({ a: { 'Fn::Transform': { Name: 'X' } } });
    expect(read('a: !GetAZs ""')).toEqual({ a: { 'Fn::GetAZs': '' } });
  });

  it('splits the scalar !GetAtt at the first dot only, and keeps a dotless one as written', () => {
    expect(read('a: !GetAtt Db.Endpoint.Address')).toEqual({ a: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] } });
    expect(read('a: !GetAtt [Db, Arn]')).toEqual({ a: { 'Fn::GetAtt': ['Db', 'Arn'] } });
    expect(read('a: !GetAtt Db')).toEqual({ a: { 'Fn::GetAtt': 'Db' } });
  });

  it('resolves anchors and aliases inside a tagged collection', () => {
    expect(read('x: &name queue\na: !Join ["-", [*name, !Ref y]]')).toEqual({ x: 'queue', a: { 'Fn::Join': ['-', ['queue', { Ref: 'y' }]] } });
  });

  it('is the same reading for stp validate --template and the local cloud', () => {
    const text = [
      'Resources:',
      '  Topic:',
      '    Type: AWS::SNS::Topic',
      '    Properties:',
      '      TopicName: &n !Sub "${AWS::StackName}-t"',
      '  Queue:',
      '    Type: AWS::SQS::Queue',
      '    Properties:',
      '      QueueName: !Join ["-", [*n, !GetAtt Topic.TopicName, !Select [0, !GetAZs ""]]]',
      '',
    ].join('\n');
    const local = parseTemplateBody(text);
    expect(parseTemplateText(text, 't.yml').template).toEqual(local);
    expect(local.Resources.Queue!.Properties).toEqual({
      QueueName: {
        'Fn::Join': ['-', [{ 'Fn::Sub': '${AWS::StackName}-t' }, { 'Fn::GetAtt': ['Topic', 'TopicName'] }, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }]],
      },
    });
  });
});
