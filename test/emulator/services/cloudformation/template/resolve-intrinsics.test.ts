import { describe, expect, it } from 'vitest';
import { parseTemplateBody } from '../../../../../src/emulator/services/cloudformation/template/parse-template.js';
import {
  evaluateConditions,
  KNOWN_AFTER_APPLY,
  resolveValue,
  type ResolveContext,
} from '../../../../../src/emulator/services/cloudformation/template/resolve-intrinsics.js';
import type { Template } from '../../../../../src/emulator/services/cloudformation/template/template-types.js';

function context(template: Template, overrides: Partial<ResolveContext> = {}): ResolveContext {
  const base = {
    template,
    parameters: new Map<string, string | string[]>([
      ['Stage', 'prod'],
      ['Subnets', ['subnet-1', 'subnet-2']],
      ['AWS::Region', 'eu-west-1'],
      ['AWS::StackName', 'shop'],
      ['AWS::AccountId', '000000000000'],
    ]),
    region: 'eu-west-1',
    ref: (id: string) => (id === 'Pending' ? KNOWN_AFTER_APPLY : `${id}-physical`),
    getAtt: (id: string, attribute: string) => (id === 'Pending' ? KNOWN_AFTER_APPLY : `${id}.${attribute}-value`),
    importValue: (name: string) => (name === 'shared-vpc' ? 'vpc-123' : undefined),
    ...overrides,
  };
  return { ...base, conditions: evaluateConditions(base) };
}

const template = parseTemplateBody(`
Parameters:
  Stage: { Type: String }
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
  IsDev: !Not [!Condition IsProd]
  ProdInEu: !And [!Condition IsProd, !Equals [!Ref 'AWS::Region', eu-west-1]]
  Either: !Or [!Condition IsDev, !Condition ProdInEu]
Mappings:
  Sizes:
    prod: { Memory: 1024 }
    dev: { Memory: 128 }
Resources:
  Fn:
    Type: AWS::Lambda::Function
`);

