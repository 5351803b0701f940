// Full create of every config/examples stack on the embedded local cloud at time scale 60 (issue 4's
// benchmark), the whole way a deploy goes: load → compile → package (esbuild, real bundles) +
// upload to the local S3 → CreateChangeSet → SDK waiter → ExecuteChangeSet → SDK waiter, through
// the real SDK v3 clients; after:deploy scripts really run in the local Lambda. Then DeleteStack.
// Prints per example: wall times per phase, events seen, and the ratio of the CloudFormation
// create time to the emulated latencies (the sum over resources, and the dependency critical path,
// both divided by the time scale). Figures only; not a test.
//
//   node bench/emulator-create-examples.mjs        (BENCH_TIME_SCALE=60 by default)
import { importSource } from './support/import-source.mjs';
import { createServer } from 'node:http';

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);

const m = await importSource('emulator-create-examples', [
  "export * from './test/integration/examples/example-deployer.ts';",
  "export { latencyFor } from './src/emulator/services/cloudformation/provisioning/latencies.ts';",
]);

// The api-smoke-test script calls its HTTP API, which the local cloud records but does not serve:
// its apiUrl parameter points at this stand-in (200 for every path), as in the integration test.
const api = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
const apiBase = `http://127.0.0.1:${api.address().port}`;

/** Logical ids a resource waits for: DependsOn, Ref, Fn::GetAtt and ${X} / ${X.Attr} in Fn::Sub. */
function dependencies(resource, ids) {
  const found = new Set([resource.DependsOn ?? []].flat());
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (key === 'Ref' && typeof child === 'string' && ids.has(child)) found.add(child);
      else if (key === 'Fn::GetAtt') {
        const target = Array.isArray(child) ? child[0] : String(child).split('.')[0];
        if (ids.has(target)) found.add(target);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(child) ? child[0] : child;
        for (const match of String(text).matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) if (ids.has(match[1])) found.add(match[1]);
      }
      walk(child);
    }
  };
  walk(resource.Properties ?? {});
  return [...found].filter((id) => ids.has(id));
}

/** Sum of create latencies and the longest dependency chain, in emulated ms. */
function emulatedLatencies(template) {
  const resources = template.Resources;
  const ids = new Set(Object.keys(resources));
  const finish = new Map();
  const visit = (id) => {
    if (finish.has(id)) return finish.get(id);
    finish.set(id, 0); // cycle guard; templates CloudFormation accepts have none
    const start = Math.max(0, ...dependencies(resources[id], ids).map(visit));
    const end = start + m.latencyFor(resources[id].Type, 'create');
    finish.set(id, end);
    return end;
  };
  let sum = 0;
  for (const id of ids) {
    sum += m.latencyFor(resources[id].Type, 'create');
    visit(id);
  }
  return { sum, criticalPath: Math.max(...finish.values()) };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;
const local = await m.startExampleCloud(TIME_SCALE);
const totals = { wall: 0, cfn: 0, events: 0, sum: 0, critical: 0 };
try {
  console.log(`full create of config/examples on the local cloud, time scale ${TIME_SCALE} (${local.cloud.endpoint})`);
  for (const name of m.exampleNames()) {
    const copy = m.copyExample(name);
    try {
      if (name === 'api-smoke-test') m.editFile(copy.configFile, (text) => text.replace(/^(\s+)apiUrl: .*$/m, `$1apiUrl: ${apiBase}/ok`));
      const t0 = performance.now();
      const prepared = await m.prepareStack(local.clients, copy.dir, `bench-${Date.now()}`);
      const t1 = performance.now();
      const changeSet = await m.createChangeSet(local.clients, prepared, 'CREATE', 'bench-create');
      const t2 = performance.now();
      if (changeSet.description.Status !== 'CREATE_COMPLETE') throw new Error(`change set ${changeSet.description.Status}: ${changeSet.description.StatusReason}`);
      const state = await m.executeChangeSet(local.clients, changeSet, 'CREATE', 'bench-create');
      const t3 = performance.now();
      const events = await m.allEvents(local.clients, changeSet.stackId);
      const stackEvents = events.filter((e) => e.LogicalResourceId === prepared.stackName && e.ResourceType === 'AWS::CloudFormation::Stack');
      const began = stackEvents.find((e) => e.ResourceStatus === 'CREATE_IN_PROGRESS')?.Timestamp;
      const ended = stackEvents.at(-1)?.Timestamp;
      const cfnMs = began && ended ? ended.getTime() - began.getTime() : NaN;
      const status = stackEvents.at(-1)?.ResourceStatus;
      const latency = emulatedLatencies(prepared.template);
      const sumWall = latency.sum / TIME_SCALE;
      const criticalWall = latency.criticalPath / TIME_SCALE;
      const d0 = performance.now();
      await m.deleteStack(local.clients, prepared.stackName, changeSet.stackId);
      const deleteMs = performance.now() - d0;
      const wall = t3 - t0;
      console.log(
        `${name}: ${prepared.resourceCount} resources, ${status} (waiter ${state}) in ${seconds(wall)} wall ` +
          `[package+upload ${seconds(t1 - t0)}, change set ${seconds(t2 - t1)}, execute+wait ${seconds(t3 - t2)}]; ` +
          `${events.length} events; CloudFormation create ${seconds(cfnMs)} vs emulated latencies ` +
          `sum ${seconds(sumWall)} (ratio ${(cfnMs / sumWall).toFixed(2)}), critical path ${seconds(criticalWall)} (ratio ${(cfnMs / criticalWall).toFixed(2)}); ` +
          `delete ${seconds(deleteMs)}`,
      );
      totals.wall += wall;
      totals.cfn += cfnMs;
      totals.events += events.length;
      totals.sum += sumWall;
      totals.critical += criticalWall;
    } catch (error) {
      console.log(`${name}: FAILED — ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      copy.remove();
    }
  }
  console.log(
    `total: ${seconds(totals.wall)} wall, ${totals.events} events; CloudFormation create ${seconds(totals.cfn)} vs emulated latencies ` +
      `sum ${seconds(totals.sum)} (ratio ${(totals.cfn / totals.sum).toFixed(2)}), critical paths ${seconds(totals.critical)} (ratio ${(totals.cfn / totals.critical).toFixed(2)})`,
  );
} finally {
  await local.stop();
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
}
