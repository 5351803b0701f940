import type { FlagSpec } from '../argv/flag-spec.js';
import type { FlagValues } from '../argv/parse-argv.js';
import type { TerminalIo } from '../output/terminal-io.js';

/** The options every command gets, with defaults applied. */
export interface GlobalOptions {
  configPath?: string;
  stage: string;
  region: string;
  /** False when no --region flag or AWS_REGION/AWS_DEFAULT_REGION gave it (AWS commands then ask the profile). */
  regionExplicit?: boolean;
  profile?: string;
  ci: boolean;
  json: boolean;
  local: boolean;
  /** `--local-state DIR` (STP_LOCAL_STATE is read where the local cloud's home is found). */
  localState?: string;
  endpointUrl?: string;
  debug: boolean;
}

export interface CommandContext {
  options: GlobalOptions;
  /** Command-specific flags, by long name. */
  flags: FlagValues;
  positionals: string[];
  io: TerminalIo;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Aborted when the process must stop (SIGINT/SIGTERM are the command's own business; this is a closed output pipe). */
  stopSignal?: AbortSignal;
}

export interface CommandExample {
  command: string;
  description: string;
}

/** What the help screen and the parser need, without loading the command's code. */
export interface CommandSpec {
  name: string;
  summary: string;
  /** e.g. `stp validate [--config FILE] [--template]`. */
  usage: string;
  description?: string;
  flags: readonly FlagSpec[];
  /**
   * The global flags this command acts on (by long name), besides --no-color, --debug, --help and
   * --version; any other global flag given to it is refused, never silently ignored. Every command
   * should declare it (a test checks); one that does not is not checked.
   */
  globalFlags?: readonly string[];
  /**
   * How many positional arguments the command takes (0: any is refused). Absent: the command checks
   * its positionals itself (logs, script:run and secret:* say what the word should be).
   */
  maxPositionals?: number;
  examples: readonly CommandExample[];
  /** Loaded only when the command runs, so `--help` and `--version` stay fast. */
  load(): Promise<{ run(ctx: CommandContext): Promise<number> }>;
}

/** Exit codes live with the error model: 0 success, 1 failed, 2 bad input, 3 refused, 4 needs attention, 130 interrupted. */
export { EXIT_FAILED, EXIT_INTERRUPTED, EXIT_NEEDS_ATTENTION, EXIT_OK, EXIT_REFUSED, EXIT_USAGE } from '../../errors/stp-error.js';
