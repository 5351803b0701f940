import type { CfnResource, CfnValue } from '../../compile-contract.js';
import type { CompileContext, ConfigPath } from '../../compile-context.js';
import type { ResourceView } from '../../resource-compiler.js';
import { isRuntimeDirective } from '../../../config/directives/directive.js';
import { buildLogicalName } from '../../logical-names.js';
import { nameLimits, physicalName } from '../../physical-names.js';
import { addRuntimeFunction } from '../../runtime-function.js';
import type { IamStatement } from '../../workload/iam-role.js';
import { listenerPort, ruleConditions, type AlbRouting } from '../../workload/listener-rule.js';
import { referencedResource } from '../../workload/stack-reference.js';
import { addHttpApiAuthorizer, type HttpApiAuthorizerConfig, type RouteAuthorization } from '../http-api-gateway.js';
import type { LambdaIds } from '../lambda/lambda-function.js';

type EventProps = Record<string, unknown>;

/** What a function's event integrations need on the function's own role. */
export interface FunctionEventsResult {
  statements: IamStatement[];
}

const partitionArn = (service: string, rest: string): CfnValue => ({
  'Fn::Sub': `arn:\${AWS::Partition}:${service}:\${AWS::Region}:\${AWS::AccountId}:${rest}`,
});

function permission(ids: LambdaIds, principal: string, sourceArn?: CfnValue): CfnResource {
  const props: Record<string, CfnValue> = {
    Action: 'lambda:InvokeFunction',
    FunctionName: ids.arn,
    Principal: principal,
  };
  if (sourceArn !== undefined) props.SourceArn = sourceArn;
  return { Type: 'AWS::Lambda::Permission', Properties: props };
}

/** `events[]` of a function: each integration's resources, plus the role statements they need. */
export function compileFunctionEvents(ctx: CompileContext, fn: ResourceView, ids: LambdaIds): FunctionEventsResult {
  const statements: IamStatement[] = [];
  const events = fn.properties.events;
  if (!Array.isArray(events)) return { statements };
  events.forEach((event: { type?: string; properties?: EventProps }, index) => {
    const at: ConfigPath = [...fn.path, 'properties', 'events', index];
    const props = event.properties ?? {};
    switch (event.type) {
      case 'http-api-gateway':
        httpApiEvent(ctx, fn, ids, props, at);
        break;
      case 'schedule':
        eventsRule(ctx, fn, ids, index, at, {
          ScheduleExpression: props.scheduleRate,
          State: 'ENABLED',
        }, props);
        break;
      case 'event-bus':
        eventBusEvent(ctx, fn, ids, index, props, at);
        break;
      case 'sqs':
        sqsEvent(ctx, fn, ids, index, props, at, statements);
        break;
      case 'sns':
        snsEvent(ctx, fn, ids, index, props, at);
        break;
      case 'dynamo-db-stream':
      case 'kinesis-stream':
        streamEvent(ctx, fn, ids, index, event.type, props, at, statements);
        break;
      case 'cloudwatch-log':
        logSubscription(ctx, fn, ids, index, props, at);
        break;
      case 'application-load-balancer':
        albEvent(ctx, fn, ids, props as unknown as AlbRouting, at);
        break;
      case 'cloudwatch-alarm': {
        // Alarm state changes arrive on the default event bus.
        const detail: Record<string, CfnValue> = { alarmName: [props.alarmName] };
        if (Array.isArray(props.onlyOnStates) && props.onlyOnStates.length > 0) detail.state = { value: props.onlyOnStates };
        eventsRule(ctx, fn, ids, index, at, {
          EventPattern: { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'], detail },
          State: 'ENABLED',
        }, {});
        break;
      }
      case 's3':
        s3Event(ctx, fn, ids, index, props, at);
        break;
      default:
        break; // reported by capabilities/unsupported-constructs.ts
    }
  });
  return { statements };
}

function httpApiEvent(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, props: EventProps, at: ConfigPath): void {
  const api = referencedResource(ctx, props.httpApiGatewayName, ['http-api-gateway'], [...at, 'properties', 'httpApiGatewayName']);
  if (!api) return;
  const method = String(props.method ?? '*');
  const path = String(props.path ?? '/');
  let authorization: RouteAuthorization | Record<string, never> = {};
  if (props.authorizer !== undefined) {
    const auth = addHttpApiAuthorizer(ctx, {
      apiName: api.name,
      owner: fn.name,
      method,
      path,
      authorizer: props.authorizer as HttpApiAuthorizerConfig,
      at: [...at, 'properties', 'authorizer'],
    });
    if (!auth) return;
    authorization = auth;
  }
  const apiId = { Ref: ctx.names.httpApi(api.name) };
  const integrationId = ctx.names.httpApiLambdaIntegration(fn.name, api.name);
  if (!ctx.hasResource(integrationId)) {
    const payloadFormat = (props.payloadFormat as string | undefined) ?? (api.properties.payloadFormat as string | undefined) ?? '2.0';
    ctx.addResource(integrationId, {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: ids.arn,
        PayloadFormatVersion: payloadFormat,
      },
    }, at);
    ctx.addResource(
      ctx.names.httpApiLambdaPermission(fn.name, api.name),
      permission(ids, 'apigateway.amazonaws.com', partitionArn('execute-api', `\${${ctx.names.httpApi(api.name)}}/*`)),
      at,
    );
  }
  ctx.addResource(ctx.names.httpApiRoute(fn.name, method, path), {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: apiId,
      RouteKey: `${method === '*' ? 'ANY' : method} ${path}`,
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: integrationId }]] },
      ...authorization,
    },
  }, at);
}

