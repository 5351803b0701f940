import { Readable } from 'node:stream';
import {
  BucketAlreadyOwnedByYou,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  paginateListObjectsV2,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  CreateMultipartUploadCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, s3Client, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let s3: S3Client;
beforeEach(async () => {
  local = await startLocalCloud();
  s3 = s3Client(local.cloud.endpoint);
});
afterEach(() => stopLocalCloud(local));

describe('buckets', () => {
  it('creates a bucket in us-east-1 without a LocationConstraint and reports an empty location', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'assets-bucket' }));
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'assets-bucket' }));
    expect(head.BucketRegion).toBe('us-east-1');
    const location = await s3.send(new GetBucketLocationCommand({ Bucket: 'assets-bucket' }));
    expect(location.LocationConstraint).toBeUndefined();
  });

  it('creates a bucket in another region (the SDK adds the LocationConstraint); a second create is BucketAlreadyOwnedByYou', async () => {
    const eu = s3Client(local.cloud.endpoint, 'eu-west-1');
    await eu.send(new CreateBucketCommand({ Bucket: 'eu-assets' }));
    const location = await eu.send(new GetBucketLocationCommand({ Bucket: 'eu-assets' }));
    expect(location.LocationConstraint).toBe('eu-west-1');
    const error = await failure(eu.send(new CreateBucketCommand({ Bucket: 'eu-assets' })));
    expect(error).toBeInstanceOf(BucketAlreadyOwnedByYou);
    expect(error.$metadata?.httpStatusCode).toBe(409);
  });

  it('refuses a LocationConstraint that does not match the endpoint region', async () => {
    const error = await failure(
      s3.send(new CreateBucketCommand({ Bucket: 'mismatch', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
    );
    expect(error.name).toBe('IllegalLocationConstraintException');
  });

  it('HeadBucket on a missing bucket is NotFound; DeleteBucket is NoSuchBucket', async () => {
    const head = await failure(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })));
    expect(head).toBeInstanceOf(NotFound);
    expect(head.$metadata?.httpStatusCode).toBe(404);
    const del = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'missing-bucket' })));
    expect(del).toBeInstanceOf(NoSuchBucket);
  });

  it('refuses to delete a bucket that holds objects (BucketNotEmpty), then deletes it once empty', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'full-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'full-bucket', Key: 'a.zip', Body: 'x' }));
    const error = await failure(s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' })));
    expect(error.name).toBe('BucketNotEmpty');
    expect(error.$metadata?.httpStatusCode).toBe(409);
    await s3.send(new DeleteObjectCommand({ Bucket: 'full-bucket', Key: 'a.zip' }));
    await s3.send(new DeleteBucketCommand({ Bucket: 'full-bucket' }));
    expect(await failure(s3.send(new HeadBucketCommand({ Bucket: 'full-bucket' })))).toBeInstanceOf(NotFound);
  });

  it('stores the public access block and encryption configuration', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'config-bucket' }));
    const missing = await failure(s3.send(new GetPublicAccessBlockCommand({ Bucket: 'config-bucket' })));
    expect(missing.name).toBe('NoSuchPublicAccessBlockConfiguration');
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: 'config-bucket',
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: false },
      }),
    );
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: 'config-bucket' }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: false,
    });
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: 'config-bucket',
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    );
  });
});

