import { describe, expect, it } from 'vitest';
import { sqsQueueCompiler } from '../../../../src/engine/compile/resources/sqs-queue.js';
import { compileWith, directive, errors } from './compile-data-fixture.js';

describe('sqs-queue', () => {
  it('compiles a standard queue with redrive to another queue, and passes spec validation', () => {
    const result = compileWith([sqsQueueCompiler], {
      jobs: {
        type: 'sqs-queue',
        properties: {
          visibilityTimeoutSeconds: 120,
          messageRetentionPeriodSeconds: 86400,
          longPollingWaitTimeSeconds: 20,
          redrivePolicy: { targetSqsQueueName: 'jobsDlq', maxReceiveCount: 5 },
        },
      },
      jobsDlq: { type: 'sqs-queue', properties: {} },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.JobsQueue).toEqual({
      Type: 'AWS::SQS::Queue',
      Properties: {
        VisibilityTimeout: 120,
        MessageRetentionPeriod: 86400,
        ReceiveMessageWaitTimeSeconds: 20,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['JobsDlqQueue', 'Arn'] }, maxReceiveCount: 5 },
        Tags: expect.any(Array),
      },
    });
    expect(result.template.Outputs?.JobsUrl?.Value).toEqual({ Ref: 'JobsQueue' });
    expect(result.template.Outputs?.JobsArn?.Value).toEqual({ 'Fn::GetAtt': ['JobsQueue', 'Arn'] });
  });

  it('names a FIFO queue with the .fifo suffix and enables high throughput', () => {
    const result = compileWith([sqsQueueCompiler], {
      orders: { type: 'sqs-queue', properties: { fifoEnabled: true, contentBasedDeduplication: true, fifoHighThroughput: true } },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.OrdersQueue?.Properties).toMatchObject({
      QueueName: 'shop-dev-orders.fifo',
      FifoQueue: true,
      ContentBasedDeduplication: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    });
  });

  it('adds a queue policy for policyStatements, scoped to the queue', () => {
    const result = compileWith([sqsQueueCompiler], {
      inbox: {
        type: 'sqs-queue',
        properties: {
          policyStatements: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: ['sqs:SendMessage'] }],
        },
      },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.InboxQueuePolicy?.Properties).toEqual({
      Queues: [{ Ref: 'InboxQueue' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: ['sqs:SendMessage'],
            Resource: { 'Fn::GetAtt': ['InboxQueue', 'Arn'] },
          },
        ],
      },
    });
  });

  it('reports a redrive target that is not a queue, FIFO options on a standard queue, and alarms', () => {
    const result = compileWith([sqsQueueCompiler], {
      jobs: {
        type: 'sqs-queue',
        properties: {
          contentBasedDeduplication: true,
          redrivePolicy: { targetSqsQueueName: 'jbosDlq', maxReceiveCount: 5 },
          alarms: [{ trigger: { type: 'sqs-queue-received-messages-count' } }],
        },
      },
    });
    // What stp cannot compile yet is found first (capabilities/), before the compilers run.
    expect(result.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'resources.jobs.properties.alarms'],
      ['STP_COMPILE_INVALID_PROPERTY', 'resources.jobs.properties.contentBasedDeduplication'],
      ['STP_COMPILE_UNKNOWN_RESOURCE', 'resources.jobs.properties.redrivePolicy.targetSqsQueueName'],
    ]);
  });

  it('accepts a dead-letter queue ARN given as a directive', () => {
    const result = compileWith(
      [sqsQueueCompiler],
      { jobs: { type: 'sqs-queue', properties: { redrivePolicy: { targetSqsQueueArn: directive('CfResourceParam', 'SharedDlq', 'Arn'), maxReceiveCount: 3 } } } },
      { cloudformationResources: { SharedDlq: { Type: 'AWS::SQS::Queue' } } },
    );
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.JobsQueue?.Properties?.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': ['SharedDlq', 'Arn'] },
      maxReceiveCount: 3,
    });
  });
});
