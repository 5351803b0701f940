import { describe, expect, it } from 'vitest';
import { isCustomResourceType } from '../../src/cloudformation/custom-resource-type.js';
import { findDependencyCycles } from '../../src/cloudformation/dependency-cycles.js';
import { collectReferences, subVariables } from '../../src/cloudformation/template-references.js';

describe('collectReferences', () => {
  it('finds Ref, GetAtt (both forms), Sub variables and Fn::If conditions with their paths', () => {
    const value = {
      A: { Ref: 'Bucket' },
      B: [{ 'Fn::GetAtt': 'Db.Endpoint.Address' }, { 'Fn::GetAtt': ['Topic', 'TopicArn'] }],
      C: { 'Fn::Sub': ['${Queue.Arn}/${Local}/${AWS::Region}/${!Literal}', { Local: { Ref: 'Param' } }] },
      D: { 'Fn::If': ['IsProd', 1, { Ref: 'Other' }] },
    };
    expect(collectReferences(value, ['Properties'], [])).toEqual([
      { kind: 'ref', target: 'Bucket', path: ['Properties', 'A', 'Ref'], via: 'Ref' },
      { kind: 'getatt', target: 'Db', attribute: 'Endpoint.Address', path: ['Properties', 'B', 0, 'Fn::GetAtt'], via: 'Fn::GetAtt' },
      { kind: 'getatt', target: 'Topic', attribute: 'TopicArn', path: ['Properties', 'B', 1, 'Fn::GetAtt'], via: 'Fn::GetAtt' },
      { kind: 'ref', target: 'Param', path: ['Properties', 'C', 'Fn::Sub', 1, 'Local', 'Ref'], via: 'Ref' },
      { kind: 'getatt', target: 'Queue', attribute: 'Arn', path: ['Properties', 'C', 'Fn::Sub'], via: 'Fn::Sub' },
      { kind: 'ref', target: 'AWS::Region', path: ['Properties', 'C', 'Fn::Sub'], via: 'Fn::Sub' },
      { kind: 'condition', target: 'IsProd', path: ['Properties', 'D', 'Fn::If', 0] },
      { kind: 'ref', target: 'Other', path: ['Properties', 'D', 'Fn::If', 2, 'Ref'], via: 'Ref' },
    ]);
  });

  it('reports malformed intrinsics instead of guessing', () => {
    expect(collectReferences({ 'Fn::GetAtt': 'Db' }, [], []).map((r) => r.kind)).toEqual(['malformed']);
    expect(collectReferences({ Ref: ['x'] }, [], []).map((r) => r.kind)).toEqual(['malformed']);
  });

  it('counts { Condition: X } objects only when asked (the Conditions section)', () => {
    expect(collectReferences({ And: [{ Condition: 'A' }] }, [], [])).toEqual([]);
    expect(collectReferences({ And: [{ Condition: 'A' }] }, [], [], { conditionObjects: true })).toEqual([
      { kind: 'condition', target: 'A', path: ['And', 0, 'Condition'] },
    ]);
  });

  it('subVariables skips ${!Literal} and empty variables', () => {
    expect(subVariables('${A}-${ B.C }-${!D}-${}')).toEqual(['A', 'B.C']);
  });
});

describe('findDependencyCycles', () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges).map(([k, v]) => [k, new Set(v)]));

  it('returns each cycle as a closed walk from its smallest member, and nothing for a DAG', () => {
    expect(findDependencyCycles(graph({ A: ['B'], B: ['C'], C: [] }))).toEqual([]);
    expect(findDependencyCycles(graph({ C: ['A'], A: ['B'], B: ['C'], S: ['S'], X: ['C'] }))).toEqual([
      ['A', 'B', 'C', 'A'],
      ['S', 'S'],
    ]);
  });
});

describe('isCustomResourceType', () => {
  it('knows both spellings of a custom resource, and nothing else', () => {
    expect(['Custom::Greeting', 'AWS::CloudFormation::CustomResource', 'AWS::SNS::Topic', 'Custom'].map(isCustomResourceType)).toEqual([true, true, false, false]);
  });
});
