// The deploy engine on the embedded local cloud at time scale 60 (issue 10's benchmark): a full
// create of config/examples/hello-script, then a no-change deploy, through the real SDK clients and
// the default polling scheduler (the cadence a user gets). Prints the wall time of each deploy, the
// requests per minute the local cloud answered (stp's calls, plus the few the deployed functions make), and the event-to-store
// latency of the renderer store (emit → the batched zustand update that contains it).
//
//   node bench/deploy-example.mjs        (BENCH_TIME_SCALE=60 by default)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importSource } from './support/import-source.mjs';

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);
// As bin/stp.ts does: the SDK's Node 20 notice would land among the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const m = await importSource('deploy-example', [
  "export { copyExample } from './test/integration/examples/example-deployer.ts';",
  "export { startEmulator } from './src/emulator/start-emulator.ts';",
  "export { createAwsClients } from './src/aws/client-factory.ts';",
  "export { runDeploy } from './src/engine/deploy/deploy-machine.ts';",
  "export { DeploySession } from './src/engine/session/deploy-session.ts';",
  "export { createSessionStore } from './src/engine/session/session-store.ts';",
  "export { watchOperation } from './src/engine/watch/watch-operation.ts';",
]);

const stateDir = mkdtempSync(path.join(tmpdir(), 'stp-bench-deploy-'));
let requests = 0;
const cloud = await m.startEmulator({ port: 0, stateDir, timeScale: TIME_SCALE, env: {}, log: () => {}, requestLog: () => (requests += 1) });
const clients = m.createAwsClients({ region: 'eu-west-1', endpoint: cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, env: {} });
const example = m.copyExample('hello-script');

async function deployOnce(label) {
  const emitted = new Map();
  const latencies = [];
  const { store, sink } = m.createSessionStore();
  let seen = 0;
  store.subscribe((state) => {
    const now = performance.now();
    for (let seq = seen + 1; seq <= state.lastSeq; seq++) latencies.push(now - emitted.get(seq));
    seen = state.lastSeq;
  });
  const timing = { emit: (event) => emitted.set(event.seq, performance.now()) };
  const session = new m.DeploySession([timing, sink]);
  const before = requests;
  const started = performance.now();
  const result = await m.runDeploy(
    { clients, session, watch: m.watchOperation, targetDescription: 'bench', mode: 'ci' },
    {
      project: { cwd: example.dir, configPath: example.dir, stage: 'dev', region: 'eu-west-1' },
      command: 'deploy',
      requireApproval: 'never',
      yes: false,
      protect: [],
      rerunScripts: false,
      interactive: false,
    },
  );
  const wall = performance.now() - started;
  await new Promise((resolve) => setImmediate(resolve));
  latencies.sort((a, b) => a - b);
  const calls = requests - before;
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))].toFixed(2);
  console.log(
    `${label}: ${result.outcome} (${result.stackStatus}) in ${(wall / 1000).toFixed(2)} s wall; ` +
      `${calls} API calls = ${((calls / wall) * 60_000).toFixed(0)} calls/min; ` +
      `${latencies.length} events, event-to-store latency p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${latencies.at(-1).toFixed(2)} ms`,
  );
}

try {
  console.log(`deploy engine, hello-script, local cloud at time scale ${TIME_SCALE}`);
  await deployOnce('create   ');
  await deployOnce('no change');
} finally {
  clients.destroy();
  await cloud.stop();
  example.remove();
  rmSync(stateDir, { recursive: true, force: true });
}
