/**
 * The one error model. Every failure stp can explain is a StpError of a kind; the kind decides the
 * exit code and whether the message is the user's to fix or ours to report. Only `bug` (and any
 * non-StpError that escapes) ends in "please report it".
 */
export type StpErrorKind =
  /** The command line: an unknown flag, a missing argument. Exit 2. */
  | 'usage'
  /** The stack config or a template the user wrote. Exit 2, no AWS call made. */
  | 'config'
  /** The machine or its settings: credentials, profile, region, a port in use, a corrupt state file. Exit 1. */
  | 'environment'
  /** AWS (or the local cloud) refused or failed, explained with the resource and the reason. Exit 1. */
  | 'aws'
  /** A policy refused the operation (approval policy, protected resource). Exit 3. */
  | 'refused'
  /** Something stp did wrong. Exit 1 and "please report it". */
  | 'bug';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_REFUSED = 3;
export const EXIT_NEEDS_ATTENTION = 4;
export const EXIT_INTERRUPTED = 130;

export interface StpErrorOptions {
  /** A stable machine-readable code, e.g. STP_AWS_CREDENTIALS_MISSING. */
  code: string;
  /** One sentence saying how to fix it. */
  fix?: string;
  /** The resource (config name, logical id, bucket…) the error is about. */
  resource?: string;
  cause?: unknown;
  /** Overrides the kind's exit code (e.g. EXIT_NEEDS_ATTENTION for a stuck stack). */
  exitCode?: number;
}

export class StpError extends Error {
  readonly kind: StpErrorKind;
  readonly code: string;
  readonly fix: string | undefined;
  readonly resource: string | undefined;
  readonly exitCode: number;

  constructor(kind: StpErrorKind, message: string, options: StpErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StpError';
    this.kind = kind;
    this.code = options.code;
    this.fix = options.fix;
    this.resource = options.resource;
    this.exitCode = options.exitCode ?? exitCodeOfKind(kind);
  }
}

export function exitCodeOfKind(kind: StpErrorKind): number {
  switch (kind) {
    case 'usage':
    case 'config':
      return EXIT_USAGE;
    case 'refused':
      return EXIT_REFUSED;
    case 'environment':
    case 'aws':
    case 'bug':
      return EXIT_FAILED;
  }
}

export function isStpError(error: unknown): error is StpError {
  return error instanceof StpError;
}

/** The chain of causes, outermost first, as messages (for the event contract's `cause` and --debug). */
export function causeChain(error: unknown): string[] {
  const chain: string[] = [];
  let current: unknown = error;
  const seen = new Set<unknown>();
  while (current !== undefined && current !== null && !seen.has(current) && chain.length < 10) {
    seen.add(current);
    chain.push(current instanceof Error ? current.message : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}
