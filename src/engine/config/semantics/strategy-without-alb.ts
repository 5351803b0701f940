import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import { asArray, asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

/**
 * ECS canary/linear/blue-green deployments shift traffic between two target groups of an
 * application load balancer, so a container workload with `deployment` needs one: a web service
 * with `loadBalancing.type: application-load-balancer`, or a multi-container workload with an
 * `application-load-balancer` event on one of its containers.
 */
export function checkStrategyWithoutAlb(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const resource of view.resources) {
    const deployment = asRecord(resource.properties.deployment);
    if (!deployment || typeof deployment.strategy !== 'string') continue;
    let hasAlb: boolean;
    let hint: string;
    if (resource.type === 'web-service') {
      hasAlb = asRecord(resource.properties.loadBalancing)?.type === 'application-load-balancer';
      hint = 'add loadBalancing: { type: application-load-balancer } to the web service';
    } else if (resource.type === 'multi-container-workload') {
      hasAlb = asArray(resource.properties.containers).some((container) =>
        asArray(asRecord(container)?.events).some((event) => asRecord(event)?.type === 'application-load-balancer'),
      );
      hint = 'give a container an event of type application-load-balancer';
    } else if (resource.type === 'private-service') {
      hasAlb = asRecord(resource.properties.loadBalancing)?.type === 'application-load-balancer';
      hint = 'add loadBalancing: { type: application-load-balancer } to the private service';
    } else continue;
    if (hasAlb) continue;
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_STRATEGY_WITHOUT_ALB',
        propertyPath(resource.name, 'deployment', 'strategy'),
        `deployment strategy ${deployment.strategy} on "${resource.name}" needs an application load balancer to shift traffic, and it has none`,
        resource.type === 'multi-container-workload'
          ? 'a container with an application-load-balancer event'
          : 'loadBalancing.type: application-load-balancer',
        hint,
      ),
    );
  }
  return diagnostics;
}
