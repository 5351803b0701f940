import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BOOTSTRAP_SOURCE } from './bootstrap-source.js';
import { ensureProvidedSdk } from './provided-sdk.js';

/**
 * Writes the bootstrap into `dir` once (named by its content hash, so an upgraded stp never runs a
 * stale copy) beside the SDK the runtime provides (`dir/node_modules`, see provided-sdk.ts), and
 * returns its path. Like Lambda's /var/runtime: the bootstrap and the runtime's node_modules.
 */
export function ensureBootstrapFile(dir: string): string {
  ensureProvidedSdk(dir);
  const hash = createHash('sha256').update(BOOTSTRAP_SOURCE).digest('hex').slice(0, 16);
  const file = path.join(dir, `bootstrap-${hash}.cjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, BOOTSTRAP_SOURCE);
    renameSync(temp, file);
  }
  return file;
}

/** The runtime's node_modules (the provided SDK) for a bootstrap written by ensureBootstrapFile. */
export function providedModulesDir(bootstrapPath: string): string {
  return path.join(path.dirname(bootstrapPath), 'node_modules');
}
