import { describe, expect, it } from 'vitest';
import { dependencyGraph, topologicalOrder } from '../../../../../src/emulator/services/cloudformation/template/dependency-graph.js';
import type { Template } from '../../../../../src/emulator/services/cloudformation/template/template-types.js';

const template = (resources: Record<string, unknown>): Template => ({ Resources: resources }) as unknown as Template;

describe('the local cloud dependency graph', () => {
  it('orders resources after what they Ref, GetAtt, Sub or DependsOn', () => {
    const t = template({
      Api: { Type: 'X', Properties: { Url: { 'Fn::Sub': 'https://${Fn.Url}' } } },
      Fn: { Type: 'X', Properties: { Role: { 'Fn::GetAtt': ['Role', 'Arn'] } }, DependsOn: 'Log' },
      Log: { Type: 'X', Properties: { Name: { Ref: 'AWS::StackName' } } },
      Role: { Type: 'X' },
    });
    const graph = dependencyGraph(t, new Set(Object.keys(t.Resources)));
    expect(Object.fromEntries([...graph].map(([k, v]) => [k, [...v].sort()]))).toEqual({ Api: ['Fn'], Fn: ['Log', 'Role'], Log: [], Role: [] });
    // Dependencies in the order they were found: Properties first, then DependsOn.
    expect(topologicalOrder(graph)).toEqual(['Role', 'Log', 'Fn', 'Api']);
  });

  it('rejects a cycle with CloudFormation\'s message, naming the resources in it', () => {
    const t = template({
      A: { Type: 'X', Properties: { P: { Ref: 'B' } } },
      B: { Type: 'X', Properties: { P: { 'Fn::GetAtt': ['C', 'Arn'] } } },
      C: { Type: 'X', DependsOn: ['A'] },
      D: { Type: 'X', Properties: { P: { Ref: 'A' } } },
    });
    expect(() => topologicalOrder(dependencyGraph(t, new Set(Object.keys(t.Resources))))).toThrow('Circular dependency between resources: [A, B, C]');
  });
});