describe('objects', () => {
  beforeEach(async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'assets' }));
  });

  it('puts an object (ETag is the quoted MD5) and reads it back with its metadata', async () => {
    const body = Buffer.from('hello local cloud');
    const put = await s3.send(
      new PutObjectCommand({ Bucket: 'assets', Key: 'dir/file.txt', Body: body, ContentType: 'text/plain', Metadata: { hash: 'abc' } }),
    );
    expect(put.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'dir/file.txt' }));
    expect(await got.Body!.transformToString()).toBe('hello local cloud');
    expect(got.ContentType).toBe('text/plain');
    expect(got.Metadata).toEqual({ hash: 'abc' });
    expect(got.ETag).toBe(put.ETag);
    expect(got.ContentLength).toBe(body.length);
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'assets', Key: 'dir/file.txt' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  it('decodes a streaming upload (aws-chunked body with a checksum trailer)', async () => {
    const parts = [Buffer.alloc(70_000, 'a'), Buffer.alloc(10_000, 'b'), Buffer.from('end')];
    const seen: Record<string, string | undefined> = {};
    s3.middlewareStack.add(
      (next) => async (args) => {
        const headers = (args.request as { headers: Record<string, string> }).headers;
        seen.encoding = headers['content-encoding'];
        seen.sha = headers['x-amz-content-sha256'];
        seen.trailer = headers['x-amz-trailer'];
        seen.decoded = headers['x-amz-decoded-content-length'];
        return next(args);
      },
      { step: 'finalizeRequest', name: 'captureHeaders' },
    );
    await s3.send(new PutObjectCommand({ Bucket: 'assets', Key: 'stream.bin', Body: Readable.from(parts), ContentLength: 80_003 }));
    expect(seen.encoding).toContain('aws-chunked');
    expect(seen.trailer).toBe('x-amz-checksum-crc32');
    expect(seen.decoded).toBe('80003');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'stream.bin' }));
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(bytes.equals(Buffer.concat(parts))).toBe(true);
    expect(got.ContentEncoding).toBeUndefined();
  });

  it('GetObject of a missing key is NoSuchKey; HeadObject is NotFound with no body', async () => {
    const get = await failure(s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'nope' })));
    expect(get).toBeInstanceOf(NoSuchKey);
    expect(get.message).toBe('The specified key does not exist.');
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: 'assets', Key: 'nope' })));
    expect(head).toBeInstanceOf(NotFound);
    expect(head.$metadata?.httpStatusCode).toBe(404);
  });

  it('serves byte ranges', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'assets', Key: 'r', Body: '0123456789' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'assets', Key: 'r', Range: 'bytes=2-4' }));
    expect(await got.Body!.transformToString()).toBe('234');
    expect(got.ContentRange).toBe('bytes 2-4/10');
  });

  it('deleting a missing key succeeds, as in S3', async () => {
    const result = await s3.send(new DeleteObjectCommand({ Bucket: 'assets', Key: 'never-there' }));
    expect(result.$metadata.httpStatusCode).toBe(204);
  });

  it('lists with prefix, delimiter and continuation tokens', async () => {
    for (const key of ['a/1', 'a/2', 'a/3', 'b/1', 'c.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: 'assets', Key: key, Body: key }));
    }
    const prefixed = await s3.send(new ListObjectsV2Command({ Bucket: 'assets', Prefix: 'a/' }));
    expect(prefixed.Contents?.map((o) => o.Key)).toEqual(['a/1', 'a/2', 'a/3']);
    expect(prefixed.KeyCount).toBe(3);
    expect(prefixed.IsTruncated).toBe(false);
    const keys: string[] = [];
    let pages = 0;
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 2 }, { Bucket: 'assets' })) {
      pages++;
      keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    }
    expect(pages).toBe(3);
    expect(keys).toEqual(['a/1', 'a/2', 'a/3', 'b/1', 'c.txt']);
    const grouped = await s3.send(new ListObjectsV2Command({ Bucket: 'assets', Delimiter: '/' }));
    expect(grouped.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['a/', 'b/']);
    expect(grouped.Contents?.map((o) => o.Key)).toEqual(['c.txt']);
    const object = prefixed.Contents![0]!;
    expect(object.Size).toBe(3);
    expect(object.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  it('answers an unimplemented operation (multipart upload) with NotImplemented and one log line', async () => {
    const error = await failure(s3.send(new CreateMultipartUploadCommand({ Bucket: 'assets', Key: 'big' })));
    expect(error.name).toBe('NotImplemented');
    expect(error.$metadata?.httpStatusCode).toBe(501);
    expect(local.lines.filter((line) => line.includes('CreateMultipartUpload'))).toEqual([
      'local cloud: unsupported operation s3 CreateMultipartUpload',
    ]);
  });
});
