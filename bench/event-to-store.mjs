// Event-to-store latency (issue 10's benchmark): how long an engine event takes to reach the
// renderer store (the zustand vanilla store fed in batches) — the time from `bus.emit` to the
// store's subscriber seeing the state that contains it. Three loads: a trickle (one event at a
// time, as a quiet deploy), bursts of 100 stack events, and a log flood of 10,000 script lines in
// one tick. Prints p50/p95/max latency and the batches per run. Figures only; not a test.
//
//   node bench/event-to-store.mjs
import { importSource } from './support/import-source.mjs';

const m = await importSource('event-to-store', [
  "export { createEventBus } from './src/engine/session/event-bus.ts';",
  "export { createSessionStore } from './src/engine/session/session-store.ts';",
]);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function run(name, rounds, perRound, body) {
  const { store, sink } = m.createSessionStore();
  const bus = m.createEventBus([sink]);
  const latencies = [];
  let batches = 0;
  let pending = [];
  store.subscribe(() => {
    batches++;
    const now = performance.now();
    for (const sent of pending) latencies.push(now - sent);
    pending = [];
  });
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < perRound; i++) {
      pending.push(performance.now());
      bus.emit(body(round, i));
    }
    // Let the store apply the batch, as the event loop would between polls.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  latencies.sort((a, b) => a - b);
  console.log(
    `${name}: ${latencies.length} events in ${batches} store updates; latency p50 ${percentile(latencies, 50).toFixed(3)} ms, p95 ${percentile(latencies, 95).toFixed(3)} ms, max ${latencies.at(-1).toFixed(3)} ms`,
  );
}

const stackEvent = (round, i) => ({
  type: 'stack.event',
  event: { eventId: `e-${round}-${i}`, stackName: 's', stackId: 's', logicalId: `R${i}`, resourceType: 'AWS::S3::Bucket', status: 'CREATE_IN_PROGRESS', at: new Date().toISOString(), depth: 0 },
});
await run('trickle (1 event per tick)', 2000, 1, stackEvent);
await run('bursts (100 stack events per tick)', 200, 100, stackEvent);
await run('log flood (10,000 script lines per tick)', 5, 10_000, (round, i) => ({ type: 'script.log', script: 'greet', line: `line ${round}-${i}`, at: new Date().toISOString(), eventId: `l-${round}-${i}` }));
