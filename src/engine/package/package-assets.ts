/**
 * Packages everything a compiled stack needs before it can be deployed: bundles Lambda code
 * (reusing the cache when the inputs did not change), zips custom artifacts, checks container
 * images, uploads the archives (skipping those already in the bucket), and returns where each
 * asset is plus what was rebuilt and uploaded, for the UI ("3 functions, 1 rebuilt, 0 uploaded").
 */
import { StpError } from '../../errors/stp-error.js';
import { relative } from 'node:path';
import type { AssetSpec } from '../compile/compile-contract.js';
import type { AssetLocations } from './apply-asset-locations.js';
import { createEsbuildBundler, type Bundler } from './bundle-lambda.js';
import {
  imageBuildMessage,
  planContainerImage,
  type ContainerImageAsset,
  type DockerStatus,
} from './container-images.js';
import { zipArtifactPath } from './custom-artifact.js';
import { assetObjectKey, deterministicZip, sha256Hex } from './deterministic-zip.js';
import { PackageCache } from './package-cache.js';
import { forEachLimited } from './for-each-limited.js';
// Types only: the S3/STS code loads when uploading, so compile and preview never pay for the SDK.
import type { UploadTarget } from './upload-assets.js';

export type PackageableAsset = AssetSpec | ContainerImageAsset;

export interface PackageAssetsOptions {
  /** The project directory: the cache lives in `<projectDir>/.stp/cache/`. */
  projectDir: string;
  bundler?: Bundler;
  /** Default true. */
  useCache?: boolean;
  sourcemap?: boolean;
  minify?: boolean;
  /** Where to upload; absent = package only (compile, preview). */
  upload?: UploadTarget;
  /** Needed only when an image must be built; detected by the caller (detectDockerEngine). */
  docker?: DockerStatus;
  /** Progress for the UI: each asset once packaged (from the cache or rebuilt), then once uploaded or found in the bucket. */
  onProgress?: (event: PackageProgress) => void;
}

export interface PackagedAsset {
  id: string;
  kind: PackageableAsset['kind'];
  logicalId: string;
  /** S3 key `<sha256>.zip` (archives only). */
  key?: string;
  sha256?: string;
  bytes?: number;
  /** Container image reference (prebuilt images). */
  image?: string;
  /** The bundler ran (false: served from the cache, or nothing to build). */
  rebuilt: boolean;
  /** Bytes were sent to S3 (false: already there, or not uploading). */
  uploaded: boolean;
}

export type PackageProgress =
  | { stage: 'packaged'; id: string; rebuilt: boolean }
  | { stage: 'uploaded' | 'already-uploaded'; id: string };

export interface PackageSummary {
  functions: number;
  artifacts: number;
  images: number;
  rebuilt: number;
  uploaded: number;
}

export interface PackageAssetsResult {
  assets: PackagedAsset[];
  /** Bucket and keys for applyAssetLocations (when uploading). */
  locations?: AssetLocations;
  /** The zips by asset id, e.g. to upload elsewhere or inspect. */
  archives: ReadonlyMap<string, Uint8Array>;
  summary: PackageSummary;
  warnings: string[];
}

export interface PackagingFailure {
  id: string;
  message: string;
  /** What was thrown (a BundleError carries esbuild's placed errors). */
  cause?: unknown;
}

/** The user's code or artifacts could not be packaged (each failure names its asset): exit 2. */
export class PackagingError extends StpError {
  override name = 'PackagingError';
  constructor(readonly failures: PackagingFailure[]) {
    super('config', `Packaging failed:\n${failures.map((f) => `  ${f.id}: ${f.message}`).join('\n')}`, {
      code: 'STP_PACKAGE_FAILED',
      fix: 'Fix the code or the packaging settings of the assets named above.',
    });
  }
}

/** Bumped when the archive layout changes, so old cache entries are not reused. */
const PACKAGER_FORMAT = 2;

/**
 * Left out of the user's Node.js function bundles: AWS Lambda's Node.js runtimes (18 and later)
 * ship the AWS SDK for JavaScript v3 and resolve `@aws-sdk/*` imports to it, so bundling it would
 * only add megabytes. The local cloud's Lambda provides stp's own copy the same way. stp's own
 * functions (`bundleAwsSdk`) bundle it.
 */
export const LAMBDA_PROVIDED_PACKAGES = ['@aws-sdk/*'];

