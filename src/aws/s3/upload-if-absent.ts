/**
 * Content-addressed uploads: the key is the content's hash, so an object that already exists
 * under it holds exactly these bytes and is not sent again (HeadObject before PutObject). Both
 * calls name the expected bucket owner; a 403 is the bucket-not-owned refusal, never a retry
 * elsewhere. An object old enough to be near its lifecycle expiry is written again, which
 * restarts its clock (see deployment-bucket.ts).
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { bucketNotOwnedError, isAccessDenied } from './bucket-ownership.js';

const DAY_MS = 86_400_000;

export interface ObjectTarget {
  bucket: string;
  key: string;
  /** The caller's account: S3 refuses (403) when the bucket belongs to anyone else. */
  expectedOwner: string;
}

/** When the object was last written, or undefined when it does not exist. */
export async function objectLastModified(s3: S3Client, target: ObjectTarget): Promise<Date | undefined> {
  try {
    const head = await s3.send(new HeadObjectCommand({ Bucket: target.bucket, Key: target.key, ExpectedBucketOwner: target.expectedOwner }));
    // Without a date (some S3-compatible stores) the object counts as fresh.
    return head.LastModified ?? new Date(8.64e15);
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = (error as { name?: string }).name;
    if (status === 404 || name === 'NotFound' || name === 'NoSuchKey') return undefined;
    if (isAccessDenied(error)) throw bucketNotOwnedError(target.bucket, target.expectedOwner, error);
    throw error;
  }
}

export interface UploadParams extends ObjectTarget {
  body: Uint8Array;
  contentType?: string;
  /** Re-write an existing object last written more than this many days ago (default: never). */
  refreshAfterDays?: number;
  /** For tests; default Date.now. */
  now?: () => number;
}

/** Uploads unless present (and fresh); returns whether bytes were sent. */
export async function uploadIfAbsent(s3: S3Client, params: UploadParams): Promise<boolean> {
  const lastModified = await objectLastModified(s3, params);
  if (lastModified !== undefined) {
    const refreshAfter = params.refreshAfterDays;
    const age = (params.now ?? Date.now)() - lastModified.getTime();
    if (refreshAfter === undefined || age <= refreshAfter * DAY_MS) return false;
  }
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: params.bucket,
        Key: params.key,
        Body: params.body,
        ContentType: params.contentType ?? 'application/zip',
        ExpectedBucketOwner: params.expectedOwner,
      }),
    );
  } catch (error) {
    if (isAccessDenied(error)) throw bucketNotOwnedError(params.bucket, params.expectedOwner, error);
    throw error;
  }
  return true;
}
