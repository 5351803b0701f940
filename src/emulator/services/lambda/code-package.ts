import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AwsServiceError } from '../../core/aws-error.js';

/**
 * A function's deployment package on disk. Code is content-addressed: the zip is kept in the state
 * directory (`<zips>/<sha256-hex>.zip`) and extracted to `<tasks>/<sha256-hex>/` (the task root), so
 * two functions with the same zip share one directory and an update never touches the code a
 * running process uses.
 *
 * Task roots live outside the user's project (under the OS temp directory by default): Node looks
 * for packages in every `node_modules` up the tree, and a function must not find the project's
 * dependencies locally when its zip lacks them on AWS.
 */
export interface CodeLocations {
  /** Where zips persist (the emulator's state). */
  zips: string;
  /** Where task roots are extracted (a cache; re-created from the zips when missing). */
  tasks: string;
}
export interface StoredCode {
  /** Base64 SHA-256 of the zip, as Lambda reports `CodeSha256`. */
  sha256: string;
  hex: string;
  size: number;
}

export function storeCode(locations: CodeLocations, zip: Buffer): StoredCode {
  const digest = createHash('sha256').update(zip).digest();
  const hex = digest.toString('hex');
  const stored = { sha256: digest.toString('base64'), hex, size: zip.length };
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(zip.buffer, zip.byteOffset, zip.byteLength));
  } catch {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      'Could not unzip uploaded file. Please check your file, then try to upload again.',
      400,
    );
  }
  mkdirSync(locations.zips, { recursive: true });
  const zipPath = path.join(locations.zips, `${hex}.zip`);
  if (!existsSync(zipPath)) atomicWrite(zipPath, zip);
  const taskRoot = path.join(locations.tasks, hex);
  if (!existsSync(taskRoot)) extract(locations.tasks, taskRoot, files);
  return stored;
}

/** The task root of stored code, re-extracting from the kept zip if the directory went missing. */
export function taskRootFor(locations: CodeLocations, hex: string): string {
  const taskRoot = path.join(locations.tasks, hex);
  if (existsSync(taskRoot)) return taskRoot;
  const zipPath = path.join(locations.zips, `${hex}.zip`);
  if (!existsSync(zipPath)) {
    throw new AwsServiceError(
      'ServiceException',
      `The code package of this function (${zipPath}) is missing from the emulator's state directory.`,
      500,
    );
  }
  extract(locations.tasks, taskRoot, unzipSync(new Uint8Array(readFileSync(zipPath))));
  return taskRoot;
}

/** Extracts into a temporary sibling and renames, so a crash never leaves a half-written task root. */
function extract(tasks: string, taskRoot: string, files: Record<string, Uint8Array>): void {
  mkdirSync(tasks, { recursive: true });
  // Without a package.json of its own, Node takes a `.js` file's module type from the nearest one up
  // the tree. On AWS a bare `.js` in /var/task is CommonJS.
  const scopeGuard = path.join(tasks, 'package.json');
  if (!existsSync(scopeGuard)) writeFileSync(scopeGuard, '{"type":"commonjs"}\n');
  const staging = `${taskRoot}.tmp-${process.pid}-${Date.now()}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, data] of Object.entries(files)) {
    const target = path.resolve(staging, name);
    // Zip-slip: never write outside the task root.
    if (!target.startsWith(staging + path.sep)) continue;
    if (name.endsWith('/')) {
      mkdirSync(target, { recursive: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, data);
  }
  try {
    renameSync(staging, taskRoot);
  } catch (error) {
    // Another writer got there first with the same content-addressed code.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(taskRoot)) throw error;
  }
}

function atomicWrite(file: string, data: Buffer): void {
  const temp = `${file}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
