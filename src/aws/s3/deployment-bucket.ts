/**
 * The bucket stp uploads packaged code to: `stp-assets-<account>-<region>` (or `--assets-bucket`),
 * created on first use, no bootstrap stack to leave behind. Every call names the caller's account
 * as ExpectedBucketOwner (see bucket-ownership.ts: the default name is predictable).
 *
 * What stp sets when it creates the bucket, and why:
 * - Object ownership BucketOwnerEnforced (ACLs off) and all four public-access blocks.
 * - Default encryption SSE-S3 (AES256): no KMS key to manage or pay for.
 * - Versioning off, deliberately: keys are content hashes, so an object is never overwritten with
 *   different bytes and old versions would never exist; versioning would only add cost.
 * - A lifecycle rule: objects expire ASSET_EXPIRY_DAYS after they were last written, and
 *   unfinished multipart uploads after a day. A stack still using an older object is safe because
 *   every upload run re-writes an object older than ASSET_REFRESH_DAYS that it needs
 *   (upload-if-absent.ts), so what the last deploy referenced lives at least 90 more days —
 *   long enough for a rollback to find the previous code. The gap: a stack left alone for more
 *   than ASSET_EXPIRY_DAYS whose next update fails cannot roll its functions back to the expired
 *   code (UPDATE_ROLLBACK_FAILED); the deploy command should re-write, before it updates a stack,
 *   the keys the deployed template references while they still exist.
 */
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutBucketLifecycleConfigurationCommand,
  PutBucketOwnershipControlsCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { StpError } from '../../errors/stp-error.js';
import { bucketNameTakenError, bucketNotOwnedError, isAccessDenied } from './bucket-ownership.js';

export { callerAccountId } from '../sts/caller-account.js';

/** Days after its last write that S3 deletes an asset object (the bucket's lifecycle rule). */
export const ASSET_EXPIRY_DAYS = 180;
/** An upload run re-writes a needed object older than this, so it never expires while in use. */
export const ASSET_REFRESH_DAYS = 90;
export const ASSET_LIFECYCLE_RULE_ID = 'stp-expire-unused-assets';

export function deploymentBucketName(accountId: string, region: string): string {
  return `stp-assets-${accountId}-${region}`;
}

export interface EnsureBucketResult {
  bucket: string;
  created: boolean;
  /** Settings that could not be applied (the bucket works, but the operator should know). */
  warnings: string[];
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
function nameOf(error: unknown): string | undefined {
  return (error as { name?: string }).name;
}

/**
 * Makes sure `bucket` exists and belongs to `expectedOwner` (the caller's account). A bucket of
 * another account is refused (StpError STP_ASSETS_BUCKET_NOT_OWNED), never used.
 */
export async function ensureBucket(s3: S3Client, bucket: string, region: string, expectedOwner: string): Promise<EnsureBucketResult> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket, ExpectedBucketOwner: expectedOwner }));
    return { bucket, created: false, warnings: [] };
  } catch (error) {
    if (isAccessDenied(error)) throw bucketNotOwnedError(bucket, expectedOwner, error);
    if (statusOf(error) === 301) throw bucketInOtherRegionError(bucket, region, error);
    if (statusOf(error) !== 404 && nameOf(error) !== 'NotFound' && nameOf(error) !== 'NoSuchBucket') throw error;
  }

  let created = true;
  try {
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        // us-east-1 is the default location and rejects being named explicitly.
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }),
      }),
    );
  } catch (error) {
    // A concurrent run of ours won the race: the bucket is ours, finish configuring it.
    if (nameOf(error) === 'BucketAlreadyOwnedByYou') created = false;
    else if (nameOf(error) === 'BucketAlreadyExists') throw bucketNameTakenError(bucket, expectedOwner, error);
    else throw error;
  }
  return { bucket, created, warnings: await secureNewBucket(s3, bucket, expectedOwner) };
}

/** S3 answers a regional request for a bucket of another region with 301; Lambda reads code only from its own region. */
function bucketInOtherRegionError(bucket: string, region: string, cause: unknown): StpError {
  const headers = (cause as { $response?: { headers?: Record<string, string> } }).$response?.headers ?? {};
  const actual = headers['x-amz-bucket-region'];
  return new StpError('aws', `The assets bucket "${bucket}" is in ${actual ?? 'another region'}, not ${region}: Lambda can only read function code from a bucket in the function's region.`, {
    code: 'STP_ASSETS_BUCKET_WRONG_REGION',
    resource: bucket,
    fix: `Pass --assets-bucket with a bucket of your account in ${region} (stp creates it if it does not exist), or deploy to ${actual ?? "the bucket's region"} with --region.`,
    cause,
  });
}

/** The settings of a bucket stp created; a setting that fails is a warning, the bucket still works. */
async function secureNewBucket(s3: S3Client, bucket: string, expectedOwner: string): Promise<string[]> {
  const owned = { Bucket: bucket, ExpectedBucketOwner: expectedOwner };
  const settings: [what: string, apply: () => Promise<unknown>][] = [
    [
      'enforce bucket-owner object ownership',
      () => s3.send(new PutBucketOwnershipControlsCommand({ ...owned, OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] } })),
    ],
    [
      'block public access',
      () =>
        s3.send(
          new PutPublicAccessBlockCommand({
            ...owned,
            PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
          }),
        ),
    ],
    [
      'enable default encryption',
      () =>
        s3.send(
          new PutBucketEncryptionCommand({
            ...owned,
            ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          }),
        ),
    ],
    [
      'set the lifecycle rule for old assets',
      () =>
        s3.send(
          new PutBucketLifecycleConfigurationCommand({
            ...owned,
            LifecycleConfiguration: {
              Rules: [
                {
                  ID: ASSET_LIFECYCLE_RULE_ID,
                  Status: 'Enabled',
                  Filter: { Prefix: '' },
                  Expiration: { Days: ASSET_EXPIRY_DAYS },
                  AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
                },
              ],
            },
          }),
        ),
    ],
  ];
  const warnings: string[] = [];
  for (const [what, apply] of settings) {
    try {
      await apply();
    } catch (error) {
      // The bucket was just created by (or for) this account, so a refusal here is a missing
      // permission, not a stranger's bucket; the uploads that follow check the owner again.
      warnings.push(`could not ${what} on ${bucket}: ${nameOf(error) ?? String(error)}`);
    }
  }
  return warnings;
}
