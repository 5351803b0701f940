import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkNamedReference } from './named-reference.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';
import { workloadEvents } from './workload-events.js';

/** Event properties that name a resource of this stack, by event type. */
const EVENT_REFERENCES: Readonly<Record<string, readonly { property: string; type: string }[]>> = {
  'http-api-gateway': [{ property: 'httpApiGatewayName', type: 'http-api-gateway' }],
  'application-load-balancer': [{ property: 'loadBalancerName', type: 'application-load-balancer' }],
  'network-load-balancer': [{ property: 'loadBalancerName', type: 'network-load-balancer' }],
  sqs: [{ property: 'sqsQueueName', type: 'sqs-queue' }],
  sns: [{ property: 'snsTopicName', type: 'sns-topic' }],
  'event-bus': [{ property: 'eventBusName', type: 'event-bus' }],
};

/** Events of functions, batch jobs and multi-container workload containers. */
export function checkEventReferences(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const event of workloadEvents(view)) {
    for (const { property, type } of EVENT_REFERENCES[event.type] ?? []) {
      const d = checkNamedReference(view, ctx, event.properties[property], type, [...event.path, 'properties', property], property);
      if (d) diagnostics.push(d);
    }
  }
  return diagnostics;
}
