import { HeadBucketCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/engine/package/deterministic-zip.js';
import { needsTemplateUrl, TemplateTooLargeError, uploadTemplate } from '../../../src/engine/package/upload-template.js';

const s3Mock = mockClient(S3Client);
const stsMock = mockClient(STSClient);

beforeEach(() => {
  s3Mock.reset();
  stsMock.reset();
  stsMock.on(GetCallerIdentityCommand).resolves({ Account: '123456789012' });
  s3Mock.on(HeadBucketCommand).resolves({});
});

describe('uploadTemplate', () => {
  const body = JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { T: { Type: 'AWS::SNS::Topic' } } });

  it('stores the template under its hash and returns the regional S3 URL', async () => {
    s3Mock.on(HeadObjectCommand).rejects(new NotFound({ message: 'nf', $metadata: { httpStatusCode: 404 } }));
    s3Mock.on(PutObjectCommand).resolves({});
    const location = await uploadTemplate(body, { s3: new S3Client({ region: 'eu-west-1' }), sts: new STSClient({ region: 'eu-west-1' }), region: 'eu-west-1' });
    const key = `templates/${sha256Hex(body)}.json`;
    expect(location).toEqual({
      bucket: 'stp-assets-123456789012-eu-west-1',
      key,
      url: `https://stp-assets-123456789012-eu-west-1.s3.eu-west-1.amazonaws.com/${key}`,
      uploaded: true,
    });
    expect(s3Mock.commandCalls(PutObjectCommand)[0]!.args[0].input).toMatchObject({ Key: key, ContentType: 'application/json' });
  });

  it('uses a path-style URL under a custom endpoint and skips an existing template', async () => {
    s3Mock.on(HeadObjectCommand).resolves({});
    const s3 = new S3Client({ region: 'eu-west-1', endpoint: 'http://127.0.0.1:4566', forcePathStyle: true });
    const location = await uploadTemplate(body, { s3, sts: new STSClient({ region: 'eu-west-1' }), region: 'eu-west-1' });
    expect(location.url).toBe(`http://127.0.0.1:4566/stp-assets-123456789012-eu-west-1/templates/${sha256Hex(body)}.json`);
    expect(location.uploaded).toBe(false);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('knows the inline limit and refuses templates over 1 MB', async () => {
    expect(needsTemplateUrl('x'.repeat(51_200))).toBe(false);
    expect(needsTemplateUrl('x'.repeat(51_201))).toBe(true);
    const huge = 'x'.repeat(1_000_001);
    await expect(uploadTemplate(huge, { s3: new S3Client({ region: 'eu-west-1' }), sts: new STSClient({ region: 'eu-west-1' }), region: 'eu-west-1' })).rejects.toBeInstanceOf(
      TemplateTooLargeError,
    );
  });
});
