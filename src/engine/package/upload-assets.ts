/**
 * Uploads packaged archives to the deployment bucket (`stp-assets-<account>-<region>`, or the
 * `--assets-bucket` one; created on first use). Keys are content hashes, so an archive already in
 * the bucket is skipped after a HeadObject; nothing is uploaded for an unchanged stack. Every S3
 * call names the caller's account as the expected bucket owner: a bucket of another account is
 * refused before a byte is sent.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { ASSET_REFRESH_DAYS, callerAccountId, deploymentBucketName, ensureBucket } from '../../aws/s3/deployment-bucket.js';
import { uploadIfAbsent } from '../../aws/s3/upload-if-absent.js';
import { forEachLimited } from './for-each-limited.js';

export interface UploadTarget {
  s3: S3Client;
  sts: STSClient;
  region: string;
  /** Use this bucket instead of the per-account one (`--assets-bucket`); created when missing, refused when another account owns it. */
  bucket?: string;
}

export interface ArchiveToUpload {
  id: string;
  key: string;
  zip: Uint8Array;
}

export interface UploadResult {
  bucket: string;
  bucketCreated: boolean;
  /** Asset ids whose archive was sent. */
  uploaded: string[];
  /** Asset ids whose archive was already in the bucket. */
  skipped: string[];
  warnings: string[];
}

export async function uploadAssets(archives: readonly ArchiveToUpload[], target: UploadTarget): Promise<UploadResult> {
  const account = await callerAccountId(target.sts);
  const bucket = target.bucket ?? deploymentBucketName(account, target.region);
  const ensured = await ensureBucket(target.s3, bucket, target.region, account);
  const bucketCreated = ensured.created;
  const warnings = [...ensured.warnings];
  const uploaded: string[] = [];
  const skipped: string[] = [];
  // Two assets with identical code share one object: send it once.
  const byKey = new Map<string, ArchiveToUpload[]>();
  for (const archive of archives) byKey.set(archive.key, [...(byKey.get(archive.key) ?? []), archive]);
  await forEachLimited([...byKey.values()], 4, async (group) => {
    const first = group[0]!;
    const sent = await uploadIfAbsent(target.s3, {
      bucket,
      key: first.key,
      body: first.zip,
      expectedOwner: account,
      refreshAfterDays: ASSET_REFRESH_DAYS,
    });
    (sent ? uploaded : skipped).push(first.id);
    skipped.push(...group.slice(1).map((a) => a.id));
  });
  return { bucket, bucketCreated, uploaded: uploaded.sort(), skipped: skipped.sort(), warnings };
}
