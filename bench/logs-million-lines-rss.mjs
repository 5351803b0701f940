// Memory after one million log lines (issue 11): 1,000,000 log.line events go through the
// session's bus and store (a 2,000-line ring) into the logs pane, rendered by real Ink to a fake
// terminal, in batches of 5,000 with the event loop turning between them (as a flood arrives).
// Prints the RSS and heap before, at the peak and after (after a forced GC).
// Target: RSS ≤ 200 MB after the million. Figures only; never a pass/fail.
//
//   node bench/logs-million-lines-rss.mjs [lines=1000000]   (re-runs itself with --expose-gc)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Memory after the flood is only meaningful after a GC: run again with --expose-gc when needed.
if (!globalThis.gc) {
  const again = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(again.status ?? 1);
}
const { mountLogsPane } = await import('./support/logs-pane-harness.mjs');

const total = Number(process.argv[2] ?? 1_000_000);
const batch = 5000;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const gc = () => globalThis.gc?.();

const pane = mountLogsPane();
await new Promise((resolve) => setTimeout(resolve, 100));
gc();
const before = process.memoryUsage();
let peakRss = before.rss;
const started = performance.now();
while (pane.emitted < total) {
  pane.emitLines(Math.min(batch, total - pane.emitted));
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 0));
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
pane.flush();
// Let the pane draw the last lines.
await new Promise((resolve) => setTimeout(resolve, 200));
const seconds = (performance.now() - started) / 1000;
const lastFrameHasLast = pane.stdout.lastText?.includes(`/items/${total} `);
gc();
const after = process.memoryUsage();
const state = pane.store.getState();
pane.unmount();
console.log(`${total.toLocaleString('en-US')} lines through the store and the pane in ${seconds.toFixed(1)} s (${Math.round(total / seconds).toLocaleString('en-US')} lines/s), ${pane.stdout.writes} terminal writes; ring ${state.logs.items.length} lines, ${state.logs.dropped.toLocaleString('en-US')} dropped; last line on screen: ${lastFrameHasLast ? 'yes' : 'no'}`);
console.log(`RSS ${mb(before.rss)} before → peak ${mb(peakRss)} → ${mb(after.rss)} after${globalThis.gc ? ' (after a GC)' : ' (no --expose-gc: without a forced GC)'}; heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)} (target RSS ≤ 200 MB)`);
