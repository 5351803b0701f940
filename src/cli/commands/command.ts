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
  examples: readonly CommandExample[];
  /** Loaded only when the command runs, so `--help` and `--version` stay fast. */
  load(): Promise<{ run(ctx: CommandContext): Promise<number> }>;
}

/** Exit codes: 0 success, 1 the operation failed, 2 bad input (usage or config). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
