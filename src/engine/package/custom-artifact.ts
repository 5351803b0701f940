/**
 * `custom-artifact` packaging: the user's own build output (a file or a directory), zipped
 * deterministically. A `.zip` file is uploaded as it is, because it already is the artifact.
 */
import { StpError } from '../../errors/stp-error.js';
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { deterministicZip, type ZipEntry } from './deterministic-zip.js';

export class ArtifactError extends StpError {
  override name = 'ArtifactError';
  constructor(message: string) {
    super('config', message, { code: 'STP_PACKAGE_ARTIFACT_INVALID', fix: 'Point packaging.properties.path at the build output (a file or a non-empty folder).' });
  }
}

export function zipArtifactPath(path: string): Uint8Array {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ArtifactError(`The artifact path "${path}" does not exist.`);
  }
  if (stats.isFile()) {
    const content = readFileSync(path);
    if (path.toLowerCase().endsWith('.zip')) return content;
    return deterministicZip([{ path: basename(path), content, executable: (stats.mode & 0o111) !== 0 }]);
  }
  if (!stats.isDirectory()) throw new ArtifactError(`The artifact path "${path}" is neither a file nor a directory.`);
  const entries = collectFiles(path);
  if (entries.length === 0) throw new ArtifactError(`The artifact directory "${path}" is empty.`);
  return deterministicZip(entries);
}

/** Every regular file below `root`; symbolic links are followed (their target's content). */
export function collectFiles(root: string): ZipEntry[] {
  const out: ZipEntry[] = [];
  const walk = (dir: string, seen: Set<string>) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const link = lstatSync(full);
      const stats = link.isSymbolicLink() ? statSync(full) : link;
      if (stats.isDirectory()) {
        // A link back up the tree would loop forever.
        const key = `${stats.dev}:${stats.ino}`;
        if (seen.has(key)) continue;
        walk(full, new Set([...seen, key]));
      } else if (stats.isFile()) {
        out.push({
          path: relative(root, full).split(sep).join('/'),
          content: readFileSync(full),
          executable: (stats.mode & 0o111) !== 0,
        });
      }
    }
  };
  const rootStats = statSync(root);
  walk(root, new Set([`${rootStats.dev}:${rootStats.ino}`]));
  return out;
}
