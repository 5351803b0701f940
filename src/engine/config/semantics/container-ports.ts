import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';
import { workloadEvents } from './workload-events.js';

/**
 * Containers of one task share a network namespace (awsvpc), so two containers cannot listen on
 * the same port. Several events of the same container on one port are fine.
 */
export function checkContainerPorts(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const owners = new Map<string, string>();
  for (const event of workloadEvents(view)) {
    if (event.container === undefined) continue;
    const port = event.properties.containerPort;
    if (typeof port !== 'number') continue;
    const key = `${event.resource.name}\u0000${port}`;
    const owner = owners.get(key);
    if (owner === undefined) {
      owners.set(key, event.container);
      continue;
    }
    if (owner === event.container) continue;
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_DUPLICATE_CONTAINER_PORT',
        [...event.path, 'properties', 'containerPort'],
        `containers "${owner}" and "${event.container}" of "${event.resource.name}" both use port ${port}; containers of one workload share the network`,
        'a port no other container of this workload uses',
        'give each container its own port',
      ),
    );
  }
  return diagnostics;
}
