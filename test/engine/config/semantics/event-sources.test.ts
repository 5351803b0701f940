import { describe, expect, it } from 'vitest';
import { diagnosticsOf, lambda } from './expect-diagnostics.js';

describe('event sources', () => {
  it.each([
    ['sqs', '{ batchSize: 5 }', 'does not say where its events come from'],
    ['sqs', '{ sqsQueueName: q, sqsQueueArn: arn:aws:sqs:x }', 'gives both sqsQueueName and sqsQueueArn'],
    ['sns', '{ filterPolicy: {} }', 'does not say where'],
    ['event-bus', '{ eventPattern: {}, useDefaultBus: true, eventBusArn: x }', 'gives both eventBusArn and useDefaultBus'],
  ])('%s %s', (type, props, words) => {
    const ds = diagnosticsOf(`resources:\n  q:\n    type: sqs-queue\n    properties: {}\n${lambda('f', `        - type: ${type}\n          properties: ${props}\n`)}`);
    expect(ds.map((d) => d.code)).toEqual(['STP_CONFIG_EVENT_SOURCE']);
    expect(ds[0]!.message).toContain(words);
  });

  it('accepts exactly one source, and leaves misspelt sources to the schema', () => {
    expect(diagnosticsOf(`resources:\n${lambda('f', '        - type: event-bus\n          properties: { eventPattern: {}, useDefaultBus: true }\n')}`)).toEqual([]);
    expect(diagnosticsOf(`resources:\n${lambda('f', '        - type: sqs\n          properties: { sqsQueueNam: q }\n')}`)).toEqual([]);
  });
});
