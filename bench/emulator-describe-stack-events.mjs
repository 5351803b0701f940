// DescribeStackEvents request rate against the local CloudFormation, through the real SDK v3
// client, on a 300-resource stack (about 900 events after the create). Target: ≥ 1,000 requests/s.
// Measures the first page (what a deploy watcher polls) and a full newest→oldest paging pass.
// The emulator is bundled from src/ with esbuild on the fly (no build step needed).
import { importSource, repoRoot } from './support/import-source.mjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';

const work = mkdtempSync(path.join(tmpdir(), 'stp-bench-cfn-events-'));
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 300);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 3_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const TARGET_PER_SECOND = 1_000;

function template(count) {
  const resources = {};
  for (let i = 0; i < count; i++) {
    // Topics and log groups, each depending on the previous tenth so the graph has depth.
    const dependsOn = i >= 10 ? { DependsOn: `R${i - 10}` } : {};
    resources[`R${i}`] =
      i % 2 === 0
        ? { Type: 'AWS::SNS::Topic', ...dependsOn, Properties: { DisplayName: `topic ${i}` } }
        : { Type: 'AWS::Logs::LogGroup', ...dependsOn, Properties: { LogGroupName: `/bench/group-${i}` } };
  }
  return JSON.stringify({ Resources: resources });
}

async function rate(label, total, concurrency, once) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        await once();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const perSecond = total / seconds;
  console.log(`${label}: ${total} requests in ${seconds.toFixed(2)} s = ${Math.round(perSecond)} requests/s`);
  return perSecond;
}

try {
  const { startEmulator } = await importSource('emulator-cfn-events', ["export * from './src/emulator/start-emulator.ts';"]);
  const cloud = await startEmulator({ stateDir: path.join(work, 'state'), timeScale: 100_000, log: () => {}, env: {} });
  const cfn = new CloudFormationClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    const createStarted = performance.now();
    const cs = await cfn.send(new CreateChangeSetCommand({ StackName: 'bench', ChangeSetName: 'create', ChangeSetType: 'CREATE', TemplateBody: template(RESOURCES) }));
    await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
    let status = '';
    do {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await cfn.send(new DescribeStacksCommand({ StackName: 'bench' }))).Stacks[0].StackStatus;
    } while (status.endsWith('_IN_PROGRESS'));
    console.log(`create of ${RESOURCES} resources at time scale 100000: ${status} in ${Math.round(performance.now() - createStarted)} ms`);

    let events = 0;
    let pages = 0;
    let token;
    do {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench', NextToken: token }));
      events += page.StackEvents.length;
      pages++;
      token = page.NextToken;
    } while (token);
    console.log(`stack history: ${events} events in ${pages} pages`);

    // Warm up connections and the JIT.
    await rate('warm-up', 200, CONCURRENCY, () => cfn.send(new DescribeStackEventsCommand({ StackName: 'bench' })));
    const first = await rate(`first page, ${CONCURRENCY} in flight`, REQUESTS, CONCURRENCY, () => cfn.send(new DescribeStackEventsCommand({ StackName: 'bench' })));
    const sequential = await rate('first page, one at a time', Math.round(REQUESTS / 3), 1, () => cfn.send(new DescribeStackEventsCommand({ StackName: 'bench' })));
    let pagingToken;
    const paging = await rate(`paging newest→oldest, one at a time`, REQUESTS, 1, async () => {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench', NextToken: pagingToken }));
      pagingToken = page.NextToken;
    });
    // Clients in worker threads: the emulator's thread then only serves, as when several SDK
    // clients (stp sessions, the AWS CLI) poll it. This is the figure compared with the target.
    const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
    const perWorker = Math.round(REQUESTS / workerCount);
    const workerSource = `
      import { parentPort, workerData } from 'node:worker_threads';
      import { CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
      const cfn = new CloudFormationClient({ endpoint: workerData.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      for (let i = 0; i < 20; i++) await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench' }));
      parentPort.postMessage('ready');
      await new Promise((resolve) => parentPort.once('message', resolve));
      let next = 0;
      await Promise.all(Array.from({ length: workerData.concurrency }, async () => {
        while (next < workerData.requests) { next++; await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench' })); }
      }));
      cfn.destroy();
      parentPort.postMessage('done');
    `;
    const workerFile = path.join(repoRoot, 'node_modules', '.cache', 'stp-bench', 'emulator-cfn-events-client.mjs');
    writeFileSync(workerFile, workerSource);
    const workers = Array.from({ length: workerCount }, () => new Worker(workerFile, { workerData: { endpoint: cloud.endpoint, requests: perWorker, concurrency: CONCURRENCY } }));
    await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))));
    const workersStarted = performance.now();
    await Promise.all(
      workers.map((worker) => {
        const done = new Promise((resolve) => worker.once('message', resolve));
        worker.postMessage('go');
        return done;
      }),
    );
    const served = (perWorker * workerCount) / ((performance.now() - workersStarted) / 1000);
    await Promise.all(workers.map((worker) => worker.terminate()));
    console.log(`first page, ${workerCount} client threads × ${CONCURRENCY} in flight: ${Math.round(served)} requests/s served`);

    // The same first page without HTTP and the SDK: the emulator's own cost per request (event
    // paging plus the awsQuery XML encoding), to separate it from transport and client parsing.
    const { StackEventLog, encodeQueryResponse } = await importSource('emulator-cfn-events-inner', [
      "export { StackEventLog } from './src/emulator/services/cloudformation/events/stack-events.ts';",
      "export { encodeQueryResponse } from './src/emulator/protocols/aws-query.ts';",
    ]);
    const log = new StackEventLog();
    let sample;
    token = undefined;
    do {
      const page = await cfn.send(new DescribeStackEventsCommand({ StackName: 'bench', NextToken: token }));
      for (const event of page.StackEvents) {
        sample = { ...event, Timestamp: event.Timestamp.toISOString() };
        log.append(sample, 'resource');
      }
      token = page.NextToken;
    } while (token);
    const loops = 2_000;
    const innerStarted = performance.now();
    for (let i = 0; i < loops; i++) {
      const page = log.page(sample.StackId, undefined);
      encodeQueryResponse('DescribeStackEvents', 'http://cloudformation.amazonaws.com/doc/2010-05-15/', { StackEvents: page.events, NextToken: page.nextToken }, 'id');
    }
    const innerPerSecond = loops / ((performance.now() - innerStarted) / 1000);
    console.log(`first page in-process (paging + XML encoding, no HTTP/SDK): ${Math.round(innerPerSecond)} pages/s`);
    console.log(
      `target ≥ ${TARGET_PER_SECOND} requests/s: served to client threads ${(served / TARGET_PER_SECOND).toFixed(2)}×, in-process page cost ${(innerPerSecond / TARGET_PER_SECOND).toFixed(2)}×; ` +
        `client in the emulator's own thread: first page ${(first / TARGET_PER_SECOND).toFixed(2)}×, sequential ${(sequential / TARGET_PER_SECOND).toFixed(2)}×, paging ${(paging / TARGET_PER_SECOND).toFixed(2)}×`,
    );
  } finally {
    cfn.destroy();
    await cloud.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
