/**
 * `--ci` and `--json` runs never load Ink or React: they are imported only by the console's
 * dynamic import. Checked on the built binary with a Node module hook that logs every module
 * the process loads, against the chunks of dist/ that hold Ink's code. A run that loads the
 * console (the mount chunk imported directly) proves the check can fail.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample } from '../integration/examples/example-deployer.js';
import { repoRoot, runStp } from '../support/run-stp.js';

const chunksDir = path.join(repoRoot, 'dist', 'chunks');
const example = copyExample('hello-script');
const hookDir = mkdtempSync(path.join(tmpdir(), 'stp-module-log-'));
const logFile = path.join(hookDir, 'loaded.log');

// The hook runs in Node's loader thread: it appends every resolved URL to the log file.
writeFileSync(
  path.join(hookDir, 'hooks.mjs'),
  `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(${JSON.stringify(logFile)}, result.url + '\\n');
  return result;
}
`,
);
writeFileSync(path.join(hookDir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(hookDir, 'hooks.mjs')).href)});\n`);

/** dist chunks holding Ink's own code (its raw-mode error is in Ink's stdin handling). */
function inkChunks(): string[] {
  return readdirSync(chunksDir)
    .filter((f) => f.endsWith('.mjs'))
    .filter((f) => readFileSync(path.join(chunksDir, f), 'utf8').includes('Raw mode is not supported on the current process.stdin'));
}

function loadedChunks(): string[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/chunks/'))
    .map((url) => path.basename(new URL(url).pathname));
}

async function run(args: string[]): Promise<{ code: number | null; chunks: string[]; output: string }> {
  writeFileSync(logFile, '');
  const result = await runStp(args, { cwd: example.dir, env: { STP_LOCAL_TIME_SCALE: '60', NODE_OPTIONS: `--import=${pathToFileURL(path.join(hookDir, 'register.mjs')).href}` } });
  return { code: result.code, chunks: loadedChunks(), output: result.stdout + result.stderr };
}

beforeAll(() => {
  expect(inkChunks().length).toBeGreaterThan(0);
});
afterAll(() => {
  example.remove();
  rmSync(hookDir, { recursive: true, force: true });
});

describe('headless runs never load Ink', () => {
  it('stp deploy --ci against the local cloud', async () => {
    const { code, chunks, output } = await run(['deploy', '--local', '--ci']);
    expect(code, output).toBe(0);
    expect(output).toContain('✓ deployed hello-script-dev');
    // The hook saw the command's chunks (so it works), and none of Ink's.
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.filter((c) => inkChunks().includes(c))).toEqual([]);
  }, 120_000);

  it('stp deploy --json, and a config error with --ci', async () => {
    const json = await run(['deploy', '--local', '--json']);
    expect(json.code, json.output).toBe(0);
    expect(json.output).toContain('"outcome":"no-changes"');
    expect(json.chunks.filter((c) => inkChunks().includes(c))).toEqual([]);

    const broken = await run(['deploy', '--local', '--ci', '--config', 'missing.yml']);
    expect(broken.code).toBe(2);
    expect(broken.chunks.filter((c) => inkChunks().includes(c))).toEqual([]);
  }, 120_000);

  it('the check sees Ink when the console is loaded', async () => {
    // The console's mount is the chunk that brings Ink; importing it loads Ink.
    const mount = readdirSync(chunksDir).find((f) => f.startsWith('mount-console-') && f.endsWith('.mjs'));
    expect(mount).toBeDefined();
    writeFileSync(logFile, '');
    const probe = path.join(hookDir, 'probe.mjs');
    writeFileSync(probe, `await import(${JSON.stringify(pathToFileURL(path.join(chunksDir, mount!)).href)});\n`);
    const { spawnSync } = await import('node:child_process');
    const ran = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(hookDir, 'register.mjs')).href, probe], { encoding: 'utf8' });
    expect(ran.status, ran.stderr).toBe(0);
    expect(loadedChunks().filter((c) => inkChunks().includes(c)).length).toBeGreaterThan(0);
  }, 60_000);
});
