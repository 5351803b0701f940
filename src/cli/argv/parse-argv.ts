import { didYouMean } from '../../engine/diagnostics/did-you-mean.js';
import { StpError } from '../../errors/stp-error.js';
import type { FlagSpec } from './flag-spec.js';

export type FlagValues = Record<string, string | boolean | undefined>;

export interface ParsedArgv {
  flags: FlagValues;
  positionals: string[];
}

/** A mistake on the command line (exit 2); `hint` is the fix, e.g. a did-you-mean. */
export class UsageError extends StpError {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super('usage', message, { code: 'STP_USAGE', ...(hint !== undefined ? { fix: hint } : {}) });
    this.name = 'UsageError';
  }
}

/**
 * Parses `--flag`, `--flag=value`, `--flag value`, `-f value`, `--no-color` and `--` (end of flags)
 * against the given specs. Unknown flags are usage errors with a did-you-mean, never ignored: a
 * mistyped `--stgae prod` must not silently deploy to the default stage.
 */
export function parseArgv(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgv {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byAlias = new Map(specs.filter((s) => s.alias).map((s) => [s.alias!, s]));
  const flags: FlagValues = {};
  const positionals: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!word.startsWith('-') || word === '-') {
      positionals.push(word);
      continue;
    }
    const isLong = word.startsWith('--');
    const body = isLong ? word.slice(2) : word.slice(1);
    const eq = body.indexOf('=');
    const key = eq === -1 ? body : body.slice(0, eq);
    const inlineValue = eq === -1 ? undefined : body.slice(eq + 1);
    const spec = isLong ? byName.get(key) : key.length === 1 ? byAlias.get(key) : undefined;
    if (!spec) {
      const suggestion = didYouMean(key, isLong ? [...byName.keys()] : [...byAlias.keys(), ...byName.keys()]);
      throw new UsageError(
        `unknown flag ${word}`,
        suggestion ? `did you mean --${byName.has(suggestion) ? suggestion : byAlias.get(suggestion)!.name}?` : undefined,
      );
    }
    if (spec.type === 'boolean') {
      if (inlineValue !== undefined && !['true', 'false'].includes(inlineValue)) {
        throw new UsageError(`flag --${spec.name} takes no value (got "${inlineValue}")`);
      }
      flags[spec.name] = inlineValue !== 'false';
      continue;
    }
    let value = inlineValue;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`flag --${spec.name} needs a value${spec.valueName ? ` (${spec.valueName})` : ''}`);
      }
      value = next;
      i++;
    }
    if (spec.choices && !spec.choices.includes(value)) {
      const suggestion = didYouMean(value, spec.choices);
      throw new UsageError(
        `invalid value "${value}" for --${spec.name}; expected one of: ${spec.choices.join(', ')}`,
        suggestion ? `did you mean ${suggestion}?` : undefined,
      );
    }
    flags[spec.name] = value;
  }
  return { flags, positionals };
}
