// First frame of the deploy console in a real terminal (tmux, CI unset): the time from starting
// `stp deploy` until its header is on the screen, against the time a bare `node -e` takes to print
// in the same terminal (tmux, the shell and Node's own start). Target: first frame ≤ 300 ms.
// Figures only, no pass/fail. Two targets: an AWS endpoint (nothing listens there; the frame comes
// before any call) and `--local` (the embedded local cloud starts first).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const bin = path.join(root, 'dist', 'stp.mjs');
if (!existsSync(bin)) {
  console.error('dist/stp.mjs is missing: run `npm run build` first');
  process.exit(1);
}
try {
  execFileSync('tmux', ['-V'], { stdio: 'ignore' });
} catch {
  console.log('tmux is not installed: skipped');
  process.exit(0);
}
const runs = Number(process.env.BENCH_RUNS ?? 10);
const dir = mkdtempSync(path.join(tmpdir(), 'stp-bench-console-'));
cpSync(path.join(root, 'config', 'examples', 'hello-script'), dir, { recursive: true, filter: (s) => !s.split(path.sep).includes('.stp') });
symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// A tmux server of our own, kept up by an idle session (a server whose last session ends exits,
// racing the next new-session), so the measured sessions start on a running server.
const socket = `stp-bench-${process.pid}`;
const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
tmux('new-session', '-d', '-s', 'keeper', 'sleep 3600');

/** Starts `command` in a fresh tmux session and returns ms until `marker` is on its screen. */
function timeToScreen(command, marker) {
  const session = `run-${Math.random().toString(36).slice(2, 8)}`;
  const start = performance.now();
  tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '35', '-c', dir, `env -u CI ${command}; sleep 30`);
  try {
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', session);
      if (screen.includes(marker)) return performance.now() - start;
      if (performance.now() - start > 20_000) throw new Error(`${marker} never appeared; screen:\n${screen}`);
    }
  } finally {
    tmux('kill-session', '-t', session);
  }
}

function measure(label, command, marker) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const ms = timeToScreen(command, marker);
    if (i >= 2) samples.push(ms); // the first runs warm the page cache
  }
  return { label, median: percentile(samples, 50), p90: percentile(samples, 90), samples };
}

const awsEnv = 'AWS_ACCESS_KEY_ID=AKIDBENCH AWS_SECRET_ACCESS_KEY=bench AWS_REGION=eu-west-1';
const results = [
  measure('node -e (print)', `node -e "process.stdout.write('bench-ready')"`, 'bench-ready'),
  measure('stp deploy (AWS endpoint)', `${awsEnv} node ${bin} deploy --endpoint-url http://127.0.0.1:9`, 'stp deploy'),
  measure('stp deploy --local', `STP_LOCAL_TIME_SCALE=60 node ${bin} deploy --local`, 'stp deploy'),
];
tmux('kill-server');
rmSync(dir, { recursive: true, force: true });

const bare = results[0].median;
console.log(`runs: ${runs} per command, tmux 120x35, CI unset (time until the text is on the screen, polled); load average ${loadavg()[0].toFixed(1)}`);
for (const r of results) {
  const over = r === results[0] ? '' : `  (+${(r.median - bare).toFixed(0)} ms over bare node)`;
  console.log(`${r.label.padEnd(28)} median ${r.median.toFixed(0).padStart(4)} ms  p90 ${r.p90.toFixed(0).padStart(4)} ms${over}`);
}
console.log('target: the console\'s first frame ≤ 300 ms');
