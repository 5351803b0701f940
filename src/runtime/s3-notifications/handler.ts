import {
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  S3Client,
  type LambdaFunctionConfiguration,
} from '@aws-sdk/client-s3';
import { sendResponse, truncateReason, type CustomResourceEvent, type CustomResourceResponse } from '../custom-resource/custom-resource-response.js';

/**
 * `Custom::StpS3Notifications`: puts a function's s3 event notifications on a bucket. Done by a
 * custom resource rather than the bucket's own NotificationConfiguration because a function that
 * also uses the bucket (connectTo) would otherwise form a dependency cycle, and because the bucket
 * may live outside the stack. Only the notifications this resource owns (Id prefix
 * `<LogicalResourceId>-`) are touched; others on the bucket are kept.
 *
 * Properties: `BucketName`, `Notifications: [{Id, Events[], LambdaFunctionArn, Prefix?, Suffix?}]`.
 */
export interface NotificationSpec {
  Id: string;
  Events: string[];
  LambdaFunctionArn: string;
  Prefix?: string;
  Suffix?: string;
}

let client: S3Client | undefined;

export async function handler(event: CustomResourceEvent): Promise<void> {
  client ??= new S3Client({});
  await handleRequest(event, client);
}

function toConfiguration(n: NotificationSpec): LambdaFunctionConfiguration {
  const rules = [
    ...(n.Prefix ? [{ Name: 'prefix' as const, Value: n.Prefix }] : []),
    ...(n.Suffix ? [{ Name: 'suffix' as const, Value: n.Suffix }] : []),
  ];
  return {
    Id: n.Id,
    LambdaFunctionArn: n.LambdaFunctionArn,
    Events: n.Events as LambdaFunctionConfiguration['Events'],
    ...(rules.length > 0 ? { Filter: { Key: { FilterRules: rules } } } : {}),
  };
}

/** Replaces this resource's notifications on a bucket with `wanted` (none on delete). */
export async function putNotifications(s3: S3Client, bucket: string, owner: string, wanted: NotificationSpec[]): Promise<void> {
  const current = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: bucket }));
  const mine = (id: string | undefined) => id?.startsWith(`${owner}-`) === true;
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        TopicConfigurations: current.TopicConfigurations ?? [],
        QueueConfigurations: current.QueueConfigurations ?? [],
        LambdaFunctionConfigurations: [
          ...(current.LambdaFunctionConfigurations ?? []).filter((c) => !mine(c.Id)),
          ...wanted.map(toConfiguration),
        ],
        ...(current.EventBridgeConfiguration ? { EventBridgeConfiguration: current.EventBridgeConfiguration } : {}),
      },
    }),
  );
}

export async function handleRequest(event: CustomResourceEvent, s3: S3Client): Promise<void> {
  const props = event.ResourceProperties;
  const bucket = String(props.BucketName ?? '');
  const owner = event.LogicalResourceId;
  const base = {
    PhysicalResourceId: event.PhysicalResourceId ?? `stp-s3-notifications-${owner}-${bucket}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  let response: CustomResourceResponse;
  try {
    if (event.RequestType === 'Delete') {
      await putNotifications(s3, bucket, owner, []);
    } else {
      const oldBucket = event.OldResourceProperties?.BucketName;
      if (event.RequestType === 'Update' && typeof oldBucket === 'string' && oldBucket !== bucket) {
        await putNotifications(s3, oldBucket, owner, []);
      }
      await putNotifications(s3, bucket, owner, (props.Notifications as NotificationSpec[] | undefined) ?? []);
    }
    response = { Status: 'SUCCESS', Reason: `notifications of ${owner} set on ${bucket}`, ...base };
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    // A failed clean-up (e.g. the bucket is already gone) must not block deleting the stack.
    response = event.RequestType === 'Delete'
      ? { Status: 'SUCCESS', Reason: truncateReason(`notifications on ${bucket} not removed: ${message}`), ...base }
      : { Status: 'FAILED', Reason: truncateReason(`could not set notifications on ${bucket}: ${message}`), ...base };
  }
  await sendResponse(event.ResponseURL, response);
}
