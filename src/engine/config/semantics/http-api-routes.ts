import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';
import { workloadEvents } from './workload-events.js';

/** A route key (`GET /users`) may exist once per HTTP API; a second one fails the deploy. */
export function checkHttpApiRoutes(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const taken = new Map<string, string>();
  for (const event of workloadEvents(view)) {
    if (event.type !== 'http-api-gateway') continue;
    const { httpApiGatewayName, method, path } = event.properties;
    if (typeof httpApiGatewayName !== 'string' || typeof method !== 'string' || typeof path !== 'string') continue;
    const routeKey = `${method === '*' ? 'ANY' : method.toUpperCase()} ${path}`;
    const key = `${httpApiGatewayName}\u0000${routeKey}`;
    const owner = event.container ? `${event.resource.name} (container ${event.container})` : event.resource.name;
    const first = taken.get(key);
    if (first === undefined) {
      taken.set(key, owner);
      continue;
    }
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_DUPLICATE_ROUTE',
        [...event.path, 'properties', 'path'],
        `route "${routeKey}" on HTTP API "${httpApiGatewayName}" is already handled by ${first}`,
        'a method and path no other event of this HTTP API uses',
        'change the path or method, or remove one of the events',
      ),
    );
  }
  return diagnostics;
}