function eventsRule(
  ctx: CompileContext,
  fn: ResourceView,
  ids: LambdaIds,
  index: number,
  at: ConfigPath,
  ruleProps: Record<string, CfnValue>,
  props: EventProps,
): void {
  const ruleId = ctx.names.eventBusRule(fn.name, index);
  const target: Record<string, CfnValue> = { Arn: ids.arn, Id: 'Function' };
  if (props.input !== undefined) target.Input = JSON.stringify(ctx.resolveValue(props.input, [...at, 'properties', 'input']));
  if (typeof props.inputPath === 'string') target.InputPath = props.inputPath;
  if (props.inputTransformer !== undefined) {
    target.InputTransformer = ctx.resolveValue(props.inputTransformer, [...at, 'properties', 'inputTransformer']);
  }
  ctx.addResource(ruleId, { Type: 'AWS::Events::Rule', Properties: { ...ruleProps, Targets: [target] } }, at);
  ctx.addResource(
    ctx.names.lambdaPermission(fn.name, index),
    permission(ids, 'events.amazonaws.com', { 'Fn::GetAtt': [ruleId, 'Arn'] }),
    at,
  );
}

function eventBusEvent(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, index: number, props: EventProps, at: ConfigPath): void {
  const ruleProps: Record<string, CfnValue> = {
    EventPattern: ctx.resolveValue(props.eventPattern, [...at, 'properties', 'eventPattern']),
    State: 'ENABLED',
  };
  if (typeof props.eventBusName === 'string') {
    const bus = referencedResource(ctx, props.eventBusName, ['event-bus'], [...at, 'properties', 'eventBusName']);
    if (!bus) return;
    ruleProps.EventBusName = ctx.referenceParam(bus.name, 'arn', [...at, 'properties', 'eventBusName']);
  } else if (props.eventBusArn !== undefined) {
    ruleProps.EventBusName = ctx.resolveValue(props.eventBusArn, [...at, 'properties', 'eventBusArn']);
  }
  // Neither given (or useDefaultBus): the account's default bus, CloudFormation's default too.
  eventsRule(ctx, fn, ids, index, at, ruleProps, props);
}

