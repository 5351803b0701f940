import type { Clock } from './clock.js';

/**
 * The seam between the HTTP/protocol layer and the service implementations.
 *
 * The server decodes a request (awsQuery form, JSON 1.1 body, Lambda REST path, S3 REST path)
 * into an operation name and a plain input object, calls the service, and encodes the result (or
 * an `AwsServiceError`) back in that protocol. Services never see HTTP.
 */
export interface RequestInfo {
  requestId: string;
  /** Region from the SigV4 credential scope (default us-east-1). */
  region: string;
  /**
   * The caller's account: 000000000000, or the access key id when it is 12 digits
   * (server/caller-account.ts). Only S3 and STS answer per caller; the rest use ctx.accountId.
   */
  accountId: string;
  /** Raw body for protocols that carry payloads (Lambda Invoke, S3 PutObject). */
  body?: Buffer;
  headers: Record<string, string | undefined>;
}

export interface EmulatorService {
  /** SigV4 signing name, e.g. `cloudformation`, `logs`, `lambda`, `s3`, `sts`, `ecs`. */
  readonly signingName: string;
  /** Handles one operation; throws AwsServiceError for AWS-shaped errors. */
  handle(operation: string, input: Record<string, unknown>, request: RequestInfo): Promise<unknown>;
}

/** Everything a service may reach: the clock, persistence, the other services' internal APIs. */
export interface EmulatorContext {
  clock: Clock;
  /** http://127.0.0.1:PORT — used e.g. for custom resource response URLs. */
  endpoint(): string;
  accountId: string;
  /** One clear line for the operator (unsupported operations, faults fired, handler crashes). */
  log(line: string): void;
}

export const EMULATOR_ACCOUNT_ID = '000000000000';
