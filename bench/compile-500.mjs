// Compile of a generated 500-resource stacktape.yml (functions, queues, topics, buckets, tables,
// functions connected to queues/tables). Target: ≤ 300 ms for the whole command, cold process.
//
// If the built CLI has a `compile` command (dist/stp.mjs compile), that is what is timed
// (wall time of a fresh process, median). Otherwise the same pipeline is timed module by module
// in a fresh process (config load → compile → template validation, plus the module-load and
// resource-spec index costs), and the output says that the CLI was not used.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const runs = Number(process.env.BENCH_RUNS ?? 10);
const TARGET_MS = 300;
const COUNT = Number(process.env.BENCH_RESOURCES ?? 500);

/**
 * Runs a command in a fresh process and returns wall time and the CPU time it used (user+sys,
 * from bash's `times`): on a shared, busy machine CPU time is the steadier figure.
 */
function timed(command, args, cwd) {
  const quoted = [command, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const start = performance.now();
  const run = spawnSync('bash', ['-c', `${quoted} >"$STP_BENCH_OUT" 2>"$STP_BENCH_ERR"; status=$?; times; exit $status`], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, STP_BENCH_OUT: path.join(cwd, '.bench-stdout'), STP_BENCH_ERR: path.join(cwd, '.bench-stderr') },
  });
  const wall = performance.now() - start;
  const children = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  const cpu = ((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000;
  return {
    wall,
    cpu,
    status: run.status,
    stdout: readFileSync(path.join(cwd, '.bench-stdout'), 'utf8'),
    stderr: readFileSync(path.join(cwd, '.bench-stderr'), 'utf8'),
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** 500 resources in five kinds; every fifth function connects to a queue and a table. */
function generateConfig(count) {
  const lines = ['serviceName: bench', 'resources:'];
  const per = Math.ceil(count / 5);
  let n = 0;
  for (let i = 0; i < per && n < count; i++, n++) lines.push(`  queue${i}:`, '    type: sqs-queue');
  for (let i = 0; i < per && n < count; i++, n++) lines.push(`  topic${i}:`, '    type: sns-topic');
  for (let i = 0; i < per && n < count; i++, n++) lines.push(`  bucket${i}:`, '    type: bucket');
  for (let i = 0; i < per && n < count; i++, n++) {
    lines.push(`  table${i}:`, '    type: dynamo-db-table', '    properties:', '      primaryKey:', '        partitionKey:', '          name: pk', '          type: string');
  }
  for (let i = 0; n < count; i++, n++) {
    lines.push(
      `  fn${i}:`,
      '    type: function',
      '    properties:',
      '      packaging:',
      '        type: stacktape-lambda-buildpack',
      '        properties:',
      `          entryfilePath: ./src/fn${i % 10}.ts`,
      '      memory: 256',
    );
    if (i % 5 === 0) lines.push('      connectTo:', `        - queue${i % per}`, `        - table${i % per}`);
  }
  return `${lines.join('\n')}\n`;
}

const work = mkdtempSync(path.join(tmpdir(), 'stp-bench-compile-'));
try {
  writeFileSync(path.join(work, 'stacktape.yml'), generateConfig(COUNT));
  mkdirSync(path.join(work, 'src'));
  for (let i = 0; i < 10; i++) writeFileSync(path.join(work, 'src', `fn${i}.ts`), 'export const handler = async () => 1;\n');

  const bin = path.join(root, 'dist', 'stp.mjs');
  // BENCH_MODE=modules times the phases even when the CLI has `compile` (where does the time go?).
  const hasCompile =
    process.env.BENCH_MODE !== 'modules' &&
    existsSync(bin) &&
    spawnSync(process.execPath, [bin, 'compile', '--help'], { cwd: work, stdio: 'pipe' }).status === 0;

  if (hasCompile) {
    const samples = [];
    let last;
    for (let i = 0; i < runs + 2; i++) {
      // The first runs bundle the functions; the timed ones find them in the package cache.
      last = timed(process.execPath, [bin, 'compile', '--stage', 'dev', '--region', 'eu-west-1', '--out', path.join(work, 'template.json')], work);
      if (i >= 2) samples.push(last);
    }
    const bare = Array.from({ length: 5 }, () => timed(process.execPath, ['-e', '0'], work));
    const wall = median(samples.map((x) => x.wall));
    const cpu = median(samples.map((x) => x.cpu));
    console.log(`stp compile, ${COUNT} config resources (dist/stp.mjs, median of ${runs} fresh processes, package cache warm; exit ${last.status})`);
    if (last.status !== 0) console.log(last.stderr.split('\n').filter((l) => /error/.test(l)).slice(0, 4).map((l) => `  ${l}`).join('\n'));
    console.log(`  wall time        ${wall.toFixed(1)} ms  (target ≤ ${TARGET_MS} ms: ${(wall / TARGET_MS).toFixed(2)}x of budget)`);
    console.log(`  CPU time         ${cpu.toFixed(1)} ms  (user+sys; ${(cpu / TARGET_MS).toFixed(2)}x of budget)`);
    console.log(`  bare node -e 0   ${median(bare.map((x) => x.wall)).toFixed(1)} ms wall, ${median(bare.map((x) => x.cpu)).toFixed(1)} ms CPU`);
  } else {
    // The pipeline, bundled like the CLI would be, timed phase by phase in fresh processes.
    const cacheDir = path.join(root, 'node_modules', '.cache', 'stp');
    mkdirSync(cacheDir, { recursive: true });
    const entry = path.join(cacheDir, `bench-compile-entry-${process.pid}.ts`);
    const outfile = path.join(cacheDir, `bench-compile-${process.pid}.mjs`);
    const src = (p) => JSON.stringify(path.join(root, 'src', p));
    writeFileSync(
      entry,
      [
        // The same calls as src/cli/commands/compile-command.ts, phase by phase.
        'const t0 = performance.now();',
        `const { loadStackConfig } = await import(${src('engine/config/load-stack-config.ts')});`,
        `const { compileResolvedStack } = await import(${src('engine/compile/compile-stack.ts')});`,
        `const { validateTemplate } = await import(${src('engine/compile/validate/validate-template.ts')});`,
        `const { packageAssets } = await import(${src('engine/package/package-assets.ts')});`,
        `const { applyAssetLocations } = await import(${src('engine/package/apply-asset-locations.ts')});`,
        'const t1 = performance.now();',
        "const loaded = await loadStackConfig({ cwd: process.cwd(), stage: 'dev', region: 'eu-west-1' });",
        'const t2 = performance.now();',
        'if (!loaded.ok) { console.log(JSON.stringify({ error: loaded.diagnostics.slice(0, 3) })); process.exit(1); }',
        'const result = compileResolvedStack(loaded.resolved, loaded.positions);',
        'const t3 = performance.now();',
        'const packaged = await packageAssets(result.assets, { projectDir: loaded.resolved.configDir });',
        'const keys = Object.fromEntries(packaged.assets.filter((a) => a.key).map((a) => [a.id, a.key]));',
        "const { template } = applyAssetLocations(result.template, { bucket: '', keys });",
        'const t4 = performance.now();',
        'const diagnostics = validateTemplate(template);',
        'const t5 = performance.now();',
        'const json = JSON.stringify(template, null, 2);',
        'const t6 = performance.now();',
        'console.log(JSON.stringify({ modules: t1 - t0, load: t2 - t1, compile: t3 - t2, packageCached: t4 - t3, validate: t5 - t4, serialize: t6 - t5,',
        '  rebuilt: packaged.summary.rebuilt, cfnResources: Object.keys(template.Resources).length, compileDiagnostics: result.diagnostics.length,',
        '  templateErrors: diagnostics.filter((d) => d.severity === "error").map((d) => d.code), bytes: json.length }));',
      ].join('\n'),
    );
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error',
      banner: { js: "import { createRequire as __stpCreateRequire } from 'node:module'; const require = __stpCreateRequire(import.meta.url);" } });
    const phases = [];
    const walls = [];
    const cpus = [];
    let info;
    for (let i = 0; i < runs + 2; i++) {
      const run = timed(process.execPath, [outfile], work);
      if (run.status !== 0) {
        rmSync(entry, { force: true });
        rmSync(outfile, { force: true });
        throw new Error(`pipeline failed: ${run.stdout}${run.stderr}`);
      }
      info = JSON.parse(run.stdout);
      if (i >= 2) {
        phases.push(info);
        walls.push(run.wall);
        cpus.push(run.cpu);
      }
    }
    rmSync(entry, { force: true });
    rmSync(outfile, { force: true });
    const bare = median(Array.from({ length: 5 }, () => timed(process.execPath, ['-e', '0'], work).wall));
    const m = (key) => median(phases.map((p) => p[key]));
    const wall = median(walls);
    console.log(`compile pipeline, ${COUNT} config resources → ${info.cfnResources} CloudFormation resources, ${(info.bytes / 1024).toFixed(0)} KiB JSON`);
    console.log(
      process.env.BENCH_MODE === 'modules'
        ? '  BENCH_MODE=modules: timing the modules directly (bundled, fresh process).'
        : '  NOTE: dist/stp.mjs has no `compile` command yet; timing the modules directly (bundled, fresh process).',
    );
    console.log(`  module load      ${m('modules').toFixed(1)} ms`);
    console.log(`  config load      ${m('load').toFixed(1)} ms  (YAML, directives, schema, semantics)`);
    console.log(`  compile          ${m('compile').toFixed(1)} ms  (includes the resource-spec index load)`);
    console.log(`  package (cached) ${m('packageCached').toFixed(1)} ms  (${info.rebuilt} rebuilt in the last run; the first run bundles)`);
    console.log(`  validate         ${m('validate').toFixed(1)} ms`);
    console.log(`  serialize        ${m('serialize').toFixed(1)} ms`);
    console.log(`  process wall     ${wall.toFixed(1)} ms  (bare node ${bare.toFixed(1)} ms; target ≤ ${TARGET_MS} ms: ${(wall / TARGET_MS).toFixed(2)}x of budget)`);
    console.log(`  process CPU      ${median(cpus).toFixed(1)} ms  (user+sys; ${(median(cpus) / TARGET_MS).toFixed(2)}x of budget)`);
    console.log(`  compile diagnostics: ${info.compileDiagnostics}; template errors: ${info.templateErrors.length ? [...new Set(info.templateErrors)].join(', ') : 'none'}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
