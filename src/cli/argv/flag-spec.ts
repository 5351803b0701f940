/** Declarative flag definitions shared by the parser and the help renderer. */
export interface FlagSpec {
  /** Long name without dashes, e.g. `stage`. */
  name: string;
  /** One-letter alias without the dash, e.g. `s`. */
  alias?: string;
  /** `boolean` flags take no value; `string` flags take the next word or `=value`. */
  type: 'boolean' | 'string';
  /** Placeholder shown in help, e.g. `NAME`. */
  valueName?: string;
  description: string;
  /** Allowed values, checked by the parser (with did-you-mean). */
  choices?: readonly string[];
}

export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'config', alias: 'c', type: 'string', valueName: 'FILE', description: 'Stack config file (default: stacktape.yml or stacktape.yaml in the current directory)' },
  { name: 'stage', alias: 's', type: 'string', valueName: 'STAGE', description: 'Stage name, 2–12 lower-case letters, digits or dashes (default: $STP_STAGE or "dev")' },
  { name: 'region', alias: 'r', type: 'string', valueName: 'REGION', description: 'AWS region, one of the aws partition\'s (default: $AWS_REGION, $AWS_DEFAULT_REGION, the profile\'s region, or us-east-1)' },
  { name: 'profile', alias: 'p', type: 'string', valueName: 'NAME', description: 'AWS credentials profile (default: $AWS_PROFILE or the default chain)' },
  { name: 'ci', type: 'boolean', description: 'Headless: plain lines, never prompt (on automatically when CI is set or there is no TTY; today every command is headless)' },
  { name: 'json', type: 'boolean', description: 'Machine-readable output (NDJSON / JSON) on stdout' },
  { name: 'local', type: 'boolean', description: 'Target the embedded local cloud instead of AWS: the running `stp local`, else one in-process (state in .stp/local/ of the project)' },
  { name: 'local-state', type: 'string', valueName: 'DIR', description: 'Keep the local cloud state in DIR (for --local and stp local; also $STP_LOCAL_STATE)' },
  { name: 'endpoint-url', type: 'string', valueName: 'URL', description: 'Send every AWS call to this endpoint (e.g. LocalStack); also $AWS_ENDPOINT_URL' },
  { name: 'no-color', type: 'boolean', description: 'Disable colour (also $NO_COLOR); meaning is always carried by words and symbols too' },
  { name: 'debug', type: 'boolean', description: 'Show internal stack traces for unexpected errors' },
  { name: 'version', alias: 'v', type: 'boolean', description: 'Print the version and exit' },
  { name: 'help', alias: 'h', type: 'boolean', description: 'Show help (for a command: stp COMMAND --help)' },
];

/** For every command that uploads code (compile --upload, and deploy): the bucket to use instead of stp-assets-<account>-<region>. */
export const ASSETS_BUCKET_FLAG: FlagSpec = {
  name: 'assets-bucket',
  type: 'string',
  valueName: 'NAME',
  description: 'Upload code to this S3 bucket of your account instead of stp-assets-<account>-<region> (created if missing; refused if another account owns it)',
};

/** For the commands that run a deploy session: the session's events to a file, for `stp replay`. */
export const RECORD_FLAG: FlagSpec = {
  name: 'record',
  type: 'string',
  valueName: 'FILE',
  description: 'Also write every event to FILE as it happens (NDJSON, what --json prints; created 0600), for `stp replay FILE`',
};
