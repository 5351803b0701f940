// Keypress → frame latency of the logs pane under a log flood (issue 11): 10,000 log.line events
// a second go through the session's bus and store into the pane, rendered by real Ink (30 fps
// ceiling) to a fake terminal, while `f` (pause / follow) is pressed every 150 ms. Latency is from
// the stdin write to the first frame written that shows the new state ("‖ paused" or
// "▼ following"), first without a flood (the baseline), then with it. Target p95 ≤ 100 ms under the
// flood. Figures only; never a pass/fail.
//
//   node bench/logs-keypress-latency.mjs [seconds=10] [linesPerSecond=10000]
import { mountLogsPane, percentile } from './support/logs-pane-harness.mjs';

const seconds = Number(process.argv[2] ?? 10);
const rate = Number(process.argv[3] ?? 10_000);
const pane = mountLogsPane();
await new Promise((resolve) => setTimeout(resolve, 200));

/** Presses `f` every 150 ms for `forSeconds`, with `rate` lines a second flowing meanwhile. */
async function measure(forSeconds, linesPerSecond) {
  const latencies = [];
  let waiting; // { marker, sentAt }
  pane.stdout.onWrite = (text, now) => {
    if (waiting && text.includes(waiting.marker)) {
      latencies.push(now - waiting.sentAt);
      waiting = undefined;
    }
  };
  const start = performance.now();
  const emittedBefore = pane.emitted;
  const cpuBefore = process.cpuUsage();
  const framesBefore = pane.stdout.writes;
  let missed = 0;
  const flood = setInterval(() => {
    const due = Math.floor(((performance.now() - start) / 1000) * linesPerSecond) - (pane.emitted - emittedBefore);
    if (due > 0) pane.emitLines(due);
  }, 5);
  const keys = setInterval(() => {
    if (waiting) missed++;
    paused = !paused;
    waiting = { marker: paused ? '‖ paused' : '▼ following', sentAt: performance.now() };
    pane.stdin.write('f');
  }, 150);
  await new Promise((resolve) => setTimeout(resolve, forSeconds * 1000));
  clearInterval(flood);
  clearInterval(keys);
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  latencies.sort((a, b) => a - b);
  return { latencies, missed, elapsed, lines: pane.emitted - emittedBefore, writes: pane.stdout.writes - framesBefore, cpu: ((cpu.user + cpu.system) / 1e6 / elapsed) * 100 };
}

let paused = false;
const ms = (v) => `${v.toFixed(1)} ms`;
const report = (name, r) => {
  console.log(
    `${name}: ${r.lines.toLocaleString('en-US')} lines in ${r.elapsed.toFixed(1)} s (${Math.round(r.lines / r.elapsed).toLocaleString('en-US')}/s), ${r.writes} terminal writes, CPU ${r.cpu.toFixed(0)}% of a core; ` +
      `keypress → frame (${r.latencies.length} presses, ${r.missed} not drawn before the next) p50 ${ms(percentile(r.latencies, 50))}, p95 ${ms(percentile(r.latencies, 95))}, max ${ms(r.latencies.at(-1))}`,
  );
};
report('no flood (baseline)', await measure(3, 0));
report(`flood of ${rate.toLocaleString('en-US')} lines/s`, await measure(seconds, rate));
pane.unmount();
console.log(`target: p95 ≤ 100 ms under the flood; the machine's load average now ${(await import('node:os')).loadavg()[0].toFixed(1)} (on ${(await import('node:os')).cpus().length} cores)`);
