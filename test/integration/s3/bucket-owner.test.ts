/**
 * The local S3 records who owns each bucket and honours ExpectedBucketOwner like S3, through the
 * real SDK. A 12-digit access key id makes a client act as that account (server/caller-account.ts).
 */
import {
  BucketAlreadyExists,
  CopyObjectCommand,
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetPublicAccessBlockCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutBucketPolicyCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, s3Client, startLocalCloud, stopLocalCloud, stsClient, type LocalCloud } from '../../emulator/support/local-cloud.js';

const OTHER = '111111111111';
const OWN = '000000000000';

let local: LocalCloud;
let s3: S3Client;
let otherS3: S3Client;
beforeEach(async () => {
  local = await startLocalCloud();
  s3 = s3Client(local.cloud.endpoint);
  otherS3 = new S3Client({
    endpoint: local.cloud.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: OTHER, secretAccessKey: 'test' },
  });
});
afterEach(() => stopLocalCloud(local));

describe('bucket owners', () => {
  it('STS answers as the account a 12-digit access key id names, else as the emulator account', async () => {
    const other = new STSClient({ endpoint: local.cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: OTHER, secretAccessKey: 'x' } });
    expect((await other.send(new GetCallerIdentityCommand({}))).Account).toBe(OTHER);
    expect((await other.send(new GetCallerIdentityCommand({}))).Arn).toBe(`arn:aws:iam::${OTHER}:root`);
    expect((await stsClient(local.cloud.endpoint).send(new GetCallerIdentityCommand({}))).Account).toBe(OWN);
  });

  it('answers 403 to HeadBucket, HeadObject and PutObject whose ExpectedBucketOwner is not the owner', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'mine' }));
    await s3.send(new PutObjectCommand({ Bucket: 'mine', Key: 'a.zip', Body: 'a', ExpectedBucketOwner: OWN }));
    await s3.send(new HeadBucketCommand({ Bucket: 'mine', ExpectedBucketOwner: OWN }));

    const head = await failure(s3.send(new HeadBucketCommand({ Bucket: 'mine', ExpectedBucketOwner: OTHER })));
    expect(head.$metadata?.httpStatusCode).toBe(403);
    const headObject = await failure(s3.send(new HeadObjectCommand({ Bucket: 'mine', Key: 'a.zip', ExpectedBucketOwner: OTHER })));
    expect(headObject.$metadata?.httpStatusCode).toBe(403);
    const put = await failure(s3.send(new PutObjectCommand({ Bucket: 'mine', Key: 'b.zip', Body: 'b', ExpectedBucketOwner: OTHER })));
    expect(put.name).toBe('AccessDenied');
    expect(put.$metadata?.httpStatusCode).toBe(403);
    const copy = await failure(
      s3.send(new CopyObjectCommand({ Bucket: 'mine', Key: 'c.zip', CopySource: 'mine/a.zip', ExpectedSourceBucketOwner: OTHER })),
    );
    expect(copy.name).toBe('AccessDenied');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'mine' }));
    expect((listed.Contents ?? []).map((o) => o.Key)).toEqual(['a.zip']);
  });

  it("lets another account use a bucket only through a policy that allows it, and never when it names the wrong owner", async () => {
    await otherS3.send(new CreateBucketCommand({ Bucket: 'theirs' }));
    // No policy: another account is refused, as S3 refuses by default.
    expect((await failure(s3.send(new PutObjectCommand({ Bucket: 'theirs', Key: 'x', Body: 'x' })))).name).toBe('AccessDenied');
    await otherS3.send(
      new PutBucketPolicyCommand({
        Bucket: 'theirs',
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }] }),
      }),
    );
    // The permissive policy lets anyone write: what a bucket sniper sets up.
    await s3.send(new PutObjectCommand({ Bucket: 'theirs', Key: 'x', Body: 'x' }));
    // Naming one's own account as the expected owner stops it.
    const refused = await failure(s3.send(new PutObjectCommand({ Bucket: 'theirs', Key: 'y', Body: 'y', ExpectedBucketOwner: OWN })));
    expect(refused.name).toBe('AccessDenied');
    const keys = (await otherS3.send(new ListObjectsV2Command({ Bucket: 'theirs' }))).Contents?.map((o) => o.Key);
    expect(keys).toEqual(['x']);
    // Bucket configuration stays the owner's.
    const config = await failure(
      s3.send(new PutPublicAccessBlockCommand({ Bucket: 'theirs', PublicAccessBlockConfiguration: { BlockPublicAcls: true } })),
    );
    expect(config.name).toBe('AccessDenied');
  });

  it("answers CreateBucket on another account's name with BucketAlreadyExists and lists only the caller's buckets", async () => {
    await otherS3.send(new CreateBucketCommand({ Bucket: 'taken-name' }));
    const error = await failure(s3.send(new CreateBucketCommand({ Bucket: 'taken-name' })));
    expect(error).toBeInstanceOf(BucketAlreadyExists);
    expect(error.$metadata?.httpStatusCode).toBe(409);
    await s3.send(new CreateBucketCommand({ Bucket: 'my-name' }));
    expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual(['my-name']);
    expect((await otherS3.send(new ListBucketsCommand({}))).Owner?.ID).toBe(OTHER);
  });
});

describe('bucket configurations the assets bucket uses', () => {
  it('stores and returns ownership controls, public access block, encryption and lifecycle in S3 shapes', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'configured' }));
    const owned = { Bucket: 'configured', ExpectedBucketOwner: OWN };
    await s3.send(new PutBucketOwnershipControlsCommand({ ...owned, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } }));
    await s3.send(
      new PutPublicAccessBlockCommand({
        ...owned,
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: false },
      }),
    );
    await s3.send(
      new PutBucketEncryptionCommand({
        ...owned,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' } }] },
      }),
    );
    await s3.send(
      new PutBucketLifecycleConfigurationCommand({
        ...owned,
        LifecycleConfiguration: {
          Rules: [{ ID: 'r1', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } }],
        },
      }),
    );

    expect((await s3.send(new GetBucketOwnershipControlsCommand(owned))).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect((await s3.send(new GetPublicAccessBlockCommand(owned))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: false,
    });
    expect((await s3.send(new GetBucketEncryptionCommand(owned))).ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/x' } },
    ]);
    expect((await s3.send(new GetBucketLifecycleConfigurationCommand(owned))).Rules).toEqual([
      { ID: 'r1', Status: 'Enabled', Filter: { Prefix: 'logs/' }, Expiration: { Days: 30 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
    ]);
    // The Get calls honour the expected owner too.
    const wrong = await failure(s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: 'configured', ExpectedBucketOwner: OTHER })));
    expect(wrong.name).toBe('AccessDenied');
  });
});
