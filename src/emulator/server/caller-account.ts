/**
 * Which account a request is made as. Signatures are not checked, so the access key id decides:
 * a 12-digit access key id is that account (LocalStack's convention), anything else is the
 * emulator's own account. Tests use this to act as a second account (e.g. one that created a
 * bucket first); only S3 and STS answer per caller account, the other services as the emulator's.
 */
const HEADER_CREDENTIAL = /Credential=([^/\s,]+)\//;
const ACCOUNT_ID = /^\d{12}$/;

export function accessKeyIdOf(headers: Record<string, string | undefined>, query: URLSearchParams): string | undefined {
  const fromHeader = headers.authorization ? HEADER_CREDENTIAL.exec(headers.authorization) : null;
  if (fromHeader) return fromHeader[1];
  const presigned = query.get('X-Amz-Credential');
  return presigned ? presigned.split('/')[0] : undefined;
}

export function callerAccountOf(headers: Record<string, string | undefined>, query: URLSearchParams, defaultAccount: string): string {
  const accessKeyId = accessKeyIdOf(headers, query);
  return accessKeyId !== undefined && ACCOUNT_ID.test(accessKeyId) ? accessKeyId : defaultAccount;
}
