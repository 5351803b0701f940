/**
 * Who may use a bucket, as S3 decides it for the cases stp meets:
 * - `x-amz-expected-bucket-owner` (the SDK's ExpectedBucketOwner) that is not the bucket's owner
 *   is 403 AccessDenied, whoever asks; `x-amz-source-expected-bucket-owner` likewise for the
 *   source of a copy.
 * - The owner may do anything. Another account may read and write objects, list and head the
 *   bucket only when the bucket policy has an Allow statement whose Principal is `*`,
 *   `{"AWS": "*"}` or names that account (id or `arn:aws:iam::<id>:root`). Actions, resources,
 *   conditions and Deny statements are not evaluated. Bucket configuration stays owner-only.
 */
import { S3Error } from './bucket-store.js';
import type { Bucket } from './bucket-store.js';

export const accessDenied = () => new S3Error('AccessDenied', 'Access Denied', 403);

export type BucketUse = 'data' | 'configuration';

export function checkBucketAccess(
  bucket: Bucket,
  caller: string,
  headers: Record<string, string | undefined>,
  use: BucketUse,
  expectedOwnerHeader = 'x-amz-expected-bucket-owner',
): void {
  const expected = headers[expectedOwnerHeader];
  if (expected !== undefined && expected !== bucket.owner) throw accessDenied();
  if (caller === bucket.owner) return;
  if (use === 'configuration' || !policyAllows(bucket.configs.policy, caller)) throw accessDenied();
}

interface PolicyStatement {
  Effect?: unknown;
  Principal?: unknown;
}

function policyAllows(policyText: string | undefined, account: string): boolean {
  if (policyText === undefined) return false;
  let statements: PolicyStatement[];
  try {
    const parsed = JSON.parse(policyText) as { Statement?: PolicyStatement | PolicyStatement[] };
    statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
  } catch {
    return false;
  }
  return statements.some((statement) => statement.Effect === 'Allow' && principalMatches(statement.Principal, account));
}

function principalMatches(principal: unknown, account: string): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const aws = (principal as { AWS?: unknown }).AWS;
  const names = Array.isArray(aws) ? aws : [aws];
  return names.some((name) => name === '*' || name === account || name === `arn:aws:iam::${account}:root`);
}
