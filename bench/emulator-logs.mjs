// The local cloud's CloudWatch Logs through the real SDK v3 client: PutLogEvents ingestion,
// GetLogEvents and FilterLogEvents request rates on a populated group. Prints figures only.
// The emulator is bundled from src/ with esbuild on the fly (no build step needed).
import { importSource } from './support/import-source.mjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';

const work = mkdtempSync(path.join(tmpdir(), 'stp-bench-logs-'));
const STREAMS = Number(process.env.BENCH_STREAMS ?? 10);
const EVENTS_PER_STREAM = Number(process.env.BENCH_EVENTS ?? 5_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);

try {
  const { startEmulator } = await importSource('emulator-logs', ["export * from './src/emulator/start-emulator.ts';"]);
  const cloud = await startEmulator({ stateDir: path.join(work, 'state'), services: ['sts', 's3', 'logs'], log: () => {} });
  const logs = new CloudWatchLogsClient({
    endpoint: cloud.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const group = '/aws/lambda/bench';
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));

  const t0 = Date.now() - 3_600_000;
  let started = performance.now();
  let batches = 0;
  for (let s = 0; s < STREAMS; s++) {
    const stream = `2026/01/01/[$LATEST]${String(s).padStart(4, '0')}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
    for (let offset = 0; offset < EVENTS_PER_STREAM; offset += 1_000) {
      const logEvents = [];
      for (let i = offset; i < Math.min(offset + 1_000, EVENTS_PER_STREAM); i++) {
        const level = i % 50 === 0 ? 'ERROR' : 'INFO';
        logEvents.push({ timestamp: t0 + i * 10 + s, message: `${level} request ${i} stream ${s} {"latency":${i % 2000}}` });
      }
      await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents }));
      batches++;
    }
  }
  const ingestSeconds = (performance.now() - started) / 1000;
  const total = STREAMS * EVENTS_PER_STREAM;
  console.log(`ingest: ${total} events in ${batches} PutLogEvents batches, ${(total / ingestSeconds).toFixed(0)} events/s`);

  const rate = async (label, makeCommand) => {
    for (let i = 0; i < 10; i++) await logs.send(makeCommand(i)); // warm-up
    started = performance.now();
    for (let i = 0; i < REQUESTS; i++) await logs.send(makeCommand(i));
    const seconds = (performance.now() - started) / 1000;
    console.log(`${label}: ${(REQUESTS / seconds).toFixed(0)} requests/s (${((seconds / REQUESTS) * 1000).toFixed(2)} ms each)`);
  };
  const firstStream = '2026/01/01/[$LATEST]0000';
  await rate('DescribeLogGroups (baseline: HTTP + SDK overhead)', () => new DescribeLogGroupsCommand({ limit: 1 }));
  await rate('GetLogEvents, 100 events from the head of a 5k-event stream', () =>
    new GetLogEventsCommand({ logGroupName: group, logStreamName: firstStream, startFromHead: true, limit: 100 }),
  );
  await rate('GetLogEvents, tail page of 100', () => new GetLogEventsCommand({ logGroupName: group, logStreamName: firstStream, limit: 100 }));
  await rate(`FilterLogEvents "ERROR" over ${total} events, limit 100`, () =>
    new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'ERROR', limit: 100 }),
  );
  await rate(`FilterLogEvents, no pattern, first 100 of ${total} events across ${STREAMS} streams`, () =>
    new FilterLogEventsCommand({ logGroupName: group, limit: 100 }),
  );
  await rate('FilterLogEvents, the last 5 s of events', () =>
    new FilterLogEventsCommand({ logGroupName: group, startTime: t0 + EVENTS_PER_STREAM * 10 - 5_000, limit: 100 }),
  );
  await cloud.stop();
} finally {
  rmSync(work, { recursive: true, force: true });
}
