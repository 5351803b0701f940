import type { SourcePosition } from '../../diagnostics/diagnostic.js';

/**
 * Directives are parsed into a typed form, never string-replaced.
 *
 * Local directives ($Stage, $Region, $Var, $Format, $File) are resolved while the config loads and
 * leave plain values behind. Runtime directives survive into the resolved config as
 * `RuntimeDirective` objects wherever a string value is allowed, so the compiler can turn them into
 * CloudFormation intrinsics (`$ResourceParam` → Ref/GetAtt, `$Secret` → a dynamic reference,
 * `$CfFormat` → Fn::Sub, ...).
 */
export const LOCAL_DIRECTIVES = ['Stage', 'Region', 'Var', 'Format', 'File'] as const;
export const RUNTIME_DIRECTIVES = ['ResourceParam', 'CfResourceParam', 'Secret', 'CfFormat'] as const;

export type LocalDirectiveName = (typeof LOCAL_DIRECTIVES)[number];
export type RuntimeDirectiveName = (typeof RUNTIME_DIRECTIVES)[number];

export type DirectiveArg = string | number | boolean | RuntimeDirective;

export interface RuntimeDirective {
  kind: 'directive';
  name: RuntimeDirectiveName;
  args: DirectiveArg[];
  /** Trailing `.a.b` property path after the call, if any (e.g. `$Secret('db').password`). */
  path: string[];
  /** The text as the user wrote it, for messages. */
  source: string;
  /** Where the directive was written. */
  position?: SourcePosition;
}

export function isRuntimeDirective(value: unknown): value is RuntimeDirective {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'directive' &&
    typeof (value as { name?: unknown }).name === 'string'
  );
}
