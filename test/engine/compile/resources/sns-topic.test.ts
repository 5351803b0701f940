import { describe, expect, it } from 'vitest';
import { snsTopicCompiler } from '../../../../src/engine/compile/resources/sns-topic.js';
import { compileWith, errors } from './compile-data-fixture.js';

describe('sns-topic', () => {
  it('compiles a standard topic; arn is Ref, name is GetAtt TopicName', () => {
    const result = compileWith([snsTopicCompiler], { alerts: { type: 'sns-topic', properties: { smsDisplayName: 'Shop' } } });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.AlertsTopic).toMatchObject({ Type: 'AWS::SNS::Topic', Properties: { DisplayName: 'Shop' } });
    expect(result.template.Resources.AlertsTopic?.Properties?.TopicName).toBeUndefined();
    expect(result.template.Outputs?.AlertsArn?.Value).toEqual({ Ref: 'AlertsTopic' });
    expect(result.template.Outputs?.AlertsName?.Value).toEqual({ 'Fn::GetAtt': ['AlertsTopic', 'TopicName'] });
  });

  it('names a FIFO topic with .fifo', () => {
    const result = compileWith([snsTopicCompiler], {
      orders: { type: 'sns-topic', properties: { fifoEnabled: true, contentBasedDeduplication: true } },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.OrdersTopic?.Properties).toMatchObject({
      TopicName: 'shop-dev-orders.fifo',
      FifoTopic: true,
      ContentBasedDeduplication: true,
    });
  });

  it('reports content-based deduplication on a standard topic', () => {
    const result = compileWith([snsTopicCompiler], { t: { type: 'sns-topic', properties: { contentBasedDeduplication: true } } });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['STP_COMPILE_INVALID_PROPERTY']);
  });
});
