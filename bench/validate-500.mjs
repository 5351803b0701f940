// `stp validate` on a generated 500-resource stacktape.yml, wall time including node start.
// Target: <= 300 ms. Also times the config pipeline in-process (loadStackConfig, bundled from the
// TypeScript sources with esbuild) to show how the time splits between node start and loading.
// Usage: npm run build && node bench/validate-500.mjs   (BENCH_RUNS=n for more samples)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// STP_BIN points the bench at another build of the CLI (default: the bundled dist/stp.mjs).
const bin = process.env.STP_BIN ? path.resolve(process.env.STP_BIN) : path.join(root, 'dist', 'stp.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 300;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 500 resources: a gateway and a load balancer, then a realistic mix of workloads and data. */
function generateConfig(count) {
  const lines = ['serviceName: bench', 'resources:', '  api:', '    type: http-api-gateway', '  lb:', '    type: application-load-balancer'];
  for (let i = 0; lines.length > 0 && i < count - 2; i++) {
    const n = String(i).padStart(3, '0');
    switch (i % 6) {
      case 0:
        lines.push(
          `  files${n}:`,
          '    type: bucket',
          '    properties:',
          '      versioning: true',
          '      cors: { enabled: true }',
        );
        break;
      case 1:
        lines.push(
          `  queue${n}:`,
          '    type: sqs-queue',
          '    properties:',
          '      visibilityTimeoutSeconds: 60',
        );
        break;
      case 2:
        lines.push(
          `  table${n}:`,
          '    type: dynamo-db-table',
          '    properties:',
          '      primaryKey:',
          '        partitionKey: { name: id, type: string }',
          '        sortKey: { name: createdAt, type: number }',
        );
        break;
      case 3:
        lines.push(
          `  handler${n}:`,
          '    type: function',
          '    properties:',
          '      packaging:',
          '        type: stacktape-lambda-buildpack',
          `        properties: { entryfilePath: ./src/handler${n}.ts }`,
          '      memory: 512',
          `      connectTo: [files${String(i - 3).padStart(3, '0')}, queue${String(i - 2).padStart(3, '0')}]`,
          '      environment:',
          `        - { name: TABLE_NAME, value: "$ResourceParam('table${String(i - 1).padStart(3, '0')}', 'name')" }`,
          '        - { name: STAGE, value: $Stage() }',
          '      events:',
          '        - type: http-api-gateway',
          `          properties: { httpApiGatewayName: api, method: GET, path: /h${n} }`,
        );
        break;
      case 4:
        lines.push(
          `  web${n}:`,
          '    type: web-service',
          '    properties:',
          '      packaging:',
          '        type: prebuilt-image',
          '        properties: { image: public.ecr.aws/nginx/nginx:1.27 }',
          '      resources: { cpu: 0.25, memory: 512 }',
          '      scaling: { minInstances: 1, maxInstances: 3 }',
          '      environment:',
          '        - { name: PORT, value: 80 }',
        );
        break;
      default:
        lines.push(
          `  seed${n}:`,
          '    type: deployment-script',
          '    properties:',
          '      trigger: after:deploy',
          '      packaging:',
          '        type: stacktape-lambda-buildpack',
          `        properties: { entryfilePath: ./src/seed${n}.ts }`,
          '      parameters:',
          `        table: "$ResourceParam('table${String(i - 3).padStart(3, '0')}', 'arn')"`,
        );
    }
  }
  return `${lines.join('\n')}\n`;
}

const dir = mkdtempSync(path.join(tmpdir(), 'stp-validate-500-'));
try {
  const config = path.join(dir, 'stacktape.yml');
  const text = generateConfig(500);
  writeFileSync(config, text);
  console.log(`config: 500 resources, ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB`);

  // In-process: the loading pipeline alone (first call is cold: module init + first parse).
  const bundle = path.join(dir, 'load-stack-config.mjs');
  await build({
    entryPoints: [path.join(root, 'src/engine/config/load-stack-config.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
    // yaml's CommonJS build requires node built-ins; give the ESM bundle a require.
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
  });
  const cpuMs = (since) => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const importStart = performance.now();
  const importCpu = process.cpuUsage();
  const { loadStackConfig } = await import(pathToFileURL(bundle).href);
  const importMs = performance.now() - importStart;
  const importCpuMs = cpuMs(importCpu);
  const samples = [];
  let firstCpuMs = 0;
  let result;
  for (let i = 0; i < runs + 1; i++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    result = await loadStackConfig({ cwd: dir, stage: 'dev', region: 'eu-west-1' });
    samples.push(performance.now() - start);
    if (i === 0) firstCpuMs = cpuMs(cpu);
  }
  if (!result.ok) {
    console.error('generated config did not validate:', result.diagnostics.slice(0, 5));
    process.exit(1);
  }
  console.log(
    `in-process: module import ${importMs.toFixed(1)} ms (cpu ${importCpuMs.toFixed(1)}), first loadStackConfig ${samples[0].toFixed(1)} ms (cpu ${firstCpuMs.toFixed(1)}), warm median ${median(samples.slice(1)).toFixed(1)} ms`,
  );

  if (!existsSync(bin)) {
    console.log('dist/stp.mjs is missing: run `npm run build` first for the end-to-end figure');
    process.exit(0);
  }
  const wall = [];
  const bare = [];
  for (let i = 0; i < runs + 2; i++) {
    let start = performance.now();
    const run = spawnSync(process.execPath, [bin, 'validate', '--config', config, '--stage', 'dev', '--region', 'eu-west-1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const elapsed = performance.now() - start;
    if (run.status !== 0) {
      console.error(`stp validate exited ${run.status}:\n${String(run.stderr).slice(0, 2000)}`);
      process.exit(1);
    }
    start = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    const nodeMs = performance.now() - start;
    if (i >= 2) {
      wall.push(elapsed);
      bare.push(nodeMs);
    }
  }
  const validateMs = median(wall);
  console.log(`node -e 0                      ${median(bare).toFixed(1)} ms`);
  console.log(
    `stp validate (500 resources)   ${validateMs.toFixed(1)} ms median of ${runs}  (target <= ${TARGET_MS} ms: ${validateMs <= TARGET_MS ? 'met' : 'MISSED'})`,
  );
  // CPU time (user + system) of one run, when GNU time is available: less sensitive than wall
  // time to other processes competing for the cores.
  if (existsSync('/usr/bin/time')) {
    const cpuOf = (args) => {
      const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      const [user, system] = String(run.stderr).trim().split('\n').pop().split(' ').map(Number);
      return (user + system) * 1000;
    };
    const cpuRuns = Array.from({ length: runs }, () => cpuOf([bin, 'validate', '--config', config, '--stage', 'dev', '--region', 'eu-west-1']));
    const bareRuns = Array.from({ length: runs }, () => cpuOf(['-e', '0']));
    console.log(`cpu time: stp validate ${median(cpuRuns).toFixed(0)} ms, node -e 0 ${median(bareRuns).toFixed(0)} ms (median)`);
  }
  const [load1] = (await import('node:os')).loadavg();
  console.log(`load average (1 min) while measuring: ${load1.toFixed(1)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
