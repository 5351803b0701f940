/**
 * Byte-reproducible zip archives: the same files give the same bytes on every machine and run,
 * so the archive's sha256 can be its S3 key and an unchanged function is never uploaded again.
 * Entries are sorted by path; every entry gets the same timestamp (1980-01-01, the earliest DOS
 * time), Unix permissions 0644 (0755 for files marked executable, which Lambda custom runtimes
 * need for `bootstrap`), the same compression level, and no extra fields.
 */
import { createHash } from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated, relative (no leading `/`, no `..`). */
  path: string;
  content: Uint8Array;
  executable?: boolean;
}

/**
 * 1980-01-01 00:00 in local time: fflate writes DOS time from the local calendar fields, so a
 * local-time date gives the same bytes in every time zone.
 */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const UNIX = 3;
const FILE_MODE = 0o100644;
const EXECUTABLE_MODE = 0o100755;
const LEVEL = 6;

export function deterministicZip(entries: readonly ZipEntry[]): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const files: Zippable = {};
  let previous: string | undefined;
  for (const entry of sorted) {
    const path = normalizeEntryPath(entry.path);
    if (path === previous) throw new Error(`Duplicate zip entry "${path}".`);
    previous = path;
    files[path] = [
      entry.content,
      { level: LEVEL, mtime: FIXED_MTIME, os: UNIX, attrs: (entry.executable ? EXECUTABLE_MODE : FILE_MODE) << 16 },
    ];
  }
  // Keys are inserted in sorted order; fflate writes them in object order (only integer-like
  // top-level names, which JavaScript orders first, can deviate, and do so deterministically).
  return zipSync(files);
}

function normalizeEntryPath(path: string): string {
  const normalized = path.replaceAll('\\', '/').replace(/^\.\//, '');
  if (normalized === '' || normalized.startsWith('/') || normalized.split('/').includes('..')) {
    throw new Error(`Invalid zip entry path "${path}".`);
  }
  return normalized;
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The S3 object key of an archive: its content hash. */
export function assetObjectKey(zip: Uint8Array): string {
  return `${sha256Hex(zip)}.zip`;
}
