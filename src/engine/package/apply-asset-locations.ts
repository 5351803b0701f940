/**
 * Fills the packager's placeholders into a compiled template (see compile-contract.ts): every
 * `assetKeyPlaceholder(id)` string becomes the asset's S3 key, and the `StpAssetsBucket`
 * parameter gets the deployment bucket as its value. A placeholder without a packaged asset is an
 * error here, never a template that would fail in CloudFormation.
 */
import { StpError } from '../../errors/stp-error.js';
import { assetBucketParameter, assetKeyPlaceholder, type CfnTemplate } from '../compile/compile-contract.js';

export interface AssetLocations {
  bucket: string;
  /** Asset id → S3 key (`<sha256>.zip`). */
  keys: Readonly<Record<string, string>>;
}

const PLACEHOLDER = /\$\{stp:asset:([^}]+?):key\}/g;

/** Asset ids whose key placeholders occur in the template. */
export function findAssetPlaceholders(template: unknown): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown) => {
    if (typeof value === 'string') {
      for (const match of value.matchAll(PLACEHOLDER)) ids.add(match[1]!);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(template);
  return [...ids].sort();
}

/** stp compiled a reference to an asset it did not package: a bug in stp. */
export class UnresolvedAssetError extends StpError {
  override name = 'UnresolvedAssetError';
  constructor(readonly assetIds: string[]) {
    super('bug', `The template refers to assets that were not packaged: ${assetIds.join(', ')}.`, { code: 'STP_BUG_UNRESOLVED_ASSET' });
  }
}

export interface AppliedTemplate {
  template: CfnTemplate;
  /** Stack parameter values to pass with the change set. */
  parameters: Record<string, string>;
}

export function applyAssetLocations(template: CfnTemplate, locations: AssetLocations): AppliedTemplate {
  // One pass: strings with a placeholder are replaced, and only the objects and arrays above them
  // are copied (the rest is shared with the compiled template, which is never mutated after this).
  const missing = new Set<string>();
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('${stp:asset:')) return value;
      return value.replace(PLACEHOLDER, (m, id: string) => {
        const key = locations.keys[id];
        if (key === undefined) {
          missing.add(id);
          return m;
        }
        return key;
      });
    }
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const child: unknown = value[i];
        const next = replace(child);
        if (next !== child) (out ??= value.slice())[i] = next;
      }
      return out ?? value;
    }
    if (value !== null && typeof value === 'object') {
      let out: Record<string, unknown> | undefined;
      for (const key in value) {
        if (!Object.hasOwn(value, key)) continue;
        const child = (value as Record<string, unknown>)[key];
        const next = replace(child);
        if (next !== child) (out ??= { ...(value as Record<string, unknown>) })[key] = next;
      }
      return out ?? value;
    }
    return value;
  };
  const replaced = replace(template) as CfnTemplate;
  if (missing.size > 0) throw new UnresolvedAssetError([...missing].sort());
  // The top level is always a fresh object, as before.
  const applied = replaced === template ? { ...template } : replaced;
  const parameters: Record<string, string> = {};
  if (applied.Parameters && assetBucketParameter in applied.Parameters) parameters[assetBucketParameter] = locations.bucket;
  return { template: applied, parameters };
}

/** Re-exported so callers need only this module to build expectations. */
export { assetKeyPlaceholder };
