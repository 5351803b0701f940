import { basename } from 'node:path';
import type { resolveConnections } from './connect-to/resolve-connections.js';
import type { StackConfig } from './schema/stack-config.js';

/** What config-semantics' connectTo resolution computed: injected variables and grants per workload. */
export type StackConnections = ReturnType<typeof resolveConnections>;

/** A loaded, validated stack: everything compile needs, with nothing left to look up. */
export interface ResolvedStack {
  /** Absolute path of the config file. */
  file: string;
  /** Directory of the config file; relative paths in the config resolve against it. */
  configDir: string;
  stage: string;
  region: string;
  /** `<project>-<stage>`; see `stackNameFor`. */
  stackName: string;
  /** Directive-resolved, schema-validated config with defaults applied. */
  config: StackConfig;
  connections: StackConnections;
}

/**
 * The CloudFormation stack name is `<project>-<stage>`, where the project is (first match):
 * the `projectName` given on the command line, the config's (deprecated) `serviceName`, or the
 * name of the directory holding the config, sanitised to a valid stack name: letters, digits and
 * dashes, starting with a letter (`My App_v2` → `My-App-v2`; a name with no letters → `stack`).
 */
export function stackNameFor(options: {
  stage: string;
  configDir: string;
  projectName?: string;
  serviceName?: string;
}): string {
  const project = options.projectName ?? options.serviceName ?? sanitiseProjectName(basename(options.configDir));
  return `${project}-${options.stage}`;
}

export function sanitiseProjectName(name: string): string {
  const cleaned = name
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/^[^a-zA-Z]+/, '')
    .replace(/-+/g, '-')
    .replace(/-$/, '');
  // CloudFormation allows 128 characters; leave room for the stage.
  return (cleaned || 'stack').slice(0, 100);
}
