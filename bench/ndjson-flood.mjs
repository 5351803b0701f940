// NDJSON under a script log flood (issue 12's benchmark): a deployment script prints lines at
// 10,000 a second (BENCH_FLOOD_LINES lines, default 30,000), deployed with `stp deploy --json` on
// the local cloud (the built binary, as a pipeline runs it). Checks that every line arrives as a
// `script.log` event exactly once and in order, and that `seq` has no gap; prints the throughput.
// Figures only; no pass/fail on time.
//
//   npm run build && node bench/ndjson-flood.mjs
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stpBin = path.join(root, 'dist', 'stp.mjs');
if (!existsSync(stpBin)) throw new Error('dist/stp.mjs is missing: run `npm run build` first');
const LINES = Number(process.env.BENCH_FLOOD_LINES ?? 30_000);
const PER_SECOND = 10_000;
const TIME_SCALE = process.env.BENCH_TIME_SCALE ?? '10';

const dir = mkdtempSync(path.join(tmpdir(), 'stp-bench-flood-'));
writeFileSync(
  path.join(dir, 'stacktape.yml'),
  `serviceName: flood
resources:
  flood:
    type: deployment-script
    properties:
      trigger: after:deploy
      packaging:
        type: stacktape-lambda-buildpack
        properties:
          entryfilePath: ./flood.ts
      # Emulated seconds: at time scale ${TIME_SCALE} this leaves the flood ${900 / Number(TIME_SCALE)} s of wall time.
      timeout: 900
      parameters:
        lines: ${LINES}
        perSecond: ${PER_SECOND}
`,
);
writeFileSync(
  path.join(dir, 'flood.ts'),
  `// Prints \`lines\` numbered lines at \`perSecond\`, in batches every 10 ms.
export default async ({ lines, perSecond }: { lines: number; perSecond: number }) => {
  const batch = Math.max(1, Math.round(perSecond / 100));
  const started = Date.now();
  for (let i = 0; i < lines; ) {
    for (let j = 0; j < batch && i < lines; j++, i++) console.log(\`flood \${i}\`);
    const due = started + (i / perSecond) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
  }
  return { printed: lines, ms: Date.now() - started };
};
`,
);

const started = performance.now();
const child = spawn(process.execPath, [stpBin, 'deploy', '--json', '--local', '--region', 'eu-west-1'], {
  cwd: dir,
  env: { ...process.env, CI: 'true', STP_LOCAL_TIME_SCALE: TIME_SCALE, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
let expectedSeq = 1;
let seqGaps = 0;
let nextLine = 0;
let outOfOrder = 0;
let duplicates = 0;
let firstLineAt;
let lastLineAt;
let result;
let events = 0;
const seen = new Set();
for await (const text of createInterface({ input: child.stdout })) {
  const event = JSON.parse(text);
  events++;
  if (event.seq !== expectedSeq) seqGaps++;
  expectedSeq = event.seq + 1;
  if (event.type === 'result') result = event;
  if (event.type !== 'script.log' || event.script !== 'flood') continue;
  const n = Number(/^flood (\d+)$/.exec(event.line)?.[1]);
  if (Number.isNaN(n)) continue;
  const now = performance.now();
  firstLineAt ??= now;
  lastLineAt = now;
  if (seen.has(n)) duplicates++;
  seen.add(n);
  if (n !== nextLine) outOfOrder++;
  nextLine = n + 1;
}
const code = await new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.on('close', resolve)));
const wall = (performance.now() - started) / 1000;
rmSync(dir, { recursive: true, force: true });

const missing = LINES - seen.size;
const spanS = firstLineAt !== undefined ? (lastLineAt - firstLineAt) / 1000 : 0;
console.log(`script log flood: ${LINES} lines printed at ${PER_SECOND}/s (${(LINES / PER_SECOND).toFixed(1)} s), stp deploy --json at time scale ${TIME_SCALE}: exit ${code}, ${result?.outcome ?? 'no result'}, ${wall.toFixed(1)} s wall`);
console.log(`  NDJSON: ${events} events; script.log lines received ${seen.size}/${LINES}, missing ${missing}, duplicates ${duplicates}, out of order ${outOfOrder}; seq gaps ${seqGaps}`);
console.log(`  throughput: ${spanS > 0 ? Math.round(seen.size / spanS).toLocaleString('en-US') : '–'} lines/s from the first flood line to the last (${spanS.toFixed(1)} s)`);
console.log(`  ${missing === 0 && duplicates === 0 && outOfOrder === 0 && seqGaps === 0 && code === 0 ? 'every line once, in order' : 'LINES LOST, REPEATED OR OUT OF ORDER'}`);
