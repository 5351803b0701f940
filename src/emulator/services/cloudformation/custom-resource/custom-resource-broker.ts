import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../../../core/aws-error.js';

/** The body a custom resource handler PUTs to its ResponseURL. */
export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason?: string;
  PhysicalResourceId?: string;
  StackId?: string;
  RequestId?: string;
  LogicalResourceId?: string;
  NoEcho?: boolean;
  Data?: Record<string, unknown>;
}

interface Waiter {
  resolve(response: CustomResourceResponse): void;
  reject(error: Error): void;
}

/** CloudFormation rejects response bodies above 4 KB. */
const MAX_RESPONSE_BYTES = 4096;

/**
 * Matches the PUTs to `/__stp/cfn-response/<token>` with the custom resource waiting for them.
 * Each request gets an unguessable token, like the pre-signed S3 URL CloudFormation hands out.
 */
export class CustomResourceBroker {
  private readonly waiting = new Map<string, Waiter>();

  expect(): { token: string; response: Promise<CustomResourceResponse> } {
    const token = randomBytes(24).toString('hex');
    const response = new Promise<CustomResourceResponse>((resolve, reject) => {
      this.waiting.set(token, { resolve, reject });
    });
    // Avoid an unhandled rejection when the waiter is cancelled before anyone awaits it.
    response.catch(() => undefined);
    return { token, response };
  }

  cancel(token: string): void {
    this.waiting.delete(token);
  }

  get pending(): number {
    return this.waiting.size;
  }

  async deliver(token: string, body: Buffer): Promise<void> {
    const waiter = this.waiting.get(token);
    if (!waiter) {
      // What S3 answers for a pre-signed URL that is not (or no longer) valid.
      throw new AwsServiceError('AccessDenied', 'Request has expired', 403);
    }
    this.waiting.delete(token);
    if (body.length > MAX_RESPONSE_BYTES) {
      waiter.reject(new Error('Response object is too long.'));
      return;
    }
    let parsed: CustomResourceResponse;
    try {
      parsed = JSON.parse(body.toString('utf8')) as CustomResourceResponse;
    } catch {
      waiter.reject(new Error('Invalid response object: the body is not valid JSON.'));
      return;
    }
    if (parsed === null || typeof parsed !== 'object' || (parsed.Status !== 'SUCCESS' && parsed.Status !== 'FAILED')) {
      waiter.reject(new Error('Invalid response object: Status must be SUCCESS or FAILED.'));
      return;
    }
    waiter.resolve(parsed);
  }
}
