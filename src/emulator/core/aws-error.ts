/**
 * An error the emulator answers with, in whatever wire protocol the request came in on.
 * `code` is what the SDK turns into the exception name (e.g. `ValidationError`,
 * `ResourceNotFoundException`); `status` is the HTTP status AWS uses for it.
 */
export class AwsServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** awsQuery `<Type>`: Sender for client faults, Receiver for server faults. */
    readonly fault: 'Sender' | 'Receiver' = status >= 500 ? 'Receiver' : 'Sender',
  ) {
    super(message);
    this.name = code;
  }
}
