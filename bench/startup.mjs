// Cold start: `stp --version` (the bundled bin) against bare `node -e 0`.
// Prints medians and the difference; the target is the bin within 40 ms of bare node.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist', 'stp.mjs');
if (!existsSync(bin)) {
  console.error('dist/stp.mjs is missing: run `npm run build` first');
  process.exit(1);
}
const runs = Number(process.env.BENCH_RUNS ?? 30);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    const start = performance.now();
    const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const elapsed = performance.now() - start;
    if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    if (i >= 3) samples.push(elapsed); // the first runs warm the page cache
  }
  return median(samples);
}

const bare = time(['-e', '0']);
const version = time([bin, '--version']);
const help = time([bin, '--help']);
console.log(`runs per command: ${runs} (median wall time)`);
console.log(`node -e 0          ${bare.toFixed(1)} ms`);
console.log(`stp --version      ${version.toFixed(1)} ms  (+${(version - bare).toFixed(1)} ms, ${(version / bare).toFixed(2)}x bare node; target +40 ms)`);
console.log(`stp --help         ${help.toFixed(1)} ms  (+${(help - bare).toFixed(1)} ms)`);