describe('resolveValue', () => {
  const ctx = context(template);

  it('resolves Ref to parameters, pseudo parameters and resources', () => {
    expect(resolveValue({ Ref: 'Stage' }, ctx)).toBe('prod');
    expect(resolveValue({ Ref: 'AWS::StackName' }, ctx)).toBe('shop');
    expect(resolveValue({ Ref: 'Fn' }, ctx)).toBe('Fn-physical');
  });

  it('substitutes both forms of Fn::Sub, including attributes and ${!Literal}', () => {
    expect(resolveValue({ 'Fn::Sub': '${AWS::StackName}-${Stage}-${Fn.Arn}-${!Keep}' }, ctx)).toBe('shop-prod-Fn.Arn-value-${Keep}');
    expect(resolveValue({ 'Fn::Sub': ['${Name}/${Stage}', { Name: { Ref: 'Fn' } }] }, ctx)).toBe('Fn-physical/prod');
  });

  it('joins, splits, selects and measures lists', () => {
    expect(resolveValue({ 'Fn::Join': [',', { Ref: 'Subnets' }] }, ctx)).toBe('subnet-1,subnet-2');
    expect(resolveValue({ 'Fn::Select': [1, { 'Fn::Split': ['-', 'a-b-c'] }] }, ctx)).toBe('b');
    expect(resolveValue({ 'Fn::Select': ['0', { 'Fn::GetAZs': '' }] }, ctx)).toBe('eu-west-1a');
    expect(() => resolveValue({ 'Fn::Select': [5, ['a']] }, ctx)).toThrow('Template error: Fn::Select cannot select nonexistent value at index 5');
  });

  it('evaluates conditions (Equals/And/Or/Not/Condition) and Fn::If, dropping AWS::NoValue', () => {
    expect(Object.fromEntries(ctx.conditions)).toEqual({ IsProd: true, IsDev: false, ProdInEu: true, Either: true });
    expect(resolveValue({ A: { 'Fn::If': ['IsDev', 'x', { Ref: 'AWS::NoValue' }] }, B: { 'Fn::If': ['IsProd', 'big', 'small'] } }, ctx)).toEqual({ B: 'big' });
    expect(resolveValue(['a', { 'Fn::If': ['IsDev', 'b', { Ref: 'AWS::NoValue' }] }], ctx)).toEqual(['a']);
  });

  it('finds in mappings, with DefaultValue for a missing key', () => {
    expect(resolveValue({ 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Memory'] }, ctx)).toBe(1024);
    expect(resolveValue({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory', { DefaultValue: 256 }] }, ctx)).toBe(256);
    expect(() => resolveValue({ 'Fn::FindInMap': ['Sizes', 'qa', 'Memory'] }, ctx)).toThrow('Unable to get mapping for Sizes::qa::Memory');
  });

  it('imports exported values and encodes Base64', () => {
    expect(resolveValue({ 'Fn::ImportValue': 'shared-vpc' }, ctx)).toBe('vpc-123');
    expect(() => resolveValue({ 'Fn::ImportValue': 'missing' }, ctx)).toThrow('No export named missing found');
    expect(resolveValue({ 'Fn::Base64': { 'Fn::Sub': '${Stage}' } }, ctx)).toBe(Buffer.from('prod').toString('base64'));
  });

  it('collapses anything built from a not-yet-created resource into KNOWN_AFTER_APPLY', () => {
    expect(resolveValue({ 'Fn::Sub': 'arn:${Pending}' }, ctx)).toBe(KNOWN_AFTER_APPLY);
    expect(resolveValue({ 'Fn::Join': ['', ['x', { 'Fn::GetAtt': ['Pending', 'Arn'] }]] }, ctx)).toBe(KNOWN_AFTER_APPLY);
    expect(resolveValue({ Nested: { Ref: 'Pending' } }, ctx)).toEqual({ Nested: KNOWN_AFTER_APPLY });
  });

  it('leaves dynamic references opaque when there is no store, and resolves them through one', () => {
    const value = '{{resolve:ssm:/app/db-host}}:5432';
    expect(resolveValue(value, ctx)).toBe(value);
    const withStore = context(template, { dynamicReference: (ref) => (ref === '{{resolve:ssm:/app/db-host}}' ? 'db.internal' : undefined) });
    expect(resolveValue(value, withStore)).toBe('db.internal:5432');
    expect(resolveValue(value, { ...withStore, keepDynamicReferences: true })).toBe(value);
  });
});

describe('parseTemplateBody', () => {
  it('turns YAML short forms into the long JSON forms', () => {
    const parsed = parseTemplateBody(`
Resources:
  A:
    Type: AWS::SNS::Topic
    Properties:
      Name: !Ref X
      Arn: !GetAtt B.Endpoint.Address
      Sub: !Sub '\${AWS::Region}-x'
      SubList: !Sub ['\${a}', { a: 1 }]
      Joined: !Join ['-', [a, !Ref B]]
      Maybe: !If [C, yes, no]
      Zones: !GetAZs ''
      Map: !FindInMap [M, a, b]
      Flag: true
`);
    expect(parsed.Resources.A?.Properties).toEqual({
      Name: { Ref: 'X' },
      Arn: { 'Fn::GetAtt': ['B', 'Endpoint.Address'] },
      Sub: { 'Fn::Sub': '${AWS::Region}-x' },
      SubList: { 'Fn::Sub': ['${a}', { a: 1 }] },
      Joined: { 'Fn::Join': ['-', ['a', { Ref: 'B' }]] },
      Maybe: { 'Fn::If': ['C', 'yes', 'no'] },
      Zones: { 'Fn::GetAZs': '' },
      Map: { 'Fn::FindInMap': ['M', 'a', 'b'] },
      Flag: true,
    });
  });

  it('rejects templates CloudFormation rejects, with its texts', () => {
    expect(() => parseTemplateBody('{"Resources": ')).toThrow(/^Template format error: JSON not well-formed/);
    expect(() => parseTemplateBody('Description: x')).toThrow('Template format error: At least one Resources member must be defined.');
    expect(() => parseTemplateBody('{"Resources": {"a-b": {"Type": "X"}}}')).toThrow('Template format error: Resource name a-b is non alphanumeric.');
  });
});
