/**
 * The refusal for an assets bucket that is not the caller's. The default bucket name
 * (`stp-assets-<account>-<region>`) is predictable, so anyone can create it first; every S3 call
 * on it names the caller's account as ExpectedBucketOwner, and S3 answers 403 when the owner is
 * someone else. That answer must stop the run: uploading would hand the function code to them.
 */
import { StpError } from '../../errors/stp-error.js';

export function isAccessDenied(error: unknown): boolean {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const name = (error as { name?: string }).name;
  return status === 403 || name === 'AccessDenied' || name === 'Forbidden';
}

export function bucketNotOwnedError(bucket: string, account: string, cause?: unknown): StpError {
  return new StpError(
    'aws',
    `The assets bucket "${bucket}" is not owned by your account ${account}, or this identity may not use it: S3 refused a request that names ${account} as the expected bucket owner. ` +
      `Uploading there would give your function code to whoever owns the bucket, so nothing was uploaded.`,
    {
      code: 'STP_ASSETS_BUCKET_NOT_OWNED',
      resource: bucket,
      fix: `Pass --assets-bucket NAME with a bucket your account owns (stp creates it if it does not exist yet), or grant this identity s3:ListBucket, s3:GetObject and s3:PutObject on ${bucket} if it is yours.`,
      ...(cause !== undefined ? { cause } : {}),
    },
  );
}

export function bucketNameTakenError(bucket: string, account: string, cause?: unknown): StpError {
  return new StpError(
    'aws',
    `The assets bucket name "${bucket}" is taken by another AWS account (bucket names are global), so stp cannot create it for your account ${account}. Nothing was uploaded.`,
    {
      code: 'STP_ASSETS_BUCKET_NOT_OWNED',
      resource: bucket,
      fix: 'Pass --assets-bucket NAME with a bucket your account owns, or a free name for stp to create.',
      ...(cause !== undefined ? { cause } : {}),
    },
  );
}