function sqsEvent(
  ctx: CompileContext,
  fn: ResourceView,
  ids: LambdaIds,
  index: number,
  props: EventProps,
  at: ConfigPath,
  statements: IamStatement[],
): void {
  let queueArn: CfnValue | undefined;
  if (typeof props.sqsQueueName === 'string') {
    const queue = referencedResource(ctx, props.sqsQueueName, ['sqs-queue'], [...at, 'properties', 'sqsQueueName']);
    if (!queue) return;
    queueArn = ctx.referenceParam(queue.name, 'arn', [...at, 'properties', 'sqsQueueName']);
  } else if (props.sqsQueueArn !== undefined) {
    queueArn = ctx.resolveValue(props.sqsQueueArn, [...at, 'properties', 'sqsQueueArn']);
  }
  if (queueArn === undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: 'An sqs event needs sqsQueueName or sqsQueueArn.',
      path: [...at, 'properties'],
      expected: 'sqsQueueName (a queue of this stack) or sqsQueueArn',
    });
    return;
  }
  statements.push({
    Effect: 'Allow',
    Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
    Resource: queueArn,
  });
  const mapping: Record<string, CfnValue> = { EventSourceArn: queueArn, FunctionName: { Ref: ids.functionId } };
  if (typeof props.batchSize === 'number') mapping.BatchSize = props.batchSize;
  if (typeof props.maxBatchWindowSeconds === 'number') mapping.MaximumBatchingWindowInSeconds = props.maxBatchWindowSeconds;
  ctx.addResource(ctx.names.eventSourceMapping(fn.name, index), {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: mapping,
    // The role must allow reading the queue before the mapping is validated.
    DependsOn: [ids.roleId],
  }, at);
}

function snsEvent(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, index: number, props: EventProps, at: ConfigPath): void {
  let topicArn: CfnValue | undefined;
  if (typeof props.snsTopicName === 'string') {
    const topic = referencedResource(ctx, props.snsTopicName, ['sns-topic'], [...at, 'properties', 'snsTopicName']);
    if (!topic) return;
    topicArn = ctx.referenceParam(topic.name, 'arn', [...at, 'properties', 'snsTopicName']);
  } else if (props.snsTopicArn !== undefined) {
    topicArn = ctx.resolveValue(props.snsTopicArn, [...at, 'properties', 'snsTopicArn']);
  }
  if (topicArn === undefined) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: 'An sns event needs snsTopicName or snsTopicArn.',
      path: [...at, 'properties'],
      expected: 'snsTopicName (a topic of this stack) or snsTopicArn',
    });
    return;
  }
  const subscription: Record<string, CfnValue> = { Protocol: 'lambda', Endpoint: ids.arn, TopicArn: topicArn };
  if (props.filterPolicy !== undefined) subscription.FilterPolicy = ctx.resolveValue(props.filterPolicy, [...at, 'properties', 'filterPolicy']);
  ctx.addResource(ctx.names.snsEventSubscription(fn.name, index), { Type: 'AWS::SNS::Subscription', Properties: subscription }, at);
  ctx.addResource(ctx.names.snsEventPermission(fn.name, index), permission(ids, 'sns.amazonaws.com', topicArn), at);
}

