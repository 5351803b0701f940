#!/usr/bin/env node
// Regenerates config/stacktape.schema.json from the zod schema in src/engine/config/schema/.
// Usage: node scripts/generate-schema.mjs [--check]
// --check exits 1 (without writing) when the committed file is stale.
// The schema is TypeScript; esbuild (a dependency already) bundles the one entry to a temp module.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'config', 'stacktape.schema.json');
const dir = mkdtempSync(join(tmpdir(), 'stp-schema-'));
try {
  const outfile = join(dir, 'json-schema.mjs');
  await build({
    entryPoints: [join(root, 'src/engine/config/schema/json-schema.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'error',
  });
  const { stackConfigJsonSchemaText } = await import(pathToFileURL(outfile).href);
  const text = stackConfigJsonSchemaText();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(target, 'utf8');
    } catch {
      // No schema file yet: it is stale like any other difference.
    }
    if (current !== text) {
      console.error('config/stacktape.schema.json is stale: run node scripts/generate-schema.mjs');
      process.exitCode = 1;
    } else {
      console.log('config/stacktape.schema.json is up to date');
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target} (${text.length} bytes)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
