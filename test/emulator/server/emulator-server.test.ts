import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { logsClient, removeDir, s3Client, startLocalCloud, stopLocalCloud, type LocalCloud } from '../support/local-cloud.js';

let local: LocalCloud;
beforeEach(async () => {
  local = await startLocalCloud();
});
afterEach(() => stopLocalCloud(local));

const scope = (service: string, region = 'us-east-1') =>
  `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=abc`;

it('listens on 127.0.0.1 only', () => {
  expect(local.cloud.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

it('stamps every response with Date and x-amzn-RequestId, errors included', async () => {
  const ok = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: scope('sts') },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  });
  expect(ok.status).toBe(200);
  expect(ok.headers.get('date')).toMatch(/GMT$/);
  expect(ok.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  const text = await ok.text();
  expect(text).toContain('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">');
  expect(text).toContain('<GetCallerIdentityResult><UserId>000000000000</UserId>');
  expect(text).toContain(`<ResponseMetadata><RequestId>${ok.headers.get('x-amzn-requestid')}</RequestId></ResponseMetadata>`);

  const bad = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DeleteLogGroup', authorization: scope('logs') },
    body: JSON.stringify({ logGroupName: 'missing' }),
  });
  expect(bad.status).toBe(400);
  expect(bad.headers.get('date')).toBeTruthy();
  expect(bad.headers.get('x-amzn-requestid')).toBeTruthy();
  expect(bad.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException');
  expect(await bad.json()).toEqual({ __type: 'ResourceNotFoundException', message: 'The specified log group does not exist.' });
});

it('routes an unsigned JSON request by its X-Amz-Target prefix', async () => {
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups' },
    body: '{}',
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ logGroups: [] });
});

it('routes an unsigned query request by its Version', async () => {
  const response = await fetch(`${local.cloud.endpoint}/?Action=GetCallerIdentity&Version=2011-06-15`);
  expect(response.status).toBe(200);
  expect(await response.text()).toContain('<Arn>arn:aws:iam::000000000000:root</Arn>');
});

it('routes a presigned S3 URL by its X-Amz-Credential scope', async () => {
  const s3 = s3Client(local.cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'presigned' }));
  await s3.send(new PutObjectCommand({ Bucket: 'presigned', Key: 'a b.txt', Body: 'via presigned url' }));
  const credential = encodeURIComponent('AKID/20260101/us-east-1/s3/aws4_request');
  const response = await fetch(`${local.cloud.endpoint}/presigned/a%20b.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${credential}&X-Amz-Signature=x`);
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('via presigned url');
  expect(response.headers.get('x-amz-request-id')).toBeTruthy();
});

it('takes the region from the credential scope', async () => {
  await logsClient(local.cloud.endpoint, { region: 'eu-central-1' }).send(new CreateLogGroupCommand({ logGroupName: 'regional' }));
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DescribeLogGroups', authorization: scope('logs', 'eu-central-1') },
    body: '{}',
  });
  const body = (await response.json()) as { logGroups: { arn: string }[] };
  expect(body.logGroups[0]?.arn).toBe('arn:aws:logs:eu-central-1:000000000000:log-group:regional:*');
});

it('answers an unknown JSON operation with UnknownOperationException and one log line', async () => {
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.PutDestination', authorization: scope('logs') },
    body: '{}',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  expect(local.lines).toEqual(['local cloud: unsupported operation logs PutDestination']);
});

it('answers a service it does not emulate in that protocol, naming the service in the log', async () => {
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: scope('iam') },
    body: 'Action=ListRoles&Version=2010-05-08',
  });
  expect(response.status).toBe(400);
  const text = await response.text();
  expect(text).toContain('<Code>InvalidAction</Code>');
  expect(text).toContain('<Message>The action ListRoles is not valid for this web service.</Message>');
  expect(local.lines).toHaveLength(1);
  expect(local.lines[0]).toContain('unsupported service "iam" (operation ListRoles)');
});

it('answers malformed JSON with SerializationException', async () => {
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.CreateLogGroup', authorization: scope('logs') },
    body: '{not json',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { __type: string }).__type).toBe('SerializationException');
});

it('answers a custom-resource response PUT with 404-style error when CloudFormation is not running', async () => {
  const response = await fetch(`${local.cloud.endpoint}/__stp/cfn-response/abc`, { method: 'PUT', body: '{}' });
  expect(response.status).toBe(404);
  expect(local.lines.some((line) => line.includes('CloudFormation is not running'))).toBe(true);
});

it('hands custom-resource response PUTs to CloudFormation (an unknown token is refused like an expired URL)', async () => {
  const { ALL_LOCAL_SERVICES } = await import('../../../src/emulator/start-emulator.js');
  const full = await startLocalCloud({ services: ALL_LOCAL_SERVICES });
  try {
    const response = await fetch(`${full.cloud.endpoint}/__stp/cfn-response/unknown-token`, { method: 'PUT', body: '{"Status":"SUCCESS"}' });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<Code>AccessDenied</Code>');
  } finally {
    await full.cloud.stop();
    removeDir(full.stateDir);
  }
});

it('names an unknown X-Amz-Target prefix as the service that is not emulated', async () => {
  const response = await fetch(`${local.cloud.endpoint}/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'DynamoDB_20120810.GetItem' },
    body: '{}',
  });
  expect(response.status).toBe(400);
  expect(((await response.json()) as { __type: string }).__type).toBe('UnknownOperationException');
  expect(local.lines).toEqual(['local cloud: unsupported service "DynamoDB_20120810" (operation GetItem); the local cloud does not emulate it']);
});

it('logs one line per request when asked to, naming the operation and the status', async () => {
  const requests: string[] = [];
  const verbose = await startLocalCloud({ requestLog: (line) => requests.push(line) });
  try {
    await fetch(`${verbose.cloud.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.DeleteLogGroup', authorization: scope('logs') },
      body: JSON.stringify({ logGroupName: 'missing' }),
    });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]).toMatch(/^logs DeleteLogGroup → 400 \(\d+\.\d ms\)$/);
  } finally {
    await verbose.cloud.stop();
    removeDir(verbose.stateDir);
  }
});