function streamEvent(
  ctx: CompileContext,
  fn: ResourceView,
  ids: LambdaIds,
  index: number,
  type: 'dynamo-db-stream' | 'kinesis-stream',
  props: EventProps,
  at: ConfigPath,
  statements: IamStatement[],
): void {
  // Without streamArn, or with a consumer or onFailure: not yet (capabilities/ reports them).
  if (props.streamArn === undefined) return;
  if (props.consumerArn !== undefined || props.autoCreateConsumer !== undefined || props.onFailure !== undefined) return;
  const streamArn = ctx.resolveValue(props.streamArn, [...at, 'properties', 'streamArn']);
  statements.push(
    type === 'dynamo-db-stream'
      ? {
          Effect: 'Allow',
          Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'],
          Resource: streamArn,
        }
      : {
          Effect: 'Allow',
          Action: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetRecords',
            'kinesis:GetShardIterator',
            'kinesis:ListShards',
            'kinesis:ListStreams',
          ],
          Resource: streamArn,
        },
  );
  const mapping: Record<string, CfnValue> = {
    EventSourceArn: streamArn,
    FunctionName: { Ref: ids.functionId },
    StartingPosition: (props.startingPosition as string | undefined) ?? 'TRIM_HORIZON',
  };
  if (typeof props.batchSize === 'number') mapping.BatchSize = props.batchSize;
  if (typeof props.maxBatchWindowSeconds === 'number') mapping.MaximumBatchingWindowInSeconds = props.maxBatchWindowSeconds;
  if (typeof props.bisectBatchOnFunctionError === 'boolean') mapping.BisectBatchOnFunctionError = props.bisectBatchOnFunctionError;
  if (typeof props.maximumRetryAttempts === 'number') mapping.MaximumRetryAttempts = props.maximumRetryAttempts;
  if (typeof props.parallelizationFactor === 'number') mapping.ParallelizationFactor = props.parallelizationFactor;
  ctx.addResource(ctx.names.eventSourceMapping(fn.name, index), {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: mapping,
    DependsOn: [ids.roleId],
  }, at);
}

function logSubscription(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, index: number, props: EventProps, at: ConfigPath): void {
  const logGroupArn = ctx.resolveValue(props.logGroupArn, [...at, 'properties', 'logGroupArn']);
  if (typeof logGroupArn !== 'string') return; // reported by capabilities/unsupported-constructs.ts
  // arn:aws:logs:region:account:log-group:NAME[:*]
  const name = logGroupArn.split(':')[6];
  if (!name) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_ARN',
      message: `"${logGroupArn}" is not a log group ARN.`,
      path: [...at, 'properties', 'logGroupArn'],
      expected: 'arn:aws:logs:<region>:<account>:log-group:<name>',
    });
    return;
  }
  const permissionId = ctx.names.lambdaPermission(fn.name, index);
  ctx.addResource(permissionId, permission(ids, 'logs.amazonaws.com', logGroupArn.endsWith(':*') ? logGroupArn : `${logGroupArn}:*`), at);
  ctx.addResource(
    ctx.names.cloudWatchLogSubscriptionFilter(fn.name, index),
    {
      Type: 'AWS::Logs::SubscriptionFilter',
      Properties: { DestinationArn: ids.arn, FilterPattern: (props.filter as string | undefined) ?? '', LogGroupName: name },
      DependsOn: [permissionId],
    },
    at,
  );
}

function albEvent(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, routing: AlbRouting, at: ConfigPath): void {
  const lb = referencedResource(ctx, routing.loadBalancerName, ['application-load-balancer'], [...at, 'properties', 'loadBalancerName']);
  if (!lb) return;
  const port = listenerPort(lb, routing);
  const permissionId = ctx.names.lambdaTargetGroupPermission(fn.name, lb.name);
  const targetGroupId = ctx.names.targetGroup(fn.name, lb.name);
  if (!ctx.hasResource(targetGroupId)) {
    // No SourceArn: the target group's ARN would make the permission and the group depend on
    // each other, and ELB checks the permission when the group registers the function.
    ctx.addResource(permissionId, permission(ids, 'elasticloadbalancing.amazonaws.com'), at);
    ctx.addResource(targetGroupId, {
      Type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
      Properties: { TargetType: 'lambda', Targets: [{ Id: ids.arn }] },
      DependsOn: [permissionId],
    }, at);
  }
  ctx.addResource(ctx.names.listenerRule(lb.name, port, routing.priority), {
    Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    Properties: {
      ListenerArn: { Ref: ctx.names.listener(lb.name, port) },
      Priority: routing.priority,
      Conditions: ruleConditions(ctx, routing, [...at, 'properties']),
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: targetGroupId } }],
    },
  }, at);
}

