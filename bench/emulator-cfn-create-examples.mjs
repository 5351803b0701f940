// Full create (and delete) of each example stack (config/examples) on the local CloudFormation at
// time scale 60, through the real SDK v3 client: how long `stp deploy --local` of an example
// spends in CloudFormation, with realistic per-type latencies compressed 60×. Function code is a
// stand-in zip (packaging is benchmarked separately). Prints figures only.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { strToU8, zipSync } from 'fflate';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const work = mkdtempSync(path.join(tmpdir(), 'stp-bench-cfn-examples-'));
const TIME_SCALE = Number(process.env.BENCH_TIME_SCALE ?? 60);
const examplesDir = path.join(root, 'config', 'examples');
const HANDLER = `exports.handler = async (event) => {
  if (event && event.ResponseURL) await fetch(event.ResponseURL, { method: 'PUT', body: JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId || event.LogicalResourceId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId }) });
  return {};
};`;

async function settle(cfn, stackName) {
  for (;;) {
    const status = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks[0].StackStatus;
    if (!status.endsWith('_IN_PROGRESS')) return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

try {
  const outfile = path.join(root, 'node_modules', '.cache', 'stp-bench', 'emulator-cfn-examples.mjs');
  await build({
    stdin: {
      contents: [
        "export { startEmulator } from './src/emulator/start-emulator.ts';",
        "export { loadStackConfig } from './src/engine/config/load-stack-config.ts';",
        "export { stackInputFromResolved } from './src/engine/compile/stack-input-from-resolved.ts';",
        "export { compileStack } from './src/engine/compile/compile-stack.ts';",
        "export { deployParameters } from './src/engine/compile/stack-parameters.ts';",
        "export { applyAssetLocations, findAssetPlaceholders } from './src/engine/package/apply-asset-locations.ts';",
      ].join('\n'),
      resolveDir: root,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const m = await import(pathToFileURL(outfile).href);
  const cloud = await m.startEmulator({ stateDir: path.join(work, 'state'), timeScale: TIME_SCALE, log: () => {}, env: {} });
  const cfn = new CloudFormationClient({ endpoint: cloud.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  try {
    cloud.backends.s3.ensureBucket('bench-assets');
    for (const example of readdirSync(examplesDir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name)) {
      const loaded = await m.loadStackConfig({ cwd: root, configPath: path.join(examplesDir, example), stage: 'dev', region: 'us-east-1' });
      if (!loaded.ok) {
        console.log(`${example}: config does not load (${loaded.diagnostics[0]?.message})`);
        continue;
      }
      const compiled = m.compileStack(m.stackInputFromResolved(loaded.resolved));
      const keys = {};
      for (const id of m.findAssetPlaceholders(compiled.template)) {
        keys[id] = `${id}.zip`;
        cloud.backends.s3.putObject('bench-assets', keys[id], Buffer.from(zipSync({ 'index.js': strToU8(HANDLER) })));
      }
      const applied = m.applyAssetLocations(compiled.template, { bucket: 'bench-assets', keys });
      const values = { ...applied.parameters };
      for (const parameter of m.deployParameters(applied.template)) values[parameter.name] ??= 'bench';
      const stackName = `bench-${example}`;
      const started = performance.now();
      const cs = await cfn.send(
        new CreateChangeSetCommand({
          StackName: stackName,
          ChangeSetName: 'create',
          ChangeSetType: 'CREATE',
          TemplateBody: JSON.stringify(applied.template),
          Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
          Parameters: Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
        }),
      );
      await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
      const created = await settle(cfn, stackName);
      const createMs = performance.now() - started;
      const deleteStarted = performance.now();
      await cfn.send(new DeleteStackCommand({ StackName: cs.StackId }));
      const deleted = await settle(cfn, cs.StackId);
      const resources = Object.keys(applied.template.Resources).length;
      console.log(
        `${example}: ${resources} resources, create ${created} in ${(createMs / 1000).toFixed(1)} s (${((createMs * TIME_SCALE) / 60_000).toFixed(1)} emulated min), ` +
          `delete ${deleted} in ${((performance.now() - deleteStarted) / 1000).toFixed(1)} s at time scale ${TIME_SCALE}`,
      );
    }
  } finally {
    cfn.destroy();
    await cloud.stop();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
