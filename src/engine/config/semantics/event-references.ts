import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { checkNamedReference } from './named-reference.js';
import type { ConfigPath, SemanticContext } from './semantic-context.js';
import { asArray, asRecord, propertyPath } from './stack-view.js';
import type { StackView } from './stack-view.js';

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
  const checkEvents = (events: unknown, basePath: ConfigPath) => {
    asArray(events).forEach((event, i) => {
      const record = asRecord(event);
      const refs = typeof record?.type === 'string' ? EVENT_REFERENCES[record.type] : undefined;
      const properties = asRecord(record?.properties);
      if (!refs || !properties) return;
      for (const { property, type } of refs) {
        const d = checkNamedReference(view, ctx, properties[property], type, [...basePath, i, 'properties', property], property);
        if (d) diagnostics.push(d);
      }
    });
  };
  for (const resource of view.resources) {
    if (resource.type === 'function' || resource.type === 'batch-job') {
      checkEvents(resource.properties.events, propertyPath(resource.name, 'events'));
    }
    if (resource.type === 'multi-container-workload') {
      asArray(resource.properties.containers).forEach((container, c) => {
        checkEvents(asRecord(container)?.events, propertyPath(resource.name, 'containers', c, 'events'));
      });
    }
  }
  return diagnostics;
}
