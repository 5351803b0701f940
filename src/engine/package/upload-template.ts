/**
 * Puts a template in the deployment bucket so CloudFormation can read it by URL: request bodies
 * hold at most 51,200 bytes, a TemplateURL up to 1 MB. Content-addressed like the code assets
 * (`templates/<sha256>.json`), so an unchanged template is not uploaded again.
 */
import { StpError } from '../../errors/stp-error.js';
import type { S3Client } from '@aws-sdk/client-s3';
import type { STSClient } from '@aws-sdk/client-sts';
import { ASSET_REFRESH_DAYS, callerAccountId, deploymentBucketName, ensureBucket } from '../../aws/s3/deployment-bucket.js';
import { uploadIfAbsent } from '../../aws/s3/upload-if-absent.js';
import { sha256Hex } from './deterministic-zip.js';

/** CloudFormation's limits on TemplateBody and on a template read from S3. */
export const TEMPLATE_BODY_LIMIT = 51_200;
export const TEMPLATE_URL_LIMIT = 1_000_000;

export interface TemplateLocation {
  bucket: string;
  key: string;
  /** What to pass as TemplateURL. */
  url: string;
  uploaded: boolean;
}

export class TemplateTooLargeError extends StpError {
  override name = 'TemplateTooLargeError';
  constructor(message: string) {
    super('config', message, { code: 'STP_TEMPLATE_TOO_LARGE', fix: 'Split the stack, or move resources into another stack.' });
  }
}

/** Whether a body must travel by URL rather than inline. */
export function needsTemplateUrl(body: string): boolean {
  return Buffer.byteLength(body, 'utf8') > TEMPLATE_BODY_LIMIT;
}

export async function uploadTemplate(
  body: string,
  target: { s3: S3Client; sts: STSClient; region: string; bucket?: string },
): Promise<TemplateLocation> {
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.byteLength > TEMPLATE_URL_LIMIT) {
    throw new TemplateTooLargeError(
      `The template is ${bytes.byteLength} bytes; CloudFormation accepts at most ${TEMPLATE_URL_LIMIT} bytes. Split the stack or move resources out of it.`,
    );
  }
  const account = await callerAccountId(target.sts);
  const bucket = target.bucket ?? deploymentBucketName(account, target.region);
  await ensureBucket(target.s3, bucket, target.region, account);
  const key = `templates/${sha256Hex(bytes)}.json`;
  const uploaded = await uploadIfAbsent(target.s3, {
    bucket,
    key,
    body: bytes,
    contentType: 'application/json',
    expectedOwner: account,
    refreshAfterDays: ASSET_REFRESH_DAYS,
  });
  return { bucket, key, url: await objectUrl(target.s3, bucket, key), uploaded };
}

/**
 * The object's URL as the client addresses it: path-style under a custom endpoint (the local
 * cloud, LocalStack), the regional virtual-hosted name on AWS.
 */
async function objectUrl(s3: S3Client, bucket: string, key: string): Promise<string> {
  const region = await s3.config.region();
  const endpointProvider = s3.config.endpoint;
  if (endpointProvider) {
    const endpoint = await endpointProvider();
    const base = `${endpoint.protocol}//${endpoint.hostname}${endpoint.port ? `:${endpoint.port}` : ''}${endpoint.path.replace(/\/$/, '')}`;
    return `${base}/${bucket}/${key}`;
  }
  return `https://${bucket}.s3.${region}.amazonaws.com/${key}`;
}
