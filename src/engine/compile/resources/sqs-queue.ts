import type { SqsQueueProperties } from '../../config/schema/resources/sqs-queue.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/** `sqs-queue` → AWS::SQS::Queue (+ AWS::SQS::QueuePolicy for `policyStatements`). */
export const sqsQueueLogicalId = (name: string): string => logicalNames.sqsQueue(name);
export const sqsQueuePolicyLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::SQS::QueuePolicy' });

/** SQS queue names: 80 characters including the `.fifo` suffix of a FIFO queue. */
const QUEUE_NAME_LIMIT = 80;

function redriveTarget(resource: ResourceView, props: SqsQueueProperties, ctx: CompileContext): CfnValue | undefined {
  const policy = props.redrivePolicy;
  if (!policy) return undefined;
  const at = [...resource.path, 'properties', 'redrivePolicy'];
  if (policy.targetSqsQueueName !== undefined && policy.targetSqsQueueArn !== undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_CONFLICTING_PROPERTIES',
      message: 'redrivePolicy names both targetSqsQueueName and targetSqsQueueArn.',
      path: at,
      expected: 'exactly one of targetSqsQueueName, targetSqsQueueArn',
    });
    return undefined;
  }
  if (policy.targetSqsQueueName !== undefined) {
    const target = ctx.resource(policy.targetSqsQueueName);
    if (!target || target.type !== 'sqs-queue') {
      const queues = ctx.resources().filter((r) => r.type === 'sqs-queue').map((r) => r.name);
      ctx.addDiagnostic({
        code: 'STP_COMPILE_UNKNOWN_RESOURCE',
        message: `redrivePolicy.targetSqsQueueName "${policy.targetSqsQueueName}" is not an sqs-queue in this stack.`,
        path: [...at, 'targetSqsQueueName'],
        expected: queues.length > 0 ? `one of: ${queues.join(', ')}` : 'the name of an sqs-queue resource',
      });
      return undefined;
    }
    if (target.name === resource.name) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'A queue cannot be its own dead-letter queue.',
        path: [...at, 'targetSqsQueueName'],
      });
      return undefined;
    }
    return { 'Fn::GetAtt': [sqsQueueLogicalId(target.name), 'Arn'] };
  }
  if (policy.targetSqsQueueArn !== undefined) return ctx.resolveValue(policy.targetSqsQueueArn, [...at, 'targetSqsQueueArn']);
  ctx.addDiagnostic({
    code: 'STP_COMPILE_MISSING_PROPERTY',
    message: 'redrivePolicy needs the dead-letter queue.',
    path: at,
    expected: 'targetSqsQueueName or targetSqsQueueArn',
  });
  return undefined;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as SqsQueueProperties & { longPollingSeconds?: number };
  const at = [...resource.path, 'properties'];
  const logicalId = sqsQueueLogicalId(resource.name);
  const fifo = props.fifoEnabled === true;
  for (const key of ['contentBasedDeduplication', 'fifoHighThroughput'] as const) {
    if (props[key] && !fifo) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `${key} needs a FIFO queue.`,
        path: [...at, key],
        hint: 'set fifoEnabled: true',
      });
    }
  }

  const properties: Record<string, CfnValue> = {};
  if (fifo) {
    // A FIFO queue's name must end in .fifo; CloudFormation does not add it to generated names.
    properties.QueueName = `${physicalName([ctx.stack.stackName, resource.name], QUEUE_NAME_LIMIT - 5)}.fifo`;
    properties.FifoQueue = true;
    if (props.contentBasedDeduplication) properties.ContentBasedDeduplication = true;
    if (props.fifoHighThroughput) {
      properties.DeduplicationScope = 'messageGroup';
      properties.FifoThroughputLimit = 'perMessageGroupId';
    }
  }
  if (props.delayMessagesSecond !== undefined) properties.DelaySeconds = props.delayMessagesSecond;
  if (props.maxMessageSizeBytes !== undefined) properties.MaximumMessageSize = props.maxMessageSizeBytes;
  if (props.messageRetentionPeriodSeconds !== undefined) properties.MessageRetentionPeriod = props.messageRetentionPeriodSeconds;
  // stp's schema says longPollingWaitTimeSeconds; Stacktape's types say longPollingSeconds.
  const longPolling = props.longPollingWaitTimeSeconds ?? props.longPollingSeconds;
  if (longPolling !== undefined) properties.ReceiveMessageWaitTimeSeconds = longPolling;
  if (props.visibilityTimeoutSeconds !== undefined) properties.VisibilityTimeout = props.visibilityTimeoutSeconds;
  const deadLetterTargetArn = redriveTarget(resource, props, ctx);
  if (deadLetterTargetArn !== undefined && props.redrivePolicy) {
    properties.RedrivePolicy = { deadLetterTargetArn, maxReceiveCount: props.redrivePolicy.maxReceiveCount };
  }
  ctx.addResource(logicalId, { Type: 'AWS::SQS::Queue', Properties: properties }, resource.path);

  if (props.policyStatements && props.policyStatements.length > 0) {
    const queueArn = { 'Fn::GetAtt': [logicalId, 'Arn'] };
    const statements = props.policyStatements.map((statement, index) => {
      const resolved = ctx.resolveValue(statement, [...at, 'policyStatements', index]) as Record<string, CfnValue>;
      // Stacktape's statements carry no Resource: they apply to this queue.
      return resolved.Resource === undefined ? { ...resolved, Resource: queueArn } : resolved;
    });
    ctx.addResource(
      sqsQueuePolicyLogicalId(resource.name),
      {
        Type: 'AWS::SQS::QueuePolicy',
        Properties: { Queues: [{ Ref: logicalId }], PolicyDocument: { Version: '2012-10-17', Statement: statements } },
      },
      [...at, 'policyStatements'],
    );
  }
}

export const sqsQueueCompiler: ResourceCompiler = {
  type: 'sqs-queue',
  compile,
  referenceableParams: {
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [sqsQueueLogicalId(resourceName), 'Arn'] }),
    name: ({ resourceName }) => ({ 'Fn::GetAtt': [sqsQueueLogicalId(resourceName), 'QueueName'] }),
    url: ({ resourceName }) => ({ Ref: sqsQueueLogicalId(resourceName) }),
  },
};
