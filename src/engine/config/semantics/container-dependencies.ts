import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { suggestName } from './suggest-name.js';
import { quoteList, semanticError } from './semantic-context.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import { asArray, asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { workloadContainerLists } from './workload-containers.js';

interface Edge {
  to: string;
  path: ConfigPath;
}

/**
 * `dependsOn[].containerName` must name another container of the same workload, and the
 * dependencies must not form a cycle (ECS would never start the task).
 */
export function checkContainerDependencies(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { resource, key, containers } of workloadContainerLists(view)) {
    const names = containers.flatMap((c) => (c.name === undefined ? [] : [c.name]));
    const edges = new Map<string, Edge[]>();
    for (const container of containers) {
      if (container.name === undefined) continue;
      const list: Edge[] = [];
      asArray(container.record.dependsOn).forEach((dep, d) => {
        const target = asRecord(dep)?.containerName;
        if (typeof target !== 'string') return;
        const path = propertyPath(resource.name, key, container.index, 'dependsOn', d, 'containerName');
        if (!names.includes(target)) {
          const suggestion = suggestName(target, names);
          diagnostics.push(
            semanticError(
              ctx,
              'STP_CONFIG_UNKNOWN_REFERENCE',
              path,
              `container "${container.name}" depends on "${target}", which is not a container of "${resource.name}"`,
              `one of the containers: ${quoteList(names)}`,
              suggestion ? `did you mean "${suggestion}"?` : 'dependsOn names containers of the same workload by their `name`',
            ),
          );
          return;
        }
        list.push({ to: target, path });
      });
      // Keep the first list for a duplicated name; duplicates are reported by container-names.
      if (!edges.has(container.name)) edges.set(container.name, list);
    }
    diagnostics.push(...findCycles(edges, resource.name, ctx));
  }
  return diagnostics;
}

/** Depth-first search; each cycle is reported once, at the dependsOn entry that closes it. */
function findCycles(edges: Map<string, Edge[]>, workload: string, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const reported = new Set<string>();
  const visit = (node: string) => {
    state.set(node, 'visiting');
    stack.push(node);
    for (const edge of edges.get(node) ?? []) {
      const s = state.get(edge.to);
      if (s === 'visiting') {
        const cycle = [...stack.slice(stack.indexOf(edge.to)), edge.to];
        const id = [...new Set(cycle)].sort().join('\u0000');
        if (reported.has(id)) continue;
        reported.add(id);
        const chain = cycle.join(' → ');
        diagnostics.push(
          semanticError(
            ctx,
            'STP_CONFIG_DEPENDS_ON_CYCLE',
            edge.path,
            `containers of "${workload}" depend on each other in a cycle: ${chain}`,
            'container dependencies without cycles',
            cycle.length === 2 ? 'a container cannot depend on itself' : `remove one dependsOn entry from the cycle ${chain}`,
          ),
        );
      } else if (s === undefined) visit(edge.to);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return diagnostics;
}
