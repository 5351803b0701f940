/**
 * Turns whatever a command threw into a StpError: a StpError stays as it is; the AWS SDK's own
 * failures (no credentials, expired or invalid credentials, access denied, throttling, an endpoint
 * that does not answer) become the user's to fix, with a sentence saying how; anything else is a
 * bug in stp (kind `bug`, the only kind that asks to be reported). The one place SDK errors are
 * read, so commands can let them propagate.
 */
import { StpError } from './stp-error.js';

export interface ErrorContext {
  /** The endpoint every AWS call went to, when it is not AWS's own (`--endpoint-url`, the local cloud). */
  endpoint?: string;
  /** Where that endpoint came from, for the message, e.g. "--endpoint-url" or "the local cloud". */
  endpointSource?: string;
  /** The named profile in use (`--profile` / AWS_PROFILE). */
  profile?: string;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $metadata?: { httpStatusCode?: number; attempts?: number };
  address?: string;
  port?: number;
  hostname?: string;
  syscall?: string;
  path?: string;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved (DNS)',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  EPIPE: 'the connection was closed',
};

/** File-system failures on a path (e.g. `--out` into a missing folder): the machine's, not stp's. */
const FILE_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is not a folder',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const INVALID_CREDENTIALS = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'SignatureDoesNotMatch', 'InvalidAccessKeyId', 'IncompleteSignature']);
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'Forbidden']);
const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);

export function toStpError(error: unknown, context: ErrorContext = {}): StpError {
  if (error instanceof StpError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const name = e.name ?? '';
  const message = e.message ?? String(error);

  if (name === 'CredentialsProviderError' || /could not load credentials/i.test(message)) {
    return new StpError('environment', context.profile ? `the AWS profile "${context.profile}" gave no credentials` : 'no AWS credentials found', {
      code: 'STP_AWS_CREDENTIALS_MISSING',
      fix: context.profile
        ? `Check the profile's settings in ~/.aws/config and ~/.aws/credentials, or sign in again with \`aws sso login --profile ${context.profile}\`.`
        : 'Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile with --profile (or AWS_PROFILE), or use --local for the embedded local cloud.',
      cause: error,
    });
  }

  if (/Region is missing/i.test(message)) {
    return new StpError('environment', 'no AWS region is set', {
      code: 'STP_AWS_REGION_MISSING',
      fix: 'Pass --region REGION, set AWS_REGION, or set a region in the profile.',
      cause: error,
    });
  }

  // The SDK's HTTP handler names a connection or request timeout TimeoutError (often without a code).
  const network = e.code !== undefined && NETWORK_CODES[e.code] !== undefined ? NETWORK_CODES[e.code] : name === 'TimeoutError' ? 'the request timed out' : undefined;
  if (network !== undefined) {
    const where = context.endpoint
      ? `${context.endpoint}${context.endpointSource ? ` (${context.endpointSource})` : ''}`
      : e.hostname ?? (e.address !== undefined ? `${e.address}${e.port !== undefined ? `:${e.port}` : ''}` : 'the AWS endpoint');
    return new StpError('environment', `cannot reach ${where}: ${network} (${e.code ?? name})`, {
      code: 'STP_ENDPOINT_UNREACHABLE',
      fix: context.endpoint
        ? `Start the service at ${context.endpoint} (for the local cloud: \`stp local\`), or point stp elsewhere with --endpoint-url / AWS_ENDPOINT_URL.`
        : 'Check the network connection, a proxy (HTTPS_PROXY), and that AWS_ENDPOINT_URL is unset or correct.',
      ...(context.endpoint !== undefined ? { resource: context.endpoint } : {}),
      cause: error,
    });
  }

  const fileProblem = e.code !== undefined && e.path !== undefined ? FILE_CODES[e.code] : undefined;
  if (fileProblem !== undefined) {
    return new StpError('environment', `cannot ${e.syscall ?? 'use'} ${e.path}: ${fileProblem} (${e.code})`, {
      code: 'STP_FILE_ACCESS',
      resource: e.path!,
      fix: 'Check that the path exists and that you may read or write it.',
      cause: error,
    });
  }

  if (EXPIRED.has(name)) {
    return new StpError('environment', `the AWS credentials have expired (${name})`, {
      code: 'STP_AWS_CREDENTIALS_EXPIRED',
      fix: `Refresh them: \`aws sso login${context.profile ? ` --profile ${context.profile}` : ''}\`, or export a new session token.`,
      cause: error,
    });
  }
  if (INVALID_CREDENTIALS.has(name)) {
    return new StpError('environment', `AWS does not accept these credentials (${name}): ${message}`, {
      code: 'STP_AWS_CREDENTIALS_INVALID',
      fix: 'Check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the profile) for a typo or a deleted key.',
      cause: error,
    });
  }
  if (ACCESS_DENIED.has(name)) {
    return new StpError('aws', `AWS denied access (${name}): ${message}`, {
      code: 'STP_AWS_ACCESS_DENIED',
      fix: 'Grant the identity the permission named above, or use a profile that has it (--profile).',
      cause: error,
    });
  }
  if (THROTTLING.has(name)) {
    const attempts = e.$metadata?.attempts;
    return new StpError('aws', `AWS kept throttling the requests (${name}${attempts ? ` after ${attempts} attempts` : ''})`, {
      code: 'STP_AWS_THROTTLED',
      fix: 'Run again in a minute; if it persists, ask AWS Support to raise the API rate limit for the account.',
      cause: error,
    });
  }
  // A service exception carries its fault; without one, the HTTP status still says whose it is.
  const status = e.$metadata?.httpStatusCode;
  const fault = e.$fault ?? (status === undefined ? undefined : status >= 500 ? 'server' : 'client');
  if (fault === 'server') {
    return new StpError('aws', `AWS failed to answer (${name || 'server error'}): ${message}`, {
      code: 'STP_AWS_SERVICE_ERROR',
      fix: 'Run again in a moment; AWS reported an error on its side.',
      cause: error,
    });
  }
  if (fault === 'client') {
    return new StpError('aws', `AWS refused the request (${name}): ${message}`, {
      code: 'STP_AWS_REQUEST_REFUSED',
      fix: 'Read the reason above; run again with --debug to see which call it was.',
      cause: error,
    });
  }
  return new StpError('bug', message, { code: 'STP_BUG', cause: error });
}
