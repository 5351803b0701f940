import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';

/**
 * `environment: [{name, value}]` as a name → value map. Numbers and booleans become strings (every
 * AWS environment is strings); runtime directives become intrinsics, a `$Secret` a dynamic reference.
 */
export function environmentMap(ctx: CompileContext, list: unknown, at: ConfigPath): Record<string, CfnValue> {
  const out: Record<string, CfnValue> = {};
  if (!Array.isArray(list)) return out;
  list.forEach((entry: { name?: unknown; value?: unknown }, i) => {
    if (typeof entry?.name !== 'string') return;
    const value = entry.value;
    out[entry.name] =
      typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : ctx.resolveValue(value, [...at, i, 'value']);
  });
  return out;
}
