import { findDependencyCycles } from '../../../../cloudformation/dependency-cycles.js';
import { AwsServiceError } from '../../../core/aws-error.js';
import { referencedResources } from './collect-references.js';
import type { Template } from './template-types.js';

/**
 * Dependencies between the template's active resources: DependsOn plus every Ref, Fn::GetAtt
 * and Fn::Sub reference in Properties (and Metadata, which CloudFormation also resolves).
 */
export function dependencyGraph(template: Template, active: ReadonlySet<string>): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  const all = new Set(Object.keys(template.Resources));
  for (const logicalId of active) {
    const resource = template.Resources[logicalId]!;
    const deps = referencedResources(resource.Properties ?? {}, all);
    const dependsOn = resource.DependsOn === undefined ? [] : Array.isArray(resource.DependsOn) ? resource.DependsOn : [resource.DependsOn];
    for (const dep of dependsOn) {
      if (!all.has(dep)) {
        throw new AwsServiceError('ValidationError', `Template format error: Unresolved resource dependencies [${dep}] in the Resources block of the template`);
      }
      deps.add(dep);
    }
    for (const dep of deps) {
      if (!active.has(dep)) {
        // A reference to a resource whose Condition is false.
        throw new AwsServiceError('ValidationError', `Template format error: Unresolved resource dependencies [${dep}] in the Resources block of the template`);
      }
    }
    deps.delete(logicalId);
    graph.set(logicalId, deps);
  }
  return graph;
}

/** Logical IDs in an order where every resource comes after its dependencies. */
export function topologicalOrder(graph: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cycle = findDependencyCycles(graph)[0];
  if (cycle !== undefined) {
    throw new AwsServiceError('ValidationError', `Circular dependency between resources: [${[...new Set(cycle)].sort().join(', ')}]`);
  }
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (id: string) => {
    if (done.has(id)) return;
    done.add(id);
    for (const dep of graph.get(id) ?? []) visit(dep);
    order.push(id);
  };
  for (const id of [...graph.keys()].sort()) visit(id);
  return order;
}
