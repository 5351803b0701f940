// Bundles bin/stp.ts into one ESM file (dist/stp.mjs) for a fast cold start.
// Ink and the commands are dynamic imports, so esbuild keeps them lazily initialised and
// `stp --version` / `--ci` never pay for them.
import { build } from 'esbuild';
import { chmod, readFile, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));

/** ink's reconciler imports ./devtools.js (react-devtools-core) when DEV is set; we never ship it. */
const stubInkDevtools = {
  name: 'stub-ink-devtools',
  setup(b) {
    b.onResolve({ filter: /^\.\/devtools\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}ink${path.sep}`) ? { path: 'ink-devtools-stub', namespace: 'stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

const outdir = path.join(root, 'dist');
const outfile = path.join(outdir, 'stp.mjs');
await rm(path.join(outdir, 'chunks'), { recursive: true, force: true });
await build({
  // One entry (dist/stp.mjs); commands, the SDK and Ink live in lazily loaded chunks so a cold
  // `stp --version` parses a few kilobytes, not the whole CLI.
  entryPoints: { stp: path.join(root, 'bin', 'stp.ts') },
  outdir,
  outExtension: { '.js': '.mjs' },
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  // esbuild itself must stay external: it locates its native binary relative to its own package.
  external: ['esbuild'],
  define: {
    'process.env.NODE_ENV': '"production"',
    __STP_VERSION__: JSON.stringify(pkg.version),
  },
  plugins: [stubInkDevtools],
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __stpCreateRequire } from 'node:module'; const require = __stpCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
await chmod(outfile, 0o755);


// The compact CloudFormation resource-spec index the compiler and the emulator read at run time.
const { spawnSync } = await import('node:child_process');
const index = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-resource-spec-index.mjs')], { stdio: 'inherit' });
if (index.status !== 0) process.exit(index.status ?? 1);
