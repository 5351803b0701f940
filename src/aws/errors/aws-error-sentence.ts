/**
 * SDK errors → StpError sentences a user can act on: what stp was doing, on which resource, why
 * it failed, and how to fix it. The classification itself is `toStpError`'s (src/errors); this adds
 * the call's context and the CloudFormation answers only a stack call can explain.
 */
import { toStpError } from '../../errors/classify-error.js';
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
}

export function awsErrorToStpError(error: unknown, context: AwsCallContext): StpError {
  if (error instanceof StpError) return error;
  const e = (error ?? {}) as SdkErrorShape;
  const name = e.name ?? 'Error';
  const message = e.message ?? String(error);
  const on = context.resource ? ` (${context.resource})` : '';
  const options = (code: string, fix?: string) => ({ code, cause: error, ...(fix ? { fix } : {}), ...(context.resource ? { resource: context.resource } : {}) });

  // CloudFormation's answers that only make sense knowing which stack call failed.
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

  // Everything else is classified in one place (credentials, network, access, throttling, faults);
  // this adds what stp was doing and on which resource.
  const classified = toStpError(error, { ...(context.endpoint ? { endpoint: context.endpoint } : {}), ...(context.profile ? { profile: context.profile } : {}) });
  const resource = context.resource ?? classified.resource;
  return new StpError(classified.kind, `Could not ${context.doing}${on}: ${classified.message}`, {
    code: classified.code,
    cause: error,
    ...(classified.fix ? { fix: classified.fix } : {}),
    ...(resource ? { resource } : {}),
  });
}

/** Runs an AWS call, turning any failure into an StpError with context. */
export async function awsCall<T>(context: AwsCallContext, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw awsErrorToStpError(error, context);
  }
}
