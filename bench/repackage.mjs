// Cached re-package: after a first packaging, packaging the same functions again must not run
// esbuild and must cost ≤ 50 ms per function (hash the bundle's inputs, read the cached zip).
// Half the functions import @aws-sdk/client-s3 (hundreds of input files), half only local modules.
// Prints the cold packaging time, the cached time per function, and one-function-edited time.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.env.BENCH_RUNS ?? 7);
const FUNCTIONS = Number(process.env.BENCH_FUNCTIONS ?? 10);
const TARGET_MS = 50;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Inside the repository's node_modules so the functions resolve real dependencies.
const work = path.join(root, 'node_modules', '.cache', 'stp', `bench-repackage-${process.pid}`);
const project = path.join(work, 'project');
mkdirSync(path.join(project, 'src', 'lib'), { recursive: true });
try {
  for (let i = 0; i < 20; i++) {
    writeFileSync(path.join(project, 'src', 'lib', `util${i}.ts`), `export const value${i} = (x: number) => x * ${i} + ${'1'.repeat(3)};\n`);
  }
  const assets = [];
  for (let i = 0; i < FUNCTIONS; i++) {
    const heavy = i % 2 === 0;
    const imports = Array.from({ length: 20 }, (_, k) => `import { value${k} } from './lib/util${k}.js';`).join('\n');
    const body = heavy
      ? "import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';\n" +
        `${imports}\nexport const handler = async () => { const s3 = new S3Client({}); return [value0(${i}), await s3.send(new ListBucketsCommand({}))]; };\n`
      : `${imports}\nexport const handler = async () => value1(${i}) + value2(${i});\n`;
    const entryFile = path.join(project, 'src', `fn${i}.ts`);
    writeFileSync(entryFile, body);
    assets.push({ kind: 'lambda-bundle', id: `fn${i}`, entryFile, handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: `Fn${i}Function` });
  }

  const outdir = path.join(work, 'modules');
  await build({
    entryPoints: ['package-assets.ts', 'bundle-lambda.ts'].map((f) => path.join(root, 'src', 'engine', 'package', f)),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  const { packageAssets } = await import(pathToFileURL(path.join(outdir, 'package-assets.mjs')).href);
  const { createEsbuildBundler } = await import(pathToFileURL(path.join(outdir, 'bundle-lambda.mjs')).href);

  // The real esbuild bundler, counting its runs.
  let esbuildRuns = 0;
  const real = createEsbuildBundler();
  const bundler = { id: real.id, bundle: (request) => (esbuildRuns++, real.bundle(request)) };

  const coldStart = performance.now();
  const cold = await packageAssets(assets, { projectDir: project, bundler });
  const coldMs = performance.now() - coldStart;
  const coldRuns = esbuildRuns;

  const warm = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await packageAssets(assets, { projectDir: project, bundler });
    warm.push(performance.now() - start);
    if (result.summary.rebuilt !== 0) throw new Error('a cached re-package rebuilt something');
  }
  const warmRuns = esbuildRuns - coldRuns;

  // One function's own file edited: only that one is rebuilt.
  writeFileSync(assets[1].entryFile, `${'// edited\n'}export const handler = async () => 42;\n`);
  const editStart = performance.now();
  const edited = await packageAssets(assets, { projectDir: project, bundler });
  const editMs = performance.now() - editStart;

  const inputs = cold.assets.map((a) => a.bytes);
  const perFunction = median(warm) / FUNCTIONS;
  console.log(`re-package, ${FUNCTIONS} functions (half bundle @aws-sdk/client-s3), zips ${Math.min(...inputs)}–${Math.max(...inputs)} bytes`);
  console.log(`  cold packaging        ${coldMs.toFixed(1)} ms (${coldRuns} esbuild runs, ${(coldMs / FUNCTIONS).toFixed(1)} ms per function)`);
  console.log(`  cached re-package     ${median(warm).toFixed(1)} ms total, ${perFunction.toFixed(1)} ms per function (median of ${runs}; target ≤ ${TARGET_MS} ms: ${(perFunction / TARGET_MS).toFixed(2)}x of budget)`);
  console.log(`  cached vs cold        ${(median(warm) / coldMs).toFixed(3)}x`);
  console.log(`  one function edited   ${editMs.toFixed(1)} ms (rebuilt ${edited.summary.rebuilt})`);
  console.log(`  esbuild runs in ${runs} cached re-packages: ${warmRuns}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
