import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { s3Client, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let s3: S3Client;
beforeEach(async () => {
  local = await startLocalCloud();
  s3 = s3Client(local.cloud.endpoint);
  await s3.send(new CreateBucketCommand({ Bucket: 'ops' }));
});
afterEach(() => stopLocalCloud(local));

it('round-trips a 3 MB object (Expect: 100-continue) and validates the CRC32 the SDK asks for', async () => {
  const body = Buffer.alloc(3 * 1024 * 1024);
  for (let i = 0; i < body.length; i++) body[i] = (i * 31) % 251;
  await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: 'big.zip', Body: body }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'ops', Key: 'big.zip', ChecksumMode: 'ENABLED' }));
  expect(got.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
  expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
});

it('refuses a body whose checksum does not match (BadDigest)', async () => {
  const error = await s3
    .send(new PutObjectCommand({ Bucket: 'ops', Key: 'k', Body: 'payload', ChecksumCRC32: 'AAAAAA==' }))
    .catch((e: Error) => e);
  expect((error as Error).name).toBe('BadDigest');
  const head = await s3.send(new HeadObjectCommand({ Bucket: 'ops', Key: 'k' })).catch((e: Error) => e);
  expect((head as Error).name).toBe('NotFound');
});

it('copies objects with their metadata', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: 'src', Body: 'copied', ContentType: 'text/plain', Metadata: { a: '1' } }));
  const copy = await s3.send(new CopyObjectCommand({ Bucket: 'ops', Key: 'dst', CopySource: 'ops/src' }));
  expect(copy.CopyObjectResult?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'ops', Key: 'dst' }));
  expect(await got.Body!.transformToString()).toBe('copied');
  expect(got.Metadata).toEqual({ a: '1' });
  expect(got.ContentType).toBe('text/plain');
});

it('deletes many objects at once', async () => {
  for (const key of ['x1', 'x2', 'x3']) await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: key, Body: key }));
  const result = await s3.send(new DeleteObjectsCommand({ Bucket: 'ops', Delete: { Objects: [{ Key: 'x1' }, { Key: 'x3' }] } }));
  expect(result.Deleted?.map((d) => d.Key)).toEqual(['x1', 'x3']);
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'ops' }));
  expect(listed.Contents?.map((o) => o.Key)).toEqual(['x2']);
});

it('honours conditional writes (If-None-Match: *)', async () => {
  await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: 'once', Body: 'first', IfNoneMatch: '*' }));
  const error = await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: 'once', Body: 'second', IfNoneMatch: '*' })).catch((e: Error) => e);
  expect((error as Error).name).toBe('PreconditionFailed');
  const got = await s3.send(new GetObjectCommand({ Bucket: 'ops', Key: 'once' }));
  expect(await got.Body!.transformToString()).toBe('first');
});

it('keeps keys with spaces, unicode and slashes intact', async () => {
  const key = 'assets/función v2/app (1).zip';
  await s3.send(new PutObjectCommand({ Bucket: 'ops', Key: key, Body: 'k' }));
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'ops', Prefix: 'assets/' }));
  expect(listed.Contents?.map((o) => o.Key)).toEqual([key]);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'ops', Key: key }));
  expect(await got.Body!.transformToString()).toBe('k');
});
