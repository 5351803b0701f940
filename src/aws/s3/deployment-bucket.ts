/**
 * The bucket stp uploads packaged code to: one per account and region, created on first use
 * with public access blocked and default encryption, and no bootstrap stack to leave behind.
 */
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketEncryptionCommand,
  PutPublicAccessBlockCommand,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export function deploymentBucketName(accountId: string, region: string): string {
  return `stp-assets-${accountId}-${region}`;
}

export async function callerAccountId(sts: STSClient): Promise<string> {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  if (!identity.Account) throw new Error('STS GetCallerIdentity returned no account id.');
  return identity.Account;
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

export async function ensureBucket(s3: S3Client, bucket: string, region: string): Promise<EnsureBucketResult> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return { bucket, created: false, warnings: [] };
  } catch (error) {
    const status = statusOf(error);
    if (status === 403) {
      throw new Error(
        `The deployment bucket "${bucket}" exists but this identity cannot access it (403). It may belong to another account, or the credentials lack s3:ListBucket.`,
        { cause: error },
      );
    }
    if (status !== 404 && nameOf(error) !== 'NotFound' && nameOf(error) !== 'NoSuchBucket') throw error;
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
    if (nameOf(error) === 'BucketAlreadyOwnedByYou') created = false; // a concurrent deploy won the race
    else if (nameOf(error) === 'BucketAlreadyExists') {
      throw new Error(`The bucket name "${bucket}" is taken by another AWS account.`, { cause: error });
    } else throw error;
  }

  const warnings: string[] = [];
  try {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
  } catch (error) {
    warnings.push(`could not block public access on ${bucket}: ${nameOf(error) ?? String(error)}`);
  }
  try {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      }),
    );
  } catch (error) {
    warnings.push(`could not enable default encryption on ${bucket}: ${nameOf(error) ?? String(error)}`);
  }
  return { bucket, created, warnings };
}
