/**
 * Fills the packager's placeholders into a compiled template (see compile-contract.ts): every
 * `assetKeyPlaceholder(id)` string becomes the asset's S3 key, and the `StpAssetsBucket`
 * parameter gets the deployment bucket as its value. A placeholder without a packaged asset is an
 * error here, never a template that would fail in CloudFormation.
 */
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

export class UnresolvedAssetError extends Error {
  override name = 'UnresolvedAssetError';
  constructor(readonly assetIds: string[]) {
    super(`The template refers to assets that were not packaged: ${assetIds.join(', ')}.`);
  }
}

export interface AppliedTemplate {
  template: CfnTemplate;
  /** Stack parameter values to pass with the change set. */
  parameters: Record<string, string>;
}

export function applyAssetLocations(template: CfnTemplate, locations: AssetLocations): AppliedTemplate {
  const missing = findAssetPlaceholders(template).filter((id) => locations.keys[id] === undefined);
  if (missing.length > 0) throw new UnresolvedAssetError(missing);
  const replace = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return value.includes('${stp:asset:') ? value.replace(PLACEHOLDER, (_m, id: string) => locations.keys[id]!) : value;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(value)) out[key] = replace(child);
      return out;
    }
    return value;
  };
  const applied = replace(template) as CfnTemplate;
  const parameters: Record<string, string> = {};
  if (applied.Parameters && assetBucketParameter in applied.Parameters) parameters[assetBucketParameter] = locations.bucket;
  return { template: applied, parameters };
}

/** Re-exported so callers need only this module to build expectations. */
export { assetKeyPlaceholder };
