import { afterEach, beforeEach, expect, it } from 'vitest';
import { startLocalCloud, stopLocalCloud, type LocalCloud } from '../../support/local-cloud.js';

let local: LocalCloud;
beforeEach(async () => {
  local = await startLocalCloud();
  await fetch(`${local.cloud.endpoint}/raw-bucket`, { method: 'PUT' });
});
afterEach(() => stopLocalCloud(local));

it('answers a malformed percent-encoding with InvalidURI (400)', async () => {
  const response = await fetch(`${local.cloud.endpoint}/raw-bucket/bad%E0%A4%A`);
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('<Code>InvalidURI</Code>');
});

it('decodes a signed aws-chunked body and rejects a trailer checksum that does not match', async () => {
  const chunked = (crc: string) =>
    `5;chunk-signature=aa\r\nhello\r\n0;chunk-signature=bb\r\nx-amz-checksum-crc32:${crc}\r\nx-amz-trailer-signature:cc\r\n\r\n`;
  const headers = {
    'content-encoding': 'aws-chunked',
    'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    'x-amz-decoded-content-length': '5',
    'x-amz-trailer': 'x-amz-checksum-crc32',
  };
  const good = await fetch(`${local.cloud.endpoint}/raw-bucket/k`, { method: 'PUT', headers, body: chunked('NhCmhg==') });
  expect(good.status).toBe(200);
  expect(good.headers.get('etag')).toBe('"5d41402abc4b2a76b9719d911017c592"');
  expect(await (await fetch(`${local.cloud.endpoint}/raw-bucket/k`)).text()).toBe('hello');
  const bad = await fetch(`${local.cloud.endpoint}/raw-bucket/k2`, { method: 'PUT', headers, body: chunked('AAAAAA==') });
  expect(bad.status).toBe(400);
  expect(await bad.text()).toContain('<Code>BadDigest</Code>');
});

it('rejects a decoded length that does not match the body', async () => {
  const response = await fetch(`${local.cloud.endpoint}/raw-bucket/k`, {
    method: 'PUT',
    headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': '9' },
    body: '5\r\nhello\r\n0\r\n\r\n',
  });
  expect(response.status).toBe(400);
  expect(await response.text()).toContain('<Code>IncompleteBody</Code>');
});

it('serves ListObjects (v1) with markers', async () => {
  for (const key of ['a', 'b', 'c']) await fetch(`${local.cloud.endpoint}/raw-bucket/${key}`, { method: 'PUT', body: key });
  const text = await (await fetch(`${local.cloud.endpoint}/raw-bucket?marker=a&max-keys=1`)).text();
  expect(text).toContain('<Marker>a</Marker><MaxKeys>1</MaxKeys><IsTruncated>true</IsTruncated><Contents><Key>b</Key>');
});