export async function packageAssets(assets: readonly PackageableAsset[], options: PackageAssetsOptions): Promise<PackageAssetsResult> {
  const ids = assets.map((a) => a.id);
  const duplicates = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (duplicates.length > 0) throw new PackagingError(duplicates.map((id) => ({ id, message: 'two assets share this id' })));
  const bundler = options.bundler ?? createEsbuildBundler();
  const cache = options.useCache === false ? undefined : new PackageCache(options.projectDir);
  const results = new Map<string, PackagedAsset>();
  const archives = new Map<string, Uint8Array>();
  const failures: PackagingFailure[] = [];

  await forEachLimited(assets, 4, async (asset) => {
    try {
      switch (asset.kind) {
        case 'lambda-bundle': {
          const { zip, rebuilt } = await packageLambdaBundle(asset, bundler, cache, options);
          archives.set(asset.id, zip);
          const sha256 = sha256Hex(zip);
          results.set(asset.id, { id: asset.id, kind: asset.kind, logicalId: asset.logicalId, key: `${sha256}.zip`, sha256, bytes: zip.byteLength, rebuilt, uploaded: false });
          break;
        }
        case 'custom-artifact': {
          const zip = zipArtifactPath(asset.path);
          archives.set(asset.id, zip);
          const sha256 = sha256Hex(zip);
          results.set(asset.id, { id: asset.id, kind: asset.kind, logicalId: asset.logicalId, key: assetObjectKey(zip), sha256, bytes: zip.byteLength, rebuilt: false, uploaded: false });
          break;
        }
        case 'container-image': {
          const plan = planContainerImage(asset.packaging);
          if (plan.kind === 'needs-build') throw new Error(imageBuildMessage(plan.packagingType, options.docker));
          results.set(asset.id, { id: asset.id, kind: asset.kind, logicalId: asset.logicalId, image: plan.image, rebuilt: false, uploaded: false });
          break;
        }
      }
    } catch (error) {
      failures.push({ id: asset.id, message: error instanceof Error ? error.message : String(error), cause: error });
      return;
    }
    options.onProgress?.({ stage: 'packaged', id: asset.id, rebuilt: results.get(asset.id)!.rebuilt });
  });
  if (failures.length > 0) throw new PackagingError(failures.sort((a, b) => (a.id < b.id ? -1 : 1)));

  const warnings: string[] = [];
  let locations: AssetLocations | undefined;
  if (options.upload) {
    const toUpload = [...results.values()].filter((r) => r.key !== undefined).map((r) => ({ id: r.id, key: r.key!, zip: archives.get(r.id)! }));
    const { uploadAssets } = await import('./upload-assets.js');
    const uploaded = await uploadAssets(toUpload, options.upload);
    warnings.push(...uploaded.warnings);
    for (const id of uploaded.uploaded) {
      results.get(id)!.uploaded = true;
      options.onProgress?.({ stage: 'uploaded', id });
    }
    for (const id of uploaded.skipped) options.onProgress?.({ stage: 'already-uploaded', id });
    const keys: Record<string, string> = {};
    for (const r of results.values()) if (r.key !== undefined) keys[r.id] = r.key;
    locations = { bucket: uploaded.bucket, keys };
  }

  // Report in the order the assets were given.
  const ordered = assets.map((a) => results.get(a.id)!);
  return { assets: ordered, archives, summary: summarize(ordered), warnings, ...(locations ? { locations } : {}) };
}

async function packageLambdaBundle(
  asset: Extract<AssetSpec, { kind: 'lambda-bundle' }>,
  bundler: Bundler,
  cache: PackageCache | undefined,
  options: PackageAssetsOptions,
): Promise<{ zip: Uint8Array; rebuilt: boolean }> {
  const optionsKey = PackageCache.optionsKey({
    format: PACKAGER_FORMAT,
    bundler: bundler.id,
    entry: relative(options.projectDir, asset.entryFile).split('\\').join('/'),
    handler: asset.handlerExport,
    runtime: asset.runtime,
    sourcemap: options.sourcemap ?? false,
    minify: options.minify ?? false,
    external: asset.bundleAwsSdk === true ? [] : LAMBDA_PROVIDED_PACKAGES,
  });
  const cacheKey = `lambda-bundle:${asset.id}`;
  const cached = cache?.lookup(cacheKey, optionsKey);
  if (cached) return { zip: cached.zip, rebuilt: false };
  const output = await bundler.bundle({
    entryFile: asset.entryFile,
    handlerExport: asset.handlerExport,
    runtime: asset.runtime,
    workingDir: options.projectDir,
    sourcemap: options.sourcemap ?? false,
    minify: options.minify ?? false,
    external: asset.bundleAwsSdk === true ? [] : LAMBDA_PROVIDED_PACKAGES,
  });
  const zip = deterministicZip(output.files);
  cache?.store(cacheKey, optionsKey, output.inputs, zip);
  return { zip, rebuilt: true };
}

function summarize(assets: readonly PackagedAsset[]): PackageSummary {
  return {
    functions: assets.filter((a) => a.kind === 'lambda-bundle').length,
    artifacts: assets.filter((a) => a.kind === 'custom-artifact').length,
    images: assets.filter((a) => a.kind === 'container-image').length,
    rebuilt: assets.filter((a) => a.rebuilt).length,
    uploaded: assets.filter((a) => a.uploaded).length,
  };
}

/** "3 functions, 1 rebuilt, 0 uploaded" (artifacts and images only when present). */
export function formatPackageSummary(summary: PackageSummary): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(summary.functions, 'function')];
  if (summary.artifacts > 0) parts.push(plural(summary.artifacts, 'artifact'));
  if (summary.images > 0) parts.push(plural(summary.images, 'image'));
  parts.push(`${summary.rebuilt} rebuilt`, `${summary.uploaded} uploaded`);
  return parts.join(', ');
}
