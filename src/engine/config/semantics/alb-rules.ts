import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import { asArray, asRecord } from './stack-view.js';
import type { StackView } from './stack-view.js';
import { workloadEvents } from './workload-events.js';

/**
 * Application-load-balancer events become listener rules: a rule's priority must be unique on its
 * listener (CloudFormation fails mid-deploy with "Priority is currently in use" otherwise), and a
 * `listenerPort` must be one of the load balancer's listeners when it declares them.
 */
export function checkAlbRules(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const taken = new Map<string, { owner: string; path: ConfigPath }>();
  for (const event of workloadEvents(view)) {
    if (event.type !== 'application-load-balancer') continue;
    const { loadBalancerName, listenerPort, priority } = event.properties;
    if (typeof loadBalancerName !== 'string') continue;
    const alb = view.byName.get(loadBalancerName);
    if (!alb || alb.type !== 'application-load-balancer') continue; // reported by event-references
    const ports = asArray(alb.properties.listeners).flatMap((l) => {
      const port = asRecord(l)?.port;
      return typeof port === 'number' ? [port] : [];
    });
    const owner = event.container ? `${event.resource.name} (container ${event.container})` : event.resource.name;
    if (typeof listenerPort === 'number' && ports.length > 0 && !ports.includes(listenerPort)) {
      diagnostics.push(
        semanticError(
          ctx,
          'STP_CONFIG_UNKNOWN_LISTENER',
          [...event.path, 'properties', 'listenerPort'],
          `load balancer "${loadBalancerName}" has no listener on port ${listenerPort}`,
          `one of its listener ports: ${ports.join(', ')}`,
          `use listenerPort: ${ports[0]}, or add a listener on ${listenerPort} to "${loadBalancerName}"`,
        ),
      );
      continue;
    }
    if (typeof priority !== 'number') continue;
    const listener = typeof listenerPort === 'number' ? String(listenerPort) : 'default';
    const key = `${loadBalancerName}\u0000${listener}\u0000${priority}`;
    const first = taken.get(key);
    if (!first) {
      taken.set(key, { owner, path: event.path });
      continue;
    }
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_DUPLICATE_ALB_PRIORITY',
        [...event.path, 'properties', 'priority'],
        `priority ${priority} on load balancer "${loadBalancerName}"${listener === 'default' ? '' : ` (listener ${listener})`} is already used by ${first.owner}`,
        'a priority no other rule of the same listener uses',
        'give each application-load-balancer event on a listener its own priority',
      ),
    );
  }
  return diagnostics;
}
