#!/usr/bin/env node
/**
 * Builds the compact CloudFormation resource-spec index that `stp` reads at run time
 * (src/cloudformation/resource-spec.ts), so no command has to load the 15 MB spec db.
 *
 *   node scripts/build-resource-spec-index.mjs [--out dist/cfn-spec-index.json]
 *
 * A name ending in .gz writes it gzipped (smaller, ~10 ms slower to load).
 *
 * The index builder lives in the TypeScript module itself (one definition of the format); this
 * script transpiles that module with esbuild into a temporary file and calls it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const out = resolve(root, outArg >= 0 ? process.argv[outArg + 1] : 'dist/cfn-spec-index.json');

const started = performance.now();
// Inside node_modules so the transpiled module resolves @aws-cdk/aws-service-spec like the source.
const tmpDir = join(root, 'node_modules', '.cache', 'stp', `spec-index-build-${process.pid}`);
mkdirSync(tmpDir, { recursive: true });
const tmpModule = join(tmpDir, 'resource-spec.mjs');
try {
  await build({
    entryPoints: [join(root, 'src/cloudformation/resource-spec.ts')],
    outfile: tmpModule,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  const spec = await import(pathToFileURL(tmpModule).href);
  const index = spec.buildSpecIndexFromInstalledDb();
  const bytes = spec.encodeSpecIndex(index, { gzip: out.endsWith('.gz') });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const ms = Math.round(performance.now() - started);
  console.log(
    `resource spec index: ${Object.keys(index.resources).length} resource types, ${index.types.length} property types, ` +
      `spec ${index.specVersion}, ${(bytes.length / 1024).toFixed(0)} KiB → ${out} (${ms} ms)`,
  );
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
