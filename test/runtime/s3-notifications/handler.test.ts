import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetBucketNotificationConfigurationCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { handleRequest } from '../../../src/runtime/s3-notifications/handler.js';
import type { CustomResourceEvent } from '../../../src/runtime/custom-resource/custom-resource-response.js';

const s3Mock = mockClient(S3Client);
const s3 = new S3Client({ region: 'eu-west-1' });
let server: Server;
let url = '';
let bodies: Record<string, unknown>[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      bodies.push(JSON.parse(data));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/r`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  s3Mock.reset();
  bodies = [];
});

const event = (type: CustomResourceEvent['RequestType']): CustomResourceEvent => ({
  RequestType: type,
  ResponseURL: url,
  StackId: 'stack',
  RequestId: 'r1',
  ResourceType: 'Custom::StpS3Notifications',
  LogicalResourceId: 'FnFilesS3NotificationsCustomResource',
  ...(type === 'Create' ? {} : { PhysicalResourceId: 'p' }),
  ResourceProperties: {
    BucketName: 'files-bucket',
    Notifications: [{ Id: 'FnFilesS3NotificationsCustomResource-0', Events: ['s3:ObjectCreated:*'], LambdaFunctionArn: 'arn:fn', Prefix: 'in/' }],
  },
});

const foreign = { Id: 'someone-else', LambdaFunctionArn: 'arn:other', Events: ['s3:ObjectRemoved:*' as const] };

describe('s3 notifications custom resource', () => {
  it('adds its notifications and keeps the bucket\'s other ones', async () => {
    s3Mock.on(GetBucketNotificationConfigurationCommand).resolves({
      LambdaFunctionConfigurations: [foreign, { Id: 'FnFilesS3NotificationsCustomResource-9', LambdaFunctionArn: 'arn:old', Events: ['s3:ObjectCreated:*'] }],
      QueueConfigurations: [{ Id: 'q', QueueArn: 'arn:q', Events: ['s3:ObjectCreated:*'] }],
    });
    s3Mock.on(PutBucketNotificationConfigurationCommand).resolves({});
    await handleRequest(event('Create'), s3);
    const put = s3Mock.commandCalls(PutBucketNotificationConfigurationCommand)[0]!.args[0].input;
    expect(put.Bucket).toBe('files-bucket');
    expect(put.NotificationConfiguration?.QueueConfigurations).toHaveLength(1);
    expect(put.NotificationConfiguration?.LambdaFunctionConfigurations).toEqual([
      foreign,
      {
        Id: 'FnFilesS3NotificationsCustomResource-0',
        LambdaFunctionArn: 'arn:fn',
        Events: ['s3:ObjectCreated:*'],
        Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'in/' }] } },
      },
    ]);
    expect(bodies[0]).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'FnFilesS3NotificationsCustomResource' });
  });

  it('removes only its own notifications on delete, and never blocks a delete', async () => {
    s3Mock.on(GetBucketNotificationConfigurationCommand).resolves({
      LambdaFunctionConfigurations: [foreign, { Id: 'FnFilesS3NotificationsCustomResource-0', LambdaFunctionArn: 'arn:fn', Events: ['s3:ObjectCreated:*'] }],
    });
    s3Mock.on(PutBucketNotificationConfigurationCommand).resolves({});
    await handleRequest(event('Delete'), s3);
    expect(s3Mock.commandCalls(PutBucketNotificationConfigurationCommand)[0]!.args[0].input.NotificationConfiguration?.LambdaFunctionConfigurations).toEqual([foreign]);

    s3Mock.reset();
    s3Mock.on(GetBucketNotificationConfigurationCommand).rejects(Object.assign(new Error('gone'), { name: 'NoSuchBucket' }));
    await handleRequest(event('Delete'), s3);
    expect(bodies[1]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'p' });
  });

  it('fails a create it cannot apply, with the reason', async () => {
    s3Mock.on(GetBucketNotificationConfigurationCommand).resolves({});
    s3Mock.on(PutBucketNotificationConfigurationCommand).rejects(Object.assign(new Error('Unable to validate the following destination configurations'), { name: 'InvalidArgument' }));
    await handleRequest(event('Create'), s3);
    expect(bodies[0]!.Status).toBe('FAILED');
    expect(bodies[0]!.Reason).toContain('Unable to validate');
  });
});
