import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { semanticError } from './semantic-context.js';
import type { SemanticContext } from './semantic-context.js';
import type { StackView } from './stack-view.js';
import { suggestName } from './suggest-name.js';
import { workloadEvents } from './workload-events.js';

/** Event types whose source is given by exactly one of several properties. */
const SOURCE_CHOICES: Readonly<Record<string, readonly string[]>> = {
  sqs: ['sqsQueueName', 'sqsQueueArn'],
  sns: ['snsTopicName', 'snsTopicArn'],
  'event-bus': ['eventBusName', 'eventBusArn', 'useDefaultBus'],
};

/** An sqs/sns/event-bus event names its source once: by name (this stack), by ARN, or the default bus. */
export function checkEventSources(view: StackView, ctx: SemanticContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const event of workloadEvents(view)) {
    const choices = SOURCE_CHOICES[event.type];
    if (!choices) continue;
    const given = choices.filter((p) => event.properties[p] !== undefined && event.properties[p] !== false);
    if (given.length === 1) continue;
    // A misspelt source (`sqsQueueNam`, 3.x `topicArn`) is the schema's unknown-property error.
    if (given.length === 0 && Object.keys(event.properties).some((key) => suggestName(key, choices) !== undefined)) continue;
    const list = choices.join(', ');
    diagnostics.push(
      semanticError(
        ctx,
        'STP_CONFIG_EVENT_SOURCE',
        given.length === 0 ? [...event.path, 'properties'] : [...event.path, 'properties', given[1]!],
        given.length === 0
          ? `this ${event.type} event does not say where its events come from`
          : `this ${event.type} event gives both ${given.join(' and ')}`,
        `exactly one of: ${list}`,
        given.length === 0 ? `add ${choices[0]} naming a ${event.type === 'sqs' ? 'sqs-queue' : event.type === 'sns' ? 'sns-topic' : 'event-bus'} of this stack` : `keep one of ${given.join(', ')}`,
      ),
    );
  }
  return diagnostics;
}
