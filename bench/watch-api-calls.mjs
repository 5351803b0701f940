// API calls the watchers make while they follow a full create of every config/examples stack on the
// embedded local cloud (time scale 60), with the default scheduler (≈1 s polls while things change,
// backing off to 5 s when idle, one shared budget of 300 calls a minute). Prints, per example, the
// calls made through the scheduler, the calls per minute of watching, and the events streamed vs
// the local cloud's record of the operation. Figures only; not a test.
//
//   node bench/watch-api-calls.mjs        (BENCH_TIME_SCALE=60 by default)
import { importSource } from './support/import-source.mjs';
import { createServer } from 'node:http';
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';

const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);

const m = await importSource('watch-api-calls', [
  "export * from './test/integration/examples/example-deployer.ts';",
  "export { watchOperation } from './src/engine/watch/watch-operation.ts';",
  "export { PollScheduler } from './src/engine/watch/poll-scheduler.ts';",
]);

// As in emulator-create-examples: the api-smoke-test script calls this stand-in for its HTTP API.
const api = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
await new Promise((resolve) => api.listen(0, '127.0.0.1', resolve));
const apiBase = `http://127.0.0.1:${api.address().port}`;

const local = await m.startExampleCloud(TIME_SCALE);
try {
  console.log(`watchers following a full create of config/examples, time scale ${TIME_SCALE} (${local.cloud.endpoint})`);
  for (const name of m.exampleNames()) {
    const copy = m.copyExample(name);
    try {
      if (name === 'api-smoke-test') m.editFile(copy.configFile, (text) => text.replace(/^(\s+)apiUrl: .*$/m, `$1apiUrl: ${apiBase}/ok`));
      const prepared = await m.prepareStack(local.clients, copy.dir, `bench-${Date.now()}`);
      const changeSet = await m.createChangeSet(local.clients, prepared, 'CREATE', 'bench-watch');
      if (changeSet.description.Status !== 'CREATE_COMPLETE') throw new Error(`change set ${changeSet.description.Status}: ${changeSet.description.StatusReason}`);
      const resources = prepared.template.Resources;
      const scripts = Object.keys(resources).filter((id) => resources[id].Type === 'Custom::StpDeploymentScript').map((id) => ({ name: id, logicalId: id }));
      const services = Object.keys(resources).filter((id) => resources[id].Type === 'AWS::ECS::Service').map((id) => ({ name: id, logicalId: id }));
      const token = `bench-watch-${Date.now()}`;
      const scheduler = new m.PollScheduler();
      const counts = { events: 0, lines: 0, warnings: 0, ecs: 0 };
      const since = new Date();
      await local.clients.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.changeSetId, ClientRequestToken: token }));
      const t0 = performance.now();
      const result = await m.watchOperation(
        {
          clients: local.clients,
          stackName: changeSet.stackId,
          clientRequestToken: token,
          since,
          plannedResources: prepared.resourceCount,
          owners: {},
          scripts,
          services,
          emit: (event) => {
            if (event.type === 'stack.event') counts.events++;
            else if (event.type === 'script.log') counts.lines++;
            else if (event.type === 'warning') counts.warnings++;
            else if (event.type === 'ecs.deployment') counts.ecs++;
          },
          signal: new AbortController().signal,
        },
        { scheduler },
      );
      const wallMs = performance.now() - t0;
      const truth = (await m.allEvents(local.clients, changeSet.stackId)).filter((e) => e.ClientRequestToken === token).length;
      const perMinute = (scheduler.callCount / wallMs) * 60_000;
      console.log(
        `${name}: ${prepared.resourceCount} resources, ${result.stackStatus} after ${(wallMs / 1000).toFixed(1)} s of watching; ` +
          `${scheduler.callCount} API calls (${perMinute.toFixed(0)}/min); ${counts.events} stack events streamed (local cloud: ${truth}); ` +
          `${counts.lines} script lines; ${counts.ecs} ecs.deployment updates; ${counts.warnings} warnings`,
      );
      await m.deleteStack(local.clients, prepared.stackName, changeSet.stackId);
    } catch (error) {
      console.log(`${name}: FAILED — ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      copy.remove();
    }
  }
} finally {
  await local.stop();
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
}
