import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { workloadContainerLists } from './workload-containers.js';

/** Container names are unique within a workload (ECS task definitions require it). */
export function checkContainerNames(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const { resource, key, containers } of workloadContainerLists(view)) {
    const seen = new Map<string, number>();
    for (const container of containers) {
      if (container.name === undefined) continue;
      const first = seen.get(container.name);
      if (first === undefined) {
        seen.set(container.name, container.index);
        continue;
      }
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_DUPLICATE_CONTAINER',
          propertyPath(resource.name, key, container.index, 'name'),
          `container name "${container.name}" is used twice in "${resource.name}" (${key}[${first}] and ${key}[${container.index}])`,
          'a container name not used by another container of this workload',
          'rename one of the containers',
        ),
      );
    }
  }
  return diagnostics;
}
