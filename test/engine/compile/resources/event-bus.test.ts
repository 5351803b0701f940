import { describe, expect, it } from 'vitest';
import { eventBusCompiler } from '../../../../src/engine/compile/resources/event-bus.js';
import { sqsQueueCompiler } from '../../../../src/engine/compile/resources/sqs-queue.js';
import { compileWith, directive, errors } from './compile-data-fixture.js';

describe('event-bus', () => {
  it('compiles a bus with an archive and exposes arn and archiveArn', () => {
    const result = compileWith([eventBusCompiler], {
      orders: { type: 'event-bus', properties: { archivation: { enabled: true, retentionDays: 30 } } },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.OrdersEventBus?.Properties).toMatchObject({ Name: 'shop-dev-orders' });
    expect(result.template.Resources.OrdersArchive?.Properties).toEqual({
      ArchiveName: 'shop-dev-orders',
      SourceArn: { 'Fn::GetAtt': ['OrdersEventBus', 'Arn'] },
      RetentionDays: 30,
    });
    expect(result.template.Outputs?.OrdersArchiveArn?.Value).toEqual({ 'Fn::GetAtt': ['OrdersArchive', 'Arn'] });
  });

  it('has no archiveArn without archivation, and says so when referenced', () => {
    const result = compileWith([eventBusCompiler, sqsQueueCompiler], {
      plain: { type: 'event-bus', properties: {} },
      q: {
        type: 'sqs-queue',
        properties: { redrivePolicy: { targetSqsQueueArn: directive('ResourceParam', 'plain', 'archiveArn'), maxReceiveCount: 2 } },
      },
    });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['STP_DIRECTIVE_PARAM_UNAVAILABLE']);
    expect(result.template.Resources.PlainArchive).toBeUndefined();
    expect(result.template.Outputs?.PlainArchiveArn).toBeUndefined();
    expect(result.template.Outputs?.PlainArn).toBeDefined();
  });

  it('names a partner bus after its event source', () => {
    const result = compileWith([eventBusCompiler], {
      partner: { type: 'event-bus', properties: { eventSourceName: 'aws.partner/example.com/123/source' } },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.PartnerEventBus?.Properties).toMatchObject({
      Name: 'aws.partner/example.com/123/source',
      EventSourceName: 'aws.partner/example.com/123/source',
    });
  });
});
