/**
 * The packaging cache under `<project>/.stp/cache/packages/`: for each asset, the hashes of
 * every input file of its last bundle and the archive that bundle produced. When the options are
 * the same and no input changed, the cached archive is reused and nothing is rebuilt.
 *
 * Keyed by inputs, not by output: esbuild's metafile lists every file that went into the bundle
 * (dependencies included), so an edit anywhere in the import graph invalidates the entry. A file
 * that did not take part before (a new module that would now shadow one) is not seen; the
 * options key includes the bundler version, so an upgrade rebuilds everything.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { sha256Hex } from './deterministic-zip.js';

interface CacheManifest {
  format: 1;
  optionsKey: string;
  /** Input path (relative to the project) → sha256 of its content. */
  inputs: Record<string, string>;
  zipSha256: string;
}

export interface CachedArchive {
  zip: Uint8Array;
  sha256: string;
}

export class PackageCache {
  readonly dir: string;
  /** Content hashes by absolute path, for one packaging run: functions share most dependencies. */
  private readonly hashes = new Map<string, string | undefined>();

  constructor(private readonly projectDir: string) {
    this.dir = join(projectDir, '.stp', 'cache', 'packages');
  }

  /** A stable key for options that change the output (bundler version, runtime, handler…). */
  static optionsKey(parts: Record<string, unknown>): string {
    return sha256Hex(JSON.stringify(parts, Object.keys(parts).sort()));
  }

  /** The archive from the last build of `assetKey`, if its options and inputs are unchanged. */
  lookup(assetKey: string, optionsKey: string): CachedArchive | undefined {
    const manifest = this.readManifest(assetKey);
    if (!manifest || manifest.optionsKey !== optionsKey) return undefined;
    for (const [path, hash] of Object.entries(manifest.inputs)) {
      if (this.hashOf(resolve(this.projectDir, path)) !== hash) return undefined;
    }
    let zip: Uint8Array;
    try {
      zip = readFileSync(this.zipPath(manifest.zipSha256));
    } catch {
      return undefined;
    }
    // A damaged cache file is a miss, not a corrupt upload.
    if (sha256Hex(zip) !== manifest.zipSha256) return undefined;
    return { zip, sha256: manifest.zipSha256 };
  }

  store(assetKey: string, optionsKey: string, inputs: readonly string[], zip: Uint8Array): string {
    const sha256 = sha256Hex(zip);
    const hashes: Record<string, string> = {};
    for (const input of inputs) {
      const hash = this.hashOf(input, true);
      if (hash === undefined) return sha256; // an input vanished mid-build: do not cache
      hashes[this.relativeKey(input)] = hash;
    }
    mkdirSync(this.dir, { recursive: true });
    const previous = this.readManifest(assetKey);
    atomicWrite(this.zipPath(sha256), zip);
    const manifest: CacheManifest = { format: 1, optionsKey, inputs: hashes, zipSha256: sha256 };
    atomicWrite(this.manifestPath(assetKey), JSON.stringify(manifest));
    if (previous && previous.zipSha256 !== sha256 && !this.isReferenced(previous.zipSha256, assetKey)) {
      rmSync(this.zipPath(previous.zipSha256), { force: true });
    }
    return sha256;
  }

  /** `fresh`: after a build, read the file again (it may have changed since an earlier lookup). */
  private hashOf(path: string, fresh = false): string | undefined {
    if (!fresh && this.hashes.has(path)) return this.hashes.get(path);
    const hash = fileHash(path);
    this.hashes.set(path, hash);
    return hash;
  }

  private isReferenced(zipSha256: string, exceptAssetKey: string): boolean {
    // Identical archives can be shared by two assets; keep the file while another uses it.
    try {
      const except = `${this.assetFileStem(exceptAssetKey)}.json`;
      for (const name of readdirSync(this.dir)) {
        if (!name.endsWith('.json') || name === except) continue;
        const text = readFileSync(join(this.dir, name), 'utf8');
        if (text.includes(zipSha256)) return true;
      }
    } catch {
      return true;
    }
    return false;
  }

  private readManifest(assetKey: string): CacheManifest | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.manifestPath(assetKey), 'utf8')) as CacheManifest;
      return parsed.format === 1 ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private relativeKey(path: string): string {
    const rel = relative(this.projectDir, path);
    return (isAbsolute(rel) ? path : rel).split('\\').join('/');
  }

  private assetFileStem(assetKey: string): string {
    return createHash('sha256').update(assetKey).digest('hex').slice(0, 24);
  }

  private manifestPath(assetKey: string): string {
    return join(this.dir, `${this.assetFileStem(assetKey)}.json`);
  }

  private zipPath(sha256: string): string {
    return join(this.dir, `${sha256}.zip`);
  }
}

function fileHash(path: string): string | undefined {
  try {
    return sha256Hex(readFileSync(path));
  } catch {
    return undefined;
  }
}

function atomicWrite(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
