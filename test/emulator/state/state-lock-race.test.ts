/**
 * Separate processes racing to take over the same stale lock on a local cloud state directory:
 * exactly one wins, every time. Each child runs the real acquireStateLock (bundled from source).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/run-stp.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-lock-race-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const lockModule = path.join(scratch, 'state-lock.mjs');
const child = path.join(scratch, 'contender.mjs');

beforeAll(async () => {
  await build({
    entryPoints: [path.join(repoRoot, 'src', 'emulator', 'state', 'state-lock.ts')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile: lockModule,
    logLevel: 'silent',
  });
  // argv: stateDir, goFile, pauseFile?, pausedFile?. Waits for goFile, races for the lock, prints
  // the outcome as one JSON line; a winner holds the lock until its stdin closes.
  writeFileSync(
    child,
    `import { existsSync, writeFileSync } from 'node:fs';
import { acquireStateLock } from ${JSON.stringify(lockModule)};
const [stateDir, go, pause, paused] = process.argv.slice(2);
const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
while (!existsSync(go)) sleep(2);
const onStaleHolder = pause ? () => { writeFileSync(paused, ''); while (!existsSync(pause)) sleep(2); } : undefined;
try {
  const lock = acquireStateLock(stateDir, { command: 'contender', onStaleHolder });
  process.stdout.write(JSON.stringify({ won: true, pid: process.pid }) + '\\n');
  process.stdin.resume();
  process.stdin.on('end', () => { lock.release(); process.exit(0); });
} catch (error) {
  process.stdout.write(JSON.stringify({ won: false, code: error.code, message: error.message }) + '\\n');
  process.exit(0);
}
`,
  );
});

/** A lock file left by a process that has exited. */
function staleLock(stateDir: string): void {
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  writeFileSync(path.join(stateDir, 'lock'), JSON.stringify({ pid: Number(dead.stdout), startedAt: '2026-01-01T00:00:00.000Z', command: 'stp local' }));
}

interface Outcome {
  won: boolean;
  code?: string;
  message?: string;
}

function contender(args: string[]) {
  const proc = spawn(process.execPath, [child, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const outcome = new Promise<Outcome>((resolve, reject) => {
    let out = '';
    proc.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!) as Outcome);
    });
    proc.on('exit', (code) => (out.includes('\n') ? undefined : reject(new Error(`contender exited ${code} without an outcome`))));
  });
  const exited = new Promise<void>((resolve) => proc.on('close', () => resolve()));
  return { proc, outcome, exited, finish: () => proc.stdin.end() };
}

async function waitForFile(file: string): Promise<void> {
  for (let i = 0; i < 2_000 && !existsSync(file); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(existsSync(file)).toBe(true);
}

describe('taking over a stale state lock', () => {
  it('one contender stalled after judging the lock stale, another taking it meanwhile: only the second holds it', async () => {
    const stateDir = mkdtempSync(path.join(scratch, 'interleaved-'));
    staleLock(stateDir);
    const go = path.join(stateDir, 'go');
    const pause = path.join(scratch, `pause-${path.basename(stateDir)}`);
    const paused = path.join(scratch, `paused-${path.basename(stateDir)}`);
    const slow = contender([stateDir, go, pause, paused]);
    writeFileSync(go, '');
    await waitForFile(paused); // the slow one has seen the dead holder and stops right there
    const fast = contender([stateDir, go]);
    expect(await fast.outcome).toEqual({ won: true, pid: fast.proc.pid });
    writeFileSync(pause, ''); // now the slow one acts on what it saw before
    const late = await slow.outcome;
    expect(late.won).toBe(false);
    expect(late.code).toBe('STP_LOCAL_STATE_IN_USE');
    expect(late.message).toContain(`in use by \`contender\` (pid ${fast.proc.pid}`);
    fast.finish();
    await Promise.all([fast.exited, slow.exited]);
    expect(existsSync(path.join(stateDir, 'lock'))).toBe(false);
    expect(readdirSync(stateDir).filter((name) => name !== 'go')).toEqual([]); // no marker or temporary file left
  });

  it('three contenders released at once on a stale lock, five times over: exactly one wins each round', async () => {
    for (let round = 0; round < 5; round++) {
      const stateDir = mkdtempSync(path.join(scratch, `round-${round}-`));
      staleLock(stateDir);
      const go = path.join(stateDir, 'go');
      const contenders = [0, 1, 2].map(() => contender([stateDir, go]));
      await new Promise((resolve) => setTimeout(resolve, 150)); // all three are polling for go
      writeFileSync(go, '');
      const outcomes = await Promise.all(contenders.map((c) => c.outcome));
      expect(outcomes.filter((o) => o.won)).toHaveLength(1);
      expect(outcomes.filter((o) => !o.won).map((o) => o.code)).toEqual(['STP_LOCAL_STATE_IN_USE', 'STP_LOCAL_STATE_IN_USE']);
      for (const c of contenders) c.finish();
      await Promise.all(contenders.map((c) => c.exited));
      expect(existsSync(path.join(stateDir, 'lock'))).toBe(false);
    }
  });
});
