import { AWS_REGIONS, isAwsRegion } from '../../aws/regions.js';
import { didYouMean } from '../../engine/diagnostics/did-you-mean.js';
import type { CommandSpec } from '../commands/command.js';
import type { FlagSpec } from './flag-spec.js';
import { UsageError, type ParsedArgv } from './parse-argv.js';

/** Global flags every command honours: they act before or around the command itself. */
export const ALWAYS_HONOURED: readonly string[] = ['no-color', 'debug', 'help', 'version'];

/** The global flags a command honours (the always-honoured ones plus its own list). */
export function honouredGlobalFlags(command: CommandSpec, globalFlags: readonly FlagSpec[]): FlagSpec[] {
  const honoured = command.globalFlags;
  return honoured ? globalFlags.filter((f) => ALWAYS_HONOURED.includes(f.name) || honoured.includes(f.name)) : [...globalFlags];
}

/**
 * Refuses what a command would otherwise ignore: a positional argument (no command takes one, so
 * `stp validate ../other` must not check ./stacktape.yml instead), a global flag the command does
 * not act on (`compile --json`), and a region that does not exist. Each is a usage error (exit 2).
 */
export function checkCommandUsage(command: CommandSpec, parsed: ParsedArgv): void {
  const honoured = command.globalFlags;
  const max = command.maxPositionals;
  const stray = max === undefined ? undefined : parsed.positionals[max];
  if (stray !== undefined) {
    throw new UsageError(
      max === 0 ? `unexpected argument "${stray}": stp ${command.name} takes no positional arguments` : `unexpected argument "${stray}": stp ${command.name} takes at most ${max}`,
      honoured?.includes('config') ? `to use another config, pass it with --config: stp ${command.name} --config ${stray}` : undefined,
    );
  }
  for (const [name, value] of Object.entries(parsed.flags)) {
    if (!honoured || value === undefined || value === false) continue;
    if (command.flags.some((f) => f.name === name) || ALWAYS_HONOURED.includes(name) || honoured.includes(name)) continue;
    throw new UsageError(
      `--${name} is not supported by stp ${command.name}`,
      UNSUPPORTED_HINTS[`${command.name} --${name}`] ?? `stp ${command.name} honours ${honoured.map((f) => `--${f}`).join(', ')}`,
    );
  }
  const region = parsed.flags.region;
  if (typeof region === 'string' && !isAwsRegion(region)) {
    const suggestion = didYouMean(region, AWS_REGIONS);
    throw new UsageError(
      `unknown region "${region}"; AWS regions are: ${AWS_REGIONS.join(', ')}`,
      suggestion ? `did you mean --region ${suggestion}?` : undefined,
    );
  }
}

/** Where a refused flag has a better answer than the list of honoured ones. */
const UNSUPPORTED_HINTS: Readonly<Record<string, string>> = {
  'compile --json': 'the template is JSON already (--format json, the default); for machine-readable diagnostics run stp validate --json',
  'validate --local': 'validate makes no AWS call, so there is no target to choose; stp compile --upload --local uses the local cloud',
  'validate --profile': 'validate makes no AWS call, so it needs no credentials',
  'validate --endpoint-url': 'validate makes no AWS call, so there is no endpoint to choose',
  'validate --local-state': 'validate makes no AWS call, so it uses no local cloud',
  'local --json': 'stp local prints the endpoint and credentials as shell lines (export …)',
};
