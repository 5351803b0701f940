/**
 * The CloudFormation custom resource protocol: the request a handler receives and the response it
 * PUTs to the pre-signed `ResponseURL` (see the AWS docs "Custom resource request objects" and
 * "response objects").
 */
export interface CustomResourceEvent {
  RequestType: 'Create' | 'Update' | 'Delete';
  ResponseURL: string;
  StackId: string;
  RequestId: string;
  ResourceType: string;
  LogicalResourceId: string;
  PhysicalResourceId?: string;
  ResourceProperties: Record<string, unknown>;
  OldResourceProperties?: Record<string, unknown>;
}

export interface CustomResourceResponse {
  Status: 'SUCCESS' | 'FAILED';
  Reason: string;
  PhysicalResourceId: string;
  StackId: string;
  RequestId: string;
  LogicalResourceId: string;
  NoEcho?: boolean;
  Data?: Record<string, string>;
}

/** CloudFormation rejects response bodies over 4096 bytes; the reason is the part that grows. */
const MAX_REASON_LENGTH = 2000;

export function truncateReason(reason: string): string {
  return reason.length <= MAX_REASON_LENGTH ? reason : `${reason.slice(0, MAX_REASON_LENGTH - 3)}...`;
}

/**
 * PUTs the response. The URL is pre-signed without a content type, so the request must send an
 * empty one (as AWS's own cfn-response module does).
 */
export async function sendResponse(url: string, response: CustomResourceResponse): Promise<void> {
  const body = JSON.stringify(response);
  const res = await fetch(url, {
    method: 'PUT',
    body,
    headers: { 'content-type': '', 'content-length': String(Buffer.byteLength(body)) },
  });
  if (!res.ok) {
    throw new Error(`CloudFormation response upload failed: HTTP ${res.status} ${await res.text()}`);
  }
}
