/** What the deployer hands a provisioner, and what a provisioner gives back. */
export interface StackIdentity {
  stackId: string;
  stackName: string;
  region: string;
  accountId: string;
}

export interface ProvisionRequest {
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  stack: StackIdentity;
  signal: AbortSignal;
}

export interface ProvisionResult {
  physicalId: string;
  attributes: Record<string, unknown>;
}

export interface Provisioner {
  /** Creates the resource; the promise settles when the physical resource exists. */
  create(request: ProvisionRequest): Promise<ProvisionResult>;
  /**
   * Updates in place. A returned physical ID different from the current one means the resource
   * was replaced by the provider itself (custom resources do this); the old one is then deleted
   * in the cleanup phase.
   */
  update(request: ProvisionRequest & { physicalId: string; oldProperties: Record<string, unknown>; attributes: Record<string, unknown> }): Promise<ProvisionResult>;
  delete(request: ProvisionRequest & { physicalId: string; attributes: Record<string, unknown> }): Promise<void>;
}

/** An error whose message is shown as the resource's ResourceStatusReason. */
export class ResourceFailure extends Error {
  constructor(
    reason: string,
    /** A physical ID the provider reported despite failing (a custom resource's FAILED response). */
    readonly physicalId?: string,
  ) {
    super(reason);
    this.name = 'ResourceFailure';
  }
}

/** CloudFormation's wrapper around a resource handler's error (Cloud Control style). */
export function handlerFailure(message: string, errorCode: 'InvalidRequest' | 'NotFound' | 'AlreadyExists' | 'GeneralServiceException' | 'ResourceConflict', requestToken: string): ResourceFailure {
  return new ResourceFailure(`Resource handler returned message: "${message}" (RequestToken: ${requestToken}, HandlerErrorCode: ${errorCode})`);
}
