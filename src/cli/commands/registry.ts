import { ASSETS_BUCKET_FLAG, RECORD_FLAG } from '../argv/flag-spec.js';
import type { CommandSpec } from './command.js';

/**
 * Every command stp offers. Only commands that work are listed; each loads its code lazily.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    summary: 'Check a stack config: every error at once, with file:line:column and a likely fix',
    usage: 'stp validate [--config FILE] [--stage STAGE] | stp validate --template FILE',
    description:
      'Loads stacktape.yml, resolves its directives, checks it against the schema and the cross-resource\n' +
      'rules and runs the capability checks of stp compile (what stp cannot compile yet), and prints every\n' +
      'problem with a code frame. Makes no AWS call. Exit code 2 when invalid.\n' +
      'With --template, checks a CloudFormation template (JSON or YAML) against the resource specification:\n' +
      'types, property names, required properties, GetAtt attributes, references and dependency cycles.',
    // --ci: validate never prompts and prints plain lines, so it is headless already.
    globalFlags: ['config', 'stage', 'region', 'json', 'ci'],
    maxPositionals: 0,
    flags: [{ name: 'template', alias: 't', type: 'string', valueName: 'FILE', description: 'Validate this CloudFormation template instead of the stack config' }],
    examples: [
      { command: 'stp validate', description: 'Validate ./stacktape.yml for the default stage' },
      { command: 'stp validate --config infra/stacktape.yml --stage prod', description: 'Validate another file for the prod stage' },
      { command: 'stp validate --json | jq .diagnostics', description: 'Machine-readable diagnostics' },
      { command: 'stp compile --out template.json && stp validate --template template.json', description: 'Check a template against the CloudFormation resource specification' },
    ],
    load: () => import('./validate-command.js'),
  },
  {
    name: 'compile',
    summary: 'Compile the stack to a CloudFormation template and package its code',
    usage: 'stp compile [--format json|yaml] [--out FILE] [--upload [--assets-bucket NAME]]',
    description:
      'Bundles each function with esbuild into a deterministic zip (sha256-named, cached in .stp/cache/),\n' +
      'fills the S3 keys into the template, and checks the template against the CloudFormation resource\n' +
      'specification. Makes no AWS call unless --upload is given; --upload puts the code in the deployment\n' +
      'bucket stp-assets-<account>-<region> (created on first use: private, encrypted, old assets expire),\n' +
      'skipping objects already there. Every call names your account as the bucket owner: a bucket of that\n' +
      'name owned by another account is refused, never uploaded to; --assets-bucket picks another bucket.',
    // No --json: the template is the output (JSON by default); diagnostics as JSON come from validate.
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci'],
    maxPositionals: 0,
    flags: [
      { name: 'format', alias: 'f', type: 'string', valueName: 'FORMAT', choices: ['json', 'yaml'], description: 'Template format (default json)' },
      { name: 'out', alias: 'o', type: 'string', valueName: 'FILE', description: 'Write the template to FILE instead of stdout' },
      { name: 'upload', type: 'boolean', description: 'Upload the code assets to the deployment bucket (needs AWS credentials, or --local)' },
      ASSETS_BUCKET_FLAG,
    ],
    examples: [
      { command: 'stp compile --stage prod --format yaml', description: 'Print the prod template as YAML' },
      { command: 'stp compile --out template.json', description: 'Write the template to a file' },
      { command: 'stp compile --upload --local', description: 'Package and upload the code to the local cloud' },
      { command: 'stp compile --upload --assets-bucket my-team-stp-assets', description: 'Upload to a bucket of your choosing' },
    ],
    load: () => import('./compile-command.js'),
  },
  {
    name: 'deploy',
    summary: 'Deploy the stack: plan, approve, execute and watch it live (scripts\' output included)',
    usage: 'stp deploy [--require-approval never|destructive|any-change] [--yes] [--protect NAMES] [--rerun-scripts] [--on-interrupt cancel|detach] [--exit]',
    description:
      'Compiles and packages the stack, creates a CloudFormation change set and shows the plan: + add, ~ modify,\n' +
      '± replace, ? may replace, − remove, with data loss and access broadening called out. Nothing changed since\n' +
      'the last deploy → "no changes" without a change set. Headless (--ci, CI, no TTY) a destructive plan is\n' +
      'refused (exit 3) unless --yes; on a terminal you are asked (data loss: type the stack name). Then it executes\n' +
      'and streams every resource status change and the deployment scripts\' output, and ends with the outputs.\n' +
      'At a terminal it runs in a full-screen console: plan, events, canary, scripts and logs panes (1-5, Tab), ? for\n' +
      'every key; it stays on the result screen when the deploy ends (q leaves with its exit code) unless --exit.\n' +
      'Ctrl-C while an update runs: headless it cancels and waits for the rollback, at a terminal it asks; a second\n' +
      'Ctrl-C (or --on-interrupt detach) stops watching and leaves it running.\n' +
      'Exit codes: 0 deployed or no changes, 1 failed/rolled back, 2 bad config, 3 refused, 4 needs attention, 130 interrupted.',
    // The deploy engine's commands act on every targeting flag, --ci and --json (NDJSON events).
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    maxPositionals: 0,
    flags: [
      { name: 'require-approval', type: 'string', valueName: 'LEVEL', choices: ['never', 'destructive', 'any-change'], description: 'Which plans need approval (default: any-change at a terminal, destructive headless: replace, remove, data loss)' },
      { name: 'yes', alias: 'y', type: 'boolean', description: 'Approve the plan without asking (headless: required for plans that need approval)' },
      { name: 'protect', type: 'string', valueName: 'NAMES', description: 'Comma-separated config resources or logical ids that may never be replaced or removed' },
      { name: 'rerun-scripts', type: 'boolean', description: 'Deploy even when nothing changed, so after:deploy scripts run again' },
      { name: 'on-interrupt', type: 'string', valueName: 'WHAT', choices: ['cancel', 'detach'], description: 'Ctrl-C/SIGTERM during an update: cancel it and wait for the rollback (headless default; a terminal asks), or detach' },
      RECORD_FLAG,
      { name: 'exit', type: 'boolean', description: 'At a terminal: leave the console as soon as the deploy ends (default: stay on the result screen until q)' },
    ],
    examples: [
      { command: 'stp deploy --local', description: 'Deploy to the embedded local cloud' },
      { command: 'stp deploy --stage prod --ci --yes', description: 'Deploy from a pipeline, approving destructive changes' },
      { command: 'stp deploy --json | jq -c \'select(.type=="result")\'', description: 'Machine-readable events (NDJSON)' },
      { command: 'stp deploy --protect db,uploads', description: 'Refuse any plan that would replace or remove these' },
      { command: 'stp deploy --record deploy.ndjson', description: 'Keep the session to replay later with `stp replay deploy.ndjson`' },
    ],
    load: () => import('./deploy-command.js'),
  },
  {
    name: 'preview',
    summary: 'Show what a deploy would change (a change set, deleted afterwards)',
    usage: 'stp preview [--detailed-exitcode] [--protect NAMES]',
    description:
      'The plan of `stp deploy` without deploying. Exit code 0; with --detailed-exitcode 0 means no changes,\n' +
      '5 changes, 6 destructive changes (replace, may replace, remove, data loss).',
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    maxPositionals: 0,
    flags: [
      { name: 'detailed-exitcode', type: 'boolean', description: 'Exit 0 no changes, 5 changes, 6 destructive changes' },
      { name: 'protect', type: 'string', valueName: 'NAMES', description: 'Mark these config resources or logical ids as protected in the plan' },
      RECORD_FLAG,
    ],
    examples: [
      { command: 'stp preview --local', description: 'Plan against the local cloud' },
      { command: 'stp preview --stage prod --detailed-exitcode', description: 'Fail a pipeline step on destructive changes (exit 6)' },
    ],
    load: () => import('./preview-command.js'),
  },
  {
    name: 'delete',
    summary: 'Delete the stack (before:delete scripts run first; data loss listed)',
    usage: 'stp delete [--yes]',
    description:
      'Lists every resource that goes, with the ones holding data called out, and asks for the stack name to\n' +
      'confirm (headless: --yes is required, else exit 3). before:delete deployment scripts run inside the deletion.',
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    maxPositionals: 0,
    flags: [{ name: 'yes', alias: 'y', type: 'boolean', description: 'Delete without asking' }, RECORD_FLAG],
    examples: [
      { command: 'stp delete --local --yes', description: 'Delete the local-cloud stack' },
      { command: 'stp delete --stage pr-42 --ci --yes', description: 'Tear down a preview stage in a pipeline' },
    ],
    load: () => import('./delete-command.js'),
  },
  {
    name: 'status',
    summary: 'Show the deployed stack: status, resources, outputs, last operation',
    usage: 'stp status [--watch [--record FILE]]',
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    maxPositionals: 0,
    flags: [
      { name: 'watch', alias: 'w', type: 'boolean', description: 'If the stack is mid-operation, stream it from its start until it ends (Ctrl-C stops watching, the operation goes on)' },
      { ...RECORD_FLAG, description: `With --watch: ${RECORD_FLAG.description.replace(/^A/, 'a')}` },
    ],
    examples: [
      { command: 'stp status --local', description: 'The local-cloud stack' },
      { command: 'stp status --watch', description: 'Follow a deploy started elsewhere, from its first event' },
      { command: 'stp status --json', description: 'The same as one JSON object' },
    ],
    load: () => import('./status-command.js'),
  },
  {
    name: 'rollback',
    summary: 'Get a stuck stack moving: cancel an update, roll back a failed one, or recover UPDATE_ROLLBACK_FAILED',
    usage: 'stp rollback [--skip LOGICAL_IDS]',
    description:
      'UPDATE_IN_PROGRESS → CancelUpdateStack; UPDATE_FAILED/CREATE_FAILED → RollbackStack; UPDATE_ROLLBACK_FAILED →\n' +
      'ContinueUpdateRollback, skipping the resources named with --skip (they are left as they are). Watched to the end.',
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    maxPositionals: 0,
    flags: [{ name: 'skip', type: 'string', valueName: 'IDS', description: 'Comma-separated logical ids ContinueUpdateRollback may skip' }, RECORD_FLAG],
    examples: [
      { command: 'stp rollback', description: 'Roll back whatever is stuck' },
      { command: 'stp rollback --skip CatalogDbInstance', description: 'Recover UPDATE_ROLLBACK_FAILED, leaving that resource as it is' },
    ],
    load: () => import('./rollback-command.js'),
  },
  {
    name: 'replay',
    summary: 'Play a recorded session (--record FILE) again: in the console, or as plain lines headless',
    usage: 'stp replay FILE [--speed N | --instant]',
    description:
      'Reads a session recorded with --record FILE (or --json output saved to a file) and plays it with its\n' +
      'own timing. At a terminal it plays in the console, read-only: Space pauses, +/- change the speed, ←/→\n' +
      'seek 10 s, Home/End jump to the start or the end. Headless (--ci, CI, no TTY) it prints the plain lines\n' +
      'the live --ci run printed, instantly unless --speed is given. Makes no AWS call. Exit 0 when it played,\n' +
      '2 for a file that is not a recording (file:line named) or one written by a newer stp.',
    globalFlags: ['ci'],
    maxPositionals: 1,
    flags: [
      { name: 'speed', type: 'string', valueName: 'N', description: 'Play N times as fast as recorded (default 1 at a terminal; 0.5 is half speed)' },
      { name: 'instant', type: 'boolean', description: 'Show the end state at once (headless: the default)' },
    ],
    examples: [
      { command: 'stp deploy --record deploy.ndjson', description: 'Record a session to replay' },
      { command: 'stp replay deploy.ndjson --speed 4', description: 'Watch it again, four times as fast' },
      { command: 'stp replay deploy.ndjson --ci', description: 'Print it as plain lines (e.g. in a CI log)' },
    ],
    load: () => import('./replay-command.js'),
  },
  {
    name: 'schema',
    summary: 'Print the JSON Schema of stacktape.yml (for editor autocompletion)',
    usage: 'stp schema [--out FILE]',
    description:
      'The same schema stp validates with. Point your editor at it, e.g. in VS Code with the YAML\n' +
      'extension: "yaml.schemas": { "./stacktape.schema.json": "stacktape.yml" }.',
    // The schema is JSON whatever the flags, and the same for every stage and region.
    globalFlags: ['json', 'ci'],
    maxPositionals: 0,
    flags: [{ name: 'out', alias: 'o', type: 'string', valueName: 'FILE', description: 'Write to FILE instead of stdout' }],
    examples: [
      { command: 'stp schema > stacktape.schema.json', description: 'Save the schema next to your config' },
      { command: 'stp schema --out .vscode/stacktape.schema.json', description: 'Write it straight to a file' },
    ],
    load: () => import('./schema-command.js'),
  },
  {
    name: 'local',
    summary: 'Serve the embedded local cloud (CloudFormation, Lambda, Logs, Secrets Manager, SSM, ECS, ELBv2, EC2, S3, STS) on 127.0.0.1',
    usage: 'stp local [--port N] [--config DIR] [--local-state DIR]',
    description:
      'An AWS-compatible endpoint for offline work, demos and CI: the real AWS SDK clients talk to it over\n' +
      'HTTP. Functions really run (Node.js runtimes), stacks really provision in dependency order, and the\n' +
      'state persists in .stp/local/ of the project: the --config folder or the current directory, or the\n' +
      'nearest folder up to the repository root that has one (--local-state DIR to choose). Commands run\n' +
      'with --local for configs in that folder or below use this server. STP_LOCAL_TIME_SCALE=60 turns\n' +
      'minutes into seconds; STP_LOCAL_FAULTS injects throttling, 5xx, latency, dropped connections or\n' +
      'failing resources.',
    // --region is the region of the AWS_REGION line it prints; --config and --local-state choose the state's home.
    globalFlags: ['region', 'ci', 'config', 'local-state'],
    maxPositionals: 0,
    flags: [
      { name: 'port', type: 'string', valueName: 'N', description: 'Port to listen on (default 4566; 0 picks a free one)' },
      { name: 'verbose', type: 'boolean', description: 'Log every request (service, operation, status, duration)' },
    ],
    examples: [
      { command: 'stp local', description: 'Serve on http://127.0.0.1:4566' },
      { command: 'STP_LOCAL_TIME_SCALE=60 stp local --port 4600', description: 'A faster clock on another port' },
    ],
    load: () => import('./local-command.js'),
  },
  {
    name: 'logs',
    summary: 'Tail the logs of functions, deployment scripts, containers or batch jobs',
    usage: 'stp logs <resource…> [--container NAME] [--since 10m] [--filter PATTERN] [--follow]',
    description:
      'Reads each resource\'s CloudWatch Logs group (a function or script: /aws/lambda/<function>; a\n' +
      'container: its awslogs group; name a side container as web/proxy) from --since on, several\n' +
      'resources interleaved by time. At a terminal: a full-screen tail view — / filter (CloudWatch\n' +
      'pattern; Enter applies, Esc clears), f follow / pause, j/k, g/G, PgUp/PgDn, q quit. With --ci or\n' +
      'piped: one "<time>  <line>" per line ("<time>  <source>  <line>" with several resources), oldest\n' +
      'first; --follow keeps streaming until Ctrl+C; --json prints log.line events as NDJSON. Lambda\'s\n' +
      'START/END/REPORT lines are left out. --filter takes a CloudWatch Logs filter pattern.',
    // Reads the deployed stack's logs: every targeting flag, and --json for log.line events.
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    flags: [
      { name: 'container', type: 'string', valueName: 'NAME', description: 'For one service: the container (default: the main one)' },
      { name: 'since', type: 'string', valueName: 'WHEN', description: 'Start from a duration ago (90s, 10m, 2h, 1d) or an ISO time (default 10m)' },
      { name: 'filter', type: 'string', valueName: 'PATTERN', description: 'Only lines matching this CloudWatch Logs filter pattern' },
      { name: 'follow', alias: 'f', type: 'boolean', description: 'Headless: keep streaming new lines until interrupted (the terminal view always follows)' },
    ],
    examples: [
      { command: 'stp logs api --since 1h', description: 'The last hour of the api function' },
      { command: 'stp logs api worker --ci --follow', description: 'Two resources interleaved by time, as plain lines' },
      { command: 'stp logs web/proxy --follow', description: 'Follow a side container of a service' },
      { command: 'stp logs api --filter ERROR --local', description: 'Only error lines, from the local cloud' },
    ],
    load: () => import('./logs-command.js'),
  },
  {
    name: 'script:run',
    summary: 'Run a deployment script again, with the parameters of the last deploy',
    usage: 'stp script:run <name>',
    description:
      'Invokes the script\'s function directly (not through CloudFormation) with the event of the last\n' +
      'deploy, streams its output from CloudWatch Logs, and exits 0 when it succeeds, 1 when it fails.',
    globalFlags: ['config', 'stage', 'region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json'],
    flags: [],
    examples: [
      { command: 'stp script:run migrate', description: 'Rerun the migrate script of the dev stage' },
      { command: 'stp script:run seed --stage prod --json', description: 'As NDJSON events' },
    ],
    load: () => import('./script-run-command.js'),
  },
  {
    name: 'secret:create',
    summary: 'Store a secret in Secrets Manager for $Secret() in stack configs',
    usage: 'stp secret:create NAME [--file FILE] [--overwrite] [--description TEXT]',
    description:
      'The value comes from --file, from standard input when it is not a terminal, or from a prompt with\n' +
      'echo off; never from the command line (shells keep it in history). One trailing newline is dropped.\n' +
      "A JSON object value serves $Secret('NAME.key'). Works on AWS, --endpoint-url and --local alike.",
    // Secrets are per account and region, not per stack: no --stage (--config only finds the local cloud's home).
    globalFlags: ['region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json', 'config'],
    flags: [
      { name: 'file', type: 'string', valueName: 'FILE', description: 'Read the value from FILE' },
      { name: 'overwrite', type: 'boolean', description: 'If the secret exists, store the value as its new current version' },
      { name: 'description', type: 'string', valueName: 'TEXT', description: 'Description of the secret' },
    ],
    examples: [
      { command: 'stp secret:create my-app', description: 'Type the value at a hidden prompt' },
      { command: 'stp secret:create my-app --file db.json', description: "A JSON value from a file, for $Secret('my-app.password')" },
      { command: 'printf %s "$DB_PASSWORD" | stp secret:create my-app --overwrite --ci', description: 'From a CI secret, replacing the current value' },
      { command: 'stp secret:create my-app --local', description: 'In the local cloud' },
    ],
    load: () => import('./secret-create-command.js'),
  },
  {
    name: 'secret:get',
    summary: "Print a secret's value (the only command that shows one)",
    usage: 'stp secret:get NAME [--version-stage STAGE | --version-id ID]',
    description:
      'Writes exactly the value to standard output (plus a newline on a terminal), nothing else; --json\n' +
      'prints name, ARN, version id and value. Binary secrets are printed base64-encoded.',
    globalFlags: ['region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json', 'config'],
    flags: [
      { name: 'version-stage', type: 'string', valueName: 'STAGE', description: 'Staging label to read (default AWSCURRENT), e.g. AWSPREVIOUS' },
      { name: 'version-id', type: 'string', valueName: 'ID', description: 'Version id to read' },
    ],
    examples: [
      { command: 'stp secret:get my-app', description: 'Print the current value' },
      { command: 'stp secret:get my-app --version-stage AWSPREVIOUS', description: 'The value before the last change' },
      { command: 'stp secret:get my-app --json | jq -r .value', description: 'Machine-readable' },
    ],
    load: () => import('./secret-get-command.js'),
  },
  {
    name: 'secret:delete',
    summary: 'Delete a secret (recoverable for 30 days unless --force)',
    usage: 'stp secret:delete NAME [--recovery-days N | --force]',
    description:
      'Schedules the deletion after a recovery window (7–30 days, default 30) during which the secret can be\n' +
      'restored; --force deletes it at once, without recovery.',
    globalFlags: ['region', 'profile', 'local', 'local-state', 'endpoint-url', 'ci', 'json', 'config'],
    flags: [
      { name: 'recovery-days', type: 'string', valueName: 'N', description: 'Days before the deletion is final (7–30, default 30)' },
      { name: 'force', type: 'boolean', description: 'Delete at once, without a recovery window' },
    ],
    examples: [
      { command: 'stp secret:delete my-app', description: 'Recoverable for 30 days' },
      { command: 'stp secret:delete my-app --force --local', description: 'Gone at once, in the local cloud' },
    ],
    load: () => import('./secret-delete-command.js'),
  },
];
