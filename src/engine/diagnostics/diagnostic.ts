/**
 * A problem found in user input (the stack config, a referenced file, or a construct the compiler
 * cannot handle yet). Every stage that reads user input reports these, all at once, instead of
 * throwing on the first one; the CLI renders them with a code frame and exits 2.
 */
import { StpError } from '../../errors/stp-error.js';

export interface SourcePosition {
  /** Absolute or cwd-relative path of the file the problem is in. */
  file: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** Optional end of the span (1-based, inclusive line / exclusive column) for wider carets. */
  endLine?: number;
  endColumn?: number;
}

export type DiagnosticSeverity = 'error' | 'warning';

export interface Diagnostic {
  /** Stable machine code, e.g. `STP_CONFIG_UNKNOWN_PROPERTY`. Tests assert on it. */
  code: string;
  severity: DiagnosticSeverity;
  /** One sentence saying what is wrong, in the user's terms. */
  message: string;
  /** Where it is. Absent only for problems with no place in a file (e.g. no config file found). */
  position?: SourcePosition;
  /** The config path, e.g. `resources.api.properties.memory`. */
  path?: (string | number)[];
  /** What would have been valid, e.g. `one of: after:deploy, before:delete`. */
  expected?: string;
  /** A likely fix, e.g. `did you mean "connectTo"?`. */
  hint?: string;
}

/** Thrown only to carry a batch of diagnostics across a boundary that cannot return them. */
export class DiagnosticsError extends StpError {
  constructor(readonly diagnostics: Diagnostic[]) {
    super('config', diagnostics.map((d) => d.message).join('\n'), { code: diagnostics[0]?.code ?? 'STP_CONFIG_INVALID' });
    this.name = 'DiagnosticsError';
  }
}
