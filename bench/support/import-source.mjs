// Benchmarks run the TypeScript sources directly: esbuild bundles the named modules (npm packages
// stay external) into node_modules/.cache/stp-bench/, inside the repository so those packages
// resolve and src/runtime is found, and the bundle is imported. No build step needed.
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** `exports`: lines such as `export * from './src/emulator/start-emulator.ts'` (paths from the repo root). */
export async function importSource(name, exports) {
  const outfile = path.join(repoRoot, 'node_modules', '.cache', 'stp-bench', `${name}.mjs`);
  await build({
    stdin: { contents: exports.join('\n'), resolveDir: repoRoot, loader: 'ts' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
