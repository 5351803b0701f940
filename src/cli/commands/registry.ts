import type { CommandSpec } from './command.js';

/**
 * Every command stp offers. Only commands that work are listed; each loads its code lazily.
 */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'validate',
    summary: 'Check a stack config: every error at once, with file:line:column and a likely fix',
    usage: 'stp validate [--config FILE] [--stage STAGE]',
    description:
      'Loads stacktape.yml, resolves its directives, checks it against the schema and the cross-resource\n' +
      'rules, and prints every problem with a code frame. Makes no AWS call. Exit code 2 when invalid.',
    flags: [],
    examples: [
      { command: 'stp validate', description: 'Validate ./stacktape.yml for the default stage' },
      { command: 'stp validate --config infra/stacktape.yml --stage prod', description: 'Validate another file for the prod stage' },
      { command: 'stp validate --json | jq .diagnostics', description: 'Machine-readable diagnostics' },
    ],
    load: () => import('./validate-command.js'),
  },
  {
    name: 'schema',
    summary: 'Print the JSON Schema of stacktape.yml (for editor autocompletion)',
    usage: 'stp schema [--out FILE]',
    description:
      'The same schema stp validates with. Point your editor at it, e.g. in VS Code with the YAML\n' +
      'extension: "yaml.schemas": { "./stacktape.schema.json": "stacktape.yml" }.',
    flags: [{ name: 'out', alias: 'o', type: 'string', valueName: 'FILE', description: 'Write to FILE instead of stdout' }],
    examples: [
      { command: 'stp schema > stacktape.schema.json', description: 'Save the schema next to your config' },
      { command: 'stp schema --out .vscode/stacktape.schema.json', description: 'Write it straight to a file' },
    ],
    load: () => import('./schema-command.js'),
  },
  {
    name: 'local',
    summary: 'Serve the embedded local cloud (CloudFormation, Lambda, Logs, S3, STS) on 127.0.0.1',
    usage: 'stp local [--port N]',
    description:
      'An AWS-compatible endpoint for offline work, demos and CI: the real AWS SDK clients talk to it over\n' +
      'HTTP. Functions really run (Node.js runtimes), stacks really provision in dependency order, and the\n' +
      'state persists in .stp/local/. STP_LOCAL_TIME_SCALE=60 turns minutes into seconds;\n' +
      'STP_LOCAL_FAULTS injects throttling, 5xx, latency, dropped connections or failing resources.',
    flags: [{ name: 'port', type: 'string', valueName: 'N', description: 'Port to listen on (default 4566; 0 picks a free one)' }],
    examples: [
      { command: 'stp local', description: 'Serve on http://127.0.0.1:4566' },
      { command: 'STP_LOCAL_TIME_SCALE=60 stp local --port 4600', description: 'A faster clock on another port' },
    ],
    load: () => import('./local-command.js'),
  },
];
