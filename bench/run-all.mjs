// Runs every benchmark in this folder one after another and prints their figures.
// Benchmarks are not tests: they print numbers and ratios for the README, they never fail a build.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run-all.mjs')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
for (const file of files) {
  console.log(`\n=== ${file}`);
  // The SDK's Node 20 notice would interleave with the figures.
  const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  const run = spawnSync(process.execPath, [path.join(here, file)], { stdio: 'inherit', env });
  if (run.status !== 0) console.log(`(${file} exited ${run.status})`);
}
