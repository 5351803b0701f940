import {
  CreateBucketCommand,
  GetBucketNotificationConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  type LambdaFunctionConfiguration,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { s3Client, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

/**
 * The bucket notification configuration, as stp's S3-notifications custom resource reads and
 * writes it (GET, merge, PUT). Stored as sent; the local cloud does not deliver the events.
 */
let local: LocalCloud;
let s3: S3Client;
beforeEach(async () => {
  local = await startLocalCloud();
  s3 = s3Client(local.cloud.endpoint);
});
afterEach(() => stopLocalCloud(local));

describe('bucket notification configuration', () => {
  it('is empty on a new bucket, then returns what was put, and an empty put clears it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    const empty = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
    expect(empty.LambdaFunctionConfigurations ?? []).toEqual([]);
    expect(empty.QueueConfigurations ?? []).toEqual([]);

    const lambda: LambdaFunctionConfiguration = {
      Id: 'process-incoming',
      LambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:process',
      Events: ['s3:ObjectCreated:*'],
      Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
    };
    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'uploads', NotificationConfiguration: { LambdaFunctionConfigurations: [lambda] } }));
    const stored = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
    expect(stored.LambdaFunctionConfigurations).toEqual([lambda]);

    await s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'uploads', NotificationConfiguration: {} }));
    const cleared = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'uploads' }));
    expect(cleared.LambdaFunctionConfigurations ?? []).toEqual([]);
  });

  it('on a missing bucket is NoSuchBucket', async () => {
    const error = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'missing-bucket' })).catch((e: Error) => e);
    expect((error as Error).name).toBe('NoSuchBucket');
  });
});