/** The stack's `Custom::StpS3Notifications` handler (src/runtime/s3-notifications), created once. */
function s3NotificationsHandler(ctx: CompileContext): { functionId: string; buckets: CfnValue[] } {
  return ctx.once('s3-notifications-handler', () => {
    const functionId = buildLogicalName({ specifier: { type: 'S3Notifications' }, cfnType: 'AWS::Lambda::Function' });
    const roleId = buildLogicalName({ specifier: { type: 'S3Notifications' }, cfnType: 'AWS::IAM::Role' });
    const logGroupId = buildLogicalName({ specifier: { type: 'S3Notifications' }, cfnType: 'AWS::Logs::LogGroup' });
    const physical = physicalName([ctx.stack.stackName, 'stp-s3-notifications'], nameLimits.lambdaFunction);
    const buckets: CfnValue[] = [];
    addRuntimeFunction(ctx, {
      asset: 's3Notifications',
      ids: { function: functionId, role: roleId, logGroup: logGroupId },
      functionName: physical,
      logGroupName: `/aws/lambda/${physical}`,
      policyName: 'stp-s3-notifications',
      statements: [{ Effect: 'Allow', Action: ['s3:GetBucketNotification', 's3:PutBucketNotification'], Resource: buckets }],
      memorySize: 128,
      timeout: 60,
    });
    return { functionId, buckets };
  });
}

/** The bucket an s3 event names: a bucket of this stack (`$ResourceParam(bucket, 'arn')`) or a literal ARN. */
function eventBucket(ctx: CompileContext, arn: unknown): { name: CfnValue; arn: CfnValue; key: string } | undefined {
  if (isRuntimeDirective(arn) && arn.name === 'ResourceParam' && arn.args[1] === 'arn') {
    const target = ctx.resource(String(arn.args[0]));
    if (target?.type !== 'bucket') return undefined;
    const id = ctx.names.bucket(target.name);
    return { name: { Ref: id }, arn: { 'Fn::GetAtt': [id, 'Arn'] }, key: target.name };
  }
  if (typeof arn === 'string' && /^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$/.test(arn)) {
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    return { name, arn, key: name };
  }
  return undefined;
}

/**
 * An s3 event: a Lambda notification put on the bucket by the stack's `Custom::StpS3Notifications`
 * resource (one per function and bucket). The bucket's own NotificationConfiguration cannot be
 * used: a function that also refers to the bucket (connectTo) would close a dependency cycle.
 */
function s3Event(ctx: CompileContext, fn: ResourceView, ids: LambdaIds, index: number, props: EventProps, at: ConfigPath): void {
  const bucket = eventBucket(ctx, props.bucketArn);
  if (!bucket) return; // reported by capabilities/unsupported-constructs.ts (s3EventBucketSupported)
  const handler = s3NotificationsHandler(ctx);
  handler.buckets.push(bucket.arn);
  const permissionId = ctx.names.lambdaPermission(fn.name, index);
  ctx.addResource(permissionId, {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: ids.arn,
      Principal: 's3.amazonaws.com',
      SourceArn: bucket.arn,
      SourceAccount: { Ref: 'AWS::AccountId' },
    },
  }, at);
  const filter = props.filterRule as { prefix?: string; suffix?: string } | undefined;
  const notification: Record<string, CfnValue> = {
    Id: `${ctx.names.s3Notifications(fn.name, bucket.key)}-${index}`,
    Events: [String(props.s3EventType)],
    LambdaFunctionArn: ids.arn,
  };
  if (filter?.prefix) notification.Prefix = filter.prefix;
  if (filter?.suffix) notification.Suffix = filter.suffix;
  const customId = ctx.names.s3Notifications(fn.name, bucket.key);
  const existing = ctx.getResource(customId);
  if (existing) {
    (existing.Properties!.Notifications as CfnValue[]).push(notification);
    existing.DependsOn = [...(existing.DependsOn ?? []), permissionId];
    return;
  }
  ctx.addResource(customId, {
    Type: 'Custom::StpS3Notifications',
    Properties: {
      ServiceToken: { 'Fn::GetAtt': [handler.functionId, 'Arn'] },
      BucketName: bucket.name,
      Notifications: [notification],
    },
    // S3 checks that it may invoke the function when the notification is put.
    DependsOn: [permissionId],
  }, at);
}
