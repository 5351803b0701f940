import { LOCAL_DIRECTIVES, RUNTIME_DIRECTIVES } from './directive.js';
import type { RuntimeDirectiveName } from './directive.js';

/** Every directive stp resolves or carries to the compiler. */
export const SUPPORTED_DIRECTIVES: readonly string[] = [...LOCAL_DIRECTIVES, ...RUNTIME_DIRECTIVES];

export function isRuntimeDirectiveName(name: string): name is RuntimeDirectiveName {
  return (RUNTIME_DIRECTIVES as readonly string[]).includes(name);
}

/**
 * Directives Stacktape has that stp does not implement yet, with what to do instead. Reported as
 * "not supported yet" rather than "unknown", so a user with a working Stacktape config is not told
 * they made a typo.
 */
export const UNSUPPORTED_DIRECTIVES: Readonly<Record<string, string>> = {
  SsmParam: 'read the value with $Secret (Secrets Manager), or set it in `variables`',
  CfStackOutput: 'pass the value in through `variables`',
  StackOutput: 'pass the value in through `variables`',
  GitInfo: 'pass the value in through `variables`',
  CliArgs: 'use $Stage() or `variables`',
  This: 'use $Var() with a value staged in `variables`',
  Profile: 'pass the value in through `variables`',
  AwsAccountId: 'pass the value in through `variables`',
  FileRaw: 'use $File() with a .json, .yml/.yaml or .env file',
  // 2021 dialect.
  GetParam: "this is the 2021 spelling; use $ResourceParam('resource', 'param')",
  GetSecret: "this is the 2021 spelling; use $Secret('name')",
};

/** How many arguments each supported directive takes: [min, max]. */
export const DIRECTIVE_ARITY: Readonly<Record<string, readonly [number, number]>> = {
  Stage: [0, 0],
  Region: [0, 0],
  Var: [0, 0],
  File: [1, 1],
  Format: [1, Infinity],
  ResourceParam: [2, 2],
  CfResourceParam: [2, 2],
  Secret: [1, 1],
  CfFormat: [1, Infinity],
};

export function describeArity(name: string): string {
  const [min, max] = DIRECTIVE_ARITY[name] ?? [0, Infinity];
  if (min === max) return `${min} argument${min === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
}

/** Example usage shown in "expected" texts. */
export const DIRECTIVE_USAGE: Readonly<Record<string, string>> = {
  Stage: '$Stage()',
  Region: '$Region()',
  Var: '$Var().name',
  File: "$File('config.json').key",
  Format: "$Format('{}-{}', $Stage(), 'api')",
  ResourceParam: "$ResourceParam('myDatabase', 'host')",
  CfResourceParam: "$CfResourceParam('MyBucketBucket', 'Arn')",
  Secret: "$Secret('name') or $Secret('name.jsonKey')",
  CfFormat: "$CfFormat('{}/{}', $ResourceParam('api', 'url'), 'health')",
};
