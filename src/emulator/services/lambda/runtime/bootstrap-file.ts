import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BOOTSTRAP_SOURCE } from './bootstrap-source.js';

/**
 * Writes the bootstrap into `dir` once (named by its content hash, so an upgraded stp never runs a
 * stale copy) and returns its path.
 */
export function ensureBootstrapFile(dir: string): string {
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
