import * as z from 'zod';
import { httpMethod } from './http.js';
import { freeObject, stringOrDirective } from './runtime-directive.js';

// Event integrations of functions (and, minus kafka-topic and cloudwatch-alarm, of batch jobs).

const authorizer = z.strictObject({
  type: z.enum(['cognito', 'lambda']),
  properties: freeObject,
});

export const httpApiGatewayEvent = z.strictObject({
  type: z.literal('http-api-gateway'),
  properties: z.strictObject({
    httpApiGatewayName: z.string(),
    method: httpMethod,
    path: z.string(),
    authorizer: authorizer.optional(),
    payloadFormat: z.enum(['1.0', '2.0']).optional(),
  }),
});

const scheduleRate = z
  .string()
  .regex(/^(rate|cron)\(.+\)$/, { error: 'expected rate(...) or cron(...)' });

export const scheduleEvent = z.strictObject({
  type: z.literal('schedule'),
  properties: z.strictObject({
    scheduleRate,
    input: z.unknown().optional(),
    inputPath: z.string().optional(),
    inputTransformer: freeObject.optional(),
  }),
});

export const sqsEvent = z.strictObject({
  type: z.literal('sqs'),
  properties: z.strictObject({
    sqsQueueName: z.string().optional(),
    sqsQueueArn: stringOrDirective.optional(),
    batchSize: z.int().min(1).max(10000).optional(),
    maxBatchWindowSeconds: z.int().min(0).max(300).optional(),
  }),
});

export const snsEvent = z.strictObject({
  type: z.literal('sns'),
  properties: z.strictObject({
    snsTopicName: z.string().optional(),
    snsTopicArn: stringOrDirective.optional(),
    filterPolicy: z.unknown().optional(),
    onDeliveryFailure: freeObject.optional(),
  }),
});

export const s3Event = z.strictObject({
  type: z.literal('s3'),
  properties: z.strictObject({
    bucketArn: stringOrDirective,
    s3EventType: z.string(),
    filterRule: z.strictObject({ prefix: z.string().optional(), suffix: z.string().optional() }).optional(),
  }),
});

export const eventBusEvent = z.strictObject({
  type: z.literal('event-bus'),
  properties: z.strictObject({
    eventPattern: freeObject,
    eventBusName: z.string().optional(),
    eventBusArn: stringOrDirective.optional(),
    useDefaultBus: z.boolean().optional(),
    onDeliveryFailure: freeObject.optional(),
    input: z.unknown().optional(),
    inputPath: z.string().optional(),
    inputTransformer: freeObject.optional(),
  }),
});

const streamSourceShape = {
  batchSize: z.int().min(1).max(10000).optional(),
  maxBatchWindowSeconds: z.int().min(0).max(300).optional(),
  startingPosition: z.enum(['LATEST', 'TRIM_HORIZON']).optional(),
  bisectBatchOnFunctionError: z.boolean().optional(),
  maximumRetryAttempts: z.int().min(-1).max(10000).optional(),
  parallelizationFactor: z.int().min(1).max(10).optional(),
  onFailure: freeObject.optional(),
};

export const dynamoDbStreamEvent = z.strictObject({
  type: z.literal('dynamo-db-stream'),
  properties: z.strictObject({ streamArn: stringOrDirective, ...streamSourceShape }),
});

export const kinesisStreamEvent = z.strictObject({
  type: z.literal('kinesis-stream'),
  properties: z.strictObject({
    kinesisStreamName: z.string().optional(),
    streamArn: stringOrDirective.optional(),
    consumerArn: stringOrDirective.optional(),
    autoCreateConsumer: z.boolean().optional(),
    ...streamSourceShape,
  }),
});

export const kafkaTopicEvent = z.strictObject({
  type: z.literal('kafka-topic'),
  properties: z.strictObject({
    customKafkaConfiguration: freeObject.optional(),
    batchSize: z.int().min(1).max(10000).optional(),
    maxBatchWindowSeconds: z.int().min(0).max(300).optional(),
  }),
});

export const cloudwatchLogEvent = z.strictObject({
  type: z.literal('cloudwatch-log'),
  properties: z.strictObject({ logGroupArn: stringOrDirective, filter: z.string().optional() }),
});

export const cloudwatchAlarmEvent = z.strictObject({
  type: z.literal('cloudwatch-alarm'),
  properties: z.strictObject({ alarmName: z.string(), onlyOnStates: z.array(z.string()).optional() }),
});

/** Listener-rule conditions shared by function and container ALB integrations. */
export const albRuleShape = {
  loadBalancerName: z.string(),
  priority: z.int().min(1).max(50000),
  listenerPort: z.int().min(1).max(65535).optional(),
  paths: z.array(z.string()).optional(),
  methods: z.array(z.string()).optional(),
  hosts: z.array(stringOrDirective).optional(),
  headers: z.array(freeObject).optional(),
  queryParams: z.array(freeObject).optional(),
  sourceIps: z.array(z.string()).optional(),
};

export const applicationLoadBalancerEvent = z.strictObject({
  type: z.literal('application-load-balancer'),
  properties: z.strictObject(albRuleShape),
});

export const functionEvent = z.discriminatedUnion('type', [
  httpApiGatewayEvent,
  scheduleEvent,
  sqsEvent,
  snsEvent,
  s3Event,
  eventBusEvent,
  dynamoDbStreamEvent,
  kinesisStreamEvent,
  kafkaTopicEvent,
  cloudwatchLogEvent,
  cloudwatchAlarmEvent,
  applicationLoadBalancerEvent,
]);

export const batchJobEvent = z.discriminatedUnion('type', [
  httpApiGatewayEvent,
  scheduleEvent,
  sqsEvent,
  snsEvent,
  s3Event,
  eventBusEvent,
  dynamoDbStreamEvent,
  kinesisStreamEvent,
  cloudwatchLogEvent,
  applicationLoadBalancerEvent,
]);
