/**
 * SDK errors → StpError sentences a user can act on: what stp was doing, on which resource, why
 * it failed, and how to fix it. Anything unrecognised is still an `aws` error with AWS's own
 * message; never a raw stack trace.
 */
import { StpError } from '../../errors/stp-error.js';

export interface AwsCallContext {
  /** What stp was doing, e.g. "create the change set", "read the stack". */
  doing: string;
  /** The stack, bucket or function it was about. */
  resource?: string;
  /** The endpoint the call went to (for network errors), when known. */
  endpoint?: string;
  profile?: string;
}

interface SdkErrorShape {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function awsErrorToStpError(error: unknown, context: AwsCallContext): StpError {
  if (error instanceof StpError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  const on = context.resource ? ` (${context.resource})` : '';
  const options = (code: string, fix?: string) => ({ code, cause: error, ...(fix ? { fix } : {}), ...(context.resource ? { resource: context.resource } : {}) });

  if (name === 'CredentialsProviderError' || /Could not load credentials|credential.*(missing|not found)/i.test(message)) {
    return new StpError('environment', `No AWS credentials were found to ${context.doing}.`, options(
      'STP_AWS_CREDENTIALS_MISSING',
      context.profile
        ? `Sign in for profile "${context.profile}" (e.g. \`aws sso login --profile ${context.profile}\`), or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; or try it offline with --local.`
        : 'Pass --profile NAME (or set AWS_PROFILE), sign in with `aws sso login`, or set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; or try it offline with --local.',
    ));
  }
  if (/^(ExpiredToken|ExpiredTokenException|RequestExpired)$/.test(name) || /token.*expired|SSO session.*expired/i.test(message)) {
    return new StpError('environment', `The AWS credentials have expired (${message}).`, options(
      'STP_AWS_CREDENTIALS_EXPIRED',
      context.profile ? `Run \`aws sso login --profile ${context.profile}\` (or refresh the keys) and try again.` : 'Refresh the credentials (e.g. `aws sso login`) and try again.',
    ));
  }
  if (/Region is missing/i.test(message)) {
    return new StpError('environment', 'No AWS region is set.', options('STP_AWS_REGION_MISSING', 'Pass --region REGION, set AWS_REGION, or set a region in the profile.'));
  }
  if (/^(InvalidClientTokenId|UnrecognizedClientException|SignatureDoesNotMatch|InvalidSignatureException)$/.test(name)) {
    return new StpError('environment', `AWS does not accept these credentials (${name}): ${message}`, options('STP_AWS_CREDENTIALS_INVALID', 'Check the profile or the access keys; they may belong to another partition or be deactivated.'));
  }
  if (/^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError)$/.test(name)) {
    return new StpError('aws', `AWS denied the permission to ${context.doing}${on}: ${message}`, options('STP_AWS_ACCESS_DENIED', 'Use a role or profile allowed to do this, or ask an administrator for the permission named above.'));
  }
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket hang up|ECONNRESET/.test(`${e.code ?? ''} ${message}`)) {
    const where = context.endpoint ?? 'AWS';
    return new StpError('environment', `stp could not reach ${where} to ${context.doing}: ${message}.`, options(
      'STP_AWS_UNREACHABLE',
      context.endpoint || /127\.0\.0\.1|localhost/.test(message)
        ? 'Check that the endpoint is running (e.g. `stp local`), or drop --endpoint-url / AWS_ENDPOINT_URL.'
        : 'Check the network connection and proxy settings.',
    ));
  }
  if (/^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded|SlowDown)$/.test(name)) {
    return new StpError('aws', `AWS kept throttling the calls to ${context.doing}${on}, even after retries.`, options('STP_AWS_THROTTLED', 'Wait a minute and run it again; other tools may be calling the same APIs.'));
  }
  const busy = /is in ([A-Z_]+_IN_PROGRESS) state/.exec(message);
  if (busy) {
    return new StpError('aws', `The stack is busy: ${busy[1]}; an operation is still running.`, options('STP_STACK_BUSY', 'Wait for it to finish, or attach with `stp status --watch`.'));
  }
  if (name === 'ValidationError' && /does not exist/.test(message)) {
    return new StpError('aws', `The stack${on} does not exist.`, options('STP_STACK_NOT_FOUND', 'Deploy it first with `stp deploy` (check --stage and --region).'));
  }
  if (name === 'InsufficientCapabilitiesException') {
    return new StpError('aws', `CloudFormation needs more capabilities to ${context.doing}${on}: ${message}`, options('STP_AWS_CAPABILITIES'));
  }
  if (name === 'AlreadyExistsException') {
    return new StpError('aws', `Cannot ${context.doing}${on}: ${message}`, options('STP_AWS_ALREADY_EXISTS'));
  }
  const status = e.$metadata?.httpStatusCode;
  return new StpError('aws', `AWS refused to ${context.doing}${on}: ${name}: ${message}`, options(
    status !== undefined && status >= 500 ? 'STP_AWS_SERVICE_ERROR' : 'STP_AWS_ERROR',
    status !== undefined && status >= 500 ? 'AWS had an internal error; run it again.' : undefined,
  ));
}

/** Runs an AWS call, turning any failure into an StpError with context. */
export async function awsCall<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw awsErrorToStpError(error, context);
  }
}
