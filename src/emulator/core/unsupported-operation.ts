/**
 * Thrown by a service for an operation (or a feature of one) it does not implement. The server
 * answers it exactly like AWS answers an unknown action in that protocol (awsQuery `InvalidAction`,
 * JSON `UnknownOperationException`, S3 `NotImplemented`) and logs one line naming the service and
 * the operation, so gaps are visible and never silent.
 */
export class UnsupportedOperationError extends Error {
  constructor(
    readonly service: string,
    readonly operation: string,
    /** What exactly is missing, when it is a feature of an operation rather than the operation. */
    readonly detail?: string,
  ) {
    super(`The local cloud does not support ${service} ${operation}${detail ? ` (${detail})` : ''}.`);
    this.name = 'UnsupportedOperationError';
  }
}
