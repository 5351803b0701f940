/**
 * Content-addressed uploads: the key is the content's hash, so an object that already exists
 * under it holds exactly these bytes and is not sent again (HeadObject before PutObject).
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    const name = (error as { name?: string }).name;
    if (status === 404 || name === 'NotFound' || name === 'NoSuchKey') return false;
    throw error;
  }
}

/** Uploads unless present; returns whether bytes were sent. */
export async function uploadIfAbsent(
  s3: S3Client,
  params: { bucket: string; key: string; body: Uint8Array; contentType?: string },
): Promise<boolean> {
  if (await objectExists(s3, params.bucket, params.key)) return false;
  await s3.send(
    new PutObjectCommand({
      Bucket: params.bucket,
      Key: params.key,
      Body: params.body,
      ContentType: params.contentType ?? 'application/zip',
    }),
  );
  return true;
}
