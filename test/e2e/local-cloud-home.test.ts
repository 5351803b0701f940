/**
 * One home for the local cloud, through the built binary: the README's recipe (`stp local` in the
 * repository root, then `stp compile --upload --local --config config/examples/upload-pipeline`)
 * uploads into the running `stp local`; a `--local` command never adopts another command's
 * in-process cloud; and `stp local` saves its state and releases its lock however it is stopped.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { connectLocalCloud } from '../../src/cli/local-cloud/local-cloud-home.js';
import { repoRoot, runStp, stpBin } from '../support/run-stp.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-home-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const BUCKET = 'stp-assets-000000000000-us-east-1';

/** A folder laid out like this repository: .git, config/examples/upload-pipeline, dependencies installed. */
function repoLikeFolder(): string {
  const root = mkdtempSync(path.join(scratch, 'repo-'));
  mkdirSync(path.join(root, '.git'));
  mkdirSync(path.join(root, 'config', 'examples'), { recursive: true });
  cpSync(path.join(repoRoot, 'config', 'examples', 'upload-pipeline'), path.join(root, 'config', 'examples', 'upload-pipeline'), {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.stp`),
  });
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

interface Served {
  child: ChildProcessWithoutNullStreams;
  endpoint: string;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `stp local --port 0` and waits for its endpoint. */
async function serve(cwd: string, args: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [stpBin, 'local', '--port', '0', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
  children.push(child);
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const endpoint = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve(match[1]!);
      else if (child.exitCode !== null) reject(new Error(`stp local exited early:\n${output}`));
      else setTimeout(check, 25);
    };
    check();
  });
  return { child, endpoint, output: () => output, exited };
}

function s3(endpoint: string): S3Client {
  return new S3Client({ region: 'us-east-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('one home for the local cloud', () => {
  it('the README recipe: what `compile --upload --local` uploads is in the running `stp local`', async () => {
    const root = repoLikeFolder();
    const server = await serve(root);
    expect(server.output()).toContain('state in .stp/local)');

    const compiled = await runStp(['compile', '--upload', '--local', '--config', 'config/examples/upload-pipeline'], { cwd: root });
    expect(compiled.code).toBe(0);
    expect(compiled.stderr).toContain(`local using the local cloud (${server.endpoint}, \`stp local\` pid ${server.child.pid}, state in .stp/local)\n`);
    expect(compiled.stderr).toContain(`4 uploaded to ${BUCKET}`);
    // No second, throwaway cloud beside the config.
    expect(existsSync(path.join(root, 'config', 'examples', 'upload-pipeline', '.stp', 'local'))).toBe(false);

    const template = JSON.parse(compiled.stdout) as { Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }> };
    const keys = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => r.Properties.Code?.S3Key)
      .filter((key): key is string => typeof key === 'string')
      .sort();
    expect(keys).toHaveLength(4);
    const client = s3(server.endpoint);
    try {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: BUCKET }));
      expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([...new Set(keys)].sort());
      for (const key of keys) expect((await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }))).ContentLength).toBeGreaterThan(100);
    } finally {
      client.destroy();
    }

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(root, '.stp', 'local', 'lock'))).toBe(false);
    expect(readFileSync(path.join(root, '.stp', 'local', 'state.json'), 'utf8')).toContain(keys[0]!);
  });

  it('a --local command never adopts another command\'s in-process cloud: it names the holder', async () => {
    const root = repoLikeFolder();
    const project = path.join(root, 'config', 'examples', 'upload-pipeline');
    // This test process plays a `stp compile --local` that is still running.
    const held = await connectLocalCloud({ cwd: project, env: {}, command: 'compile', region: 'us-east-1', log: () => {} });
    try {
      const lockFile = path.join(project, '.stp', 'local', 'lock');
      const lock = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number; startedAt: string; command: string; endpoint?: string };
      expect(lock).toMatchObject({ pid: process.pid, command: 'stp compile' });
      expect(lock.endpoint).toBeUndefined(); // in-process clouds are not advertised

      const second = await runStp(['compile', '--upload', '--local'], { cwd: project });
      expect(second.code).toBe(1);
      expect(second.stderr).toBe(
        `error the local cloud state in ${path.join(project, '.stp', 'local')} is in use by \`stp compile\` (pid ${process.pid}, started ${lock.startedAt})\n` +
          `fix   Wait for it to finish, or run \`stp local\` for this project so that commands share one local cloud; if pid ${process.pid} is not stp, remove ${lockFile}.\n`,
      );
    } finally {
      await held.dispose();
    }
    expect(existsSync(path.join(project, '.stp', 'local', 'lock'))).toBe(false);
  });

  it('a --local command interrupted while its in-process cloud runs saves the state, releases the lock and exits 130', async () => {
    const root = repoLikeFolder();
    const project = path.join(root, 'config', 'examples', 'upload-pipeline');
    // Every request to the local cloud takes 4 s of wall time: the upload is still under way when the signal comes.
    const child = spawn(process.execPath, [stpBin, 'compile', '--upload', '--local'], {
      cwd: project,
      env: { ...process.env, NO_COLOR: '1', STP_LOCAL_FAULTS: '{"rules":[{"type":"latency","ms":4000}]}' },
      stdio: 'pipe',
    });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const lock = path.join(project, '.stp', 'local', 'lock');
    // From the moment the lock exists, an interrupt must end in a clean stop (even mid-start).
    for (let i = 0; i < 400 && !existsSync(lock) && child.exitCode === null; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(existsSync(lock)).toBe(true);
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('local interrupted (SIGINT): saving the local cloud state in .stp/local and stopping\n');
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(path.join(project, '.stp', 'local', 'state.json'))).toBe(true);
  });

  /** Creates a bucket through the SDK, so there is state to save. */
  async function createBucket(endpoint: string, name: string): Promise<void> {
    const client = s3(endpoint);
    try {
      await client.send(new CreateBucketCommand({ Bucket: name }));
    } finally {
      client.destroy();
    }
  }

  it.each(['SIGTERM', 'SIGINT'] as const)('stp local stopped by %s saves its state and releases the lock', async (signal) => {
    const dir = mkdtempSync(path.join(scratch, `signal-`));
    const server = await serve(dir);
    await createBucket(server.endpoint, `kept-after-${signal.toLowerCase()}`);
    server.child.kill(signal);
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain(`stopping the local cloud and saving its state (${signal})`);
    expect(existsSync(path.join(dir, '.stp', 'local', 'lock'))).toBe(false);
    expect(readFileSync(path.join(dir, '.stp', 'local', 'state.json'), 'utf8')).toContain(`kept-after-${signal.toLowerCase()}`);
  });

  it('stp local whose stdout is closed before its banner stops by itself, saving its state and releasing the lock', async () => {
    const dir = mkdtempSync(path.join(scratch, 'stdout-'));
    const child = spawn(process.execPath, [stpBin, 'local', '--port', '0'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' }, stdio: 'pipe' });
    children.push(child);
    child.stdout.destroy(); // as `stp local | true`: the reader is gone before the first line
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(0);
    expect(stderr).toBe('stopping the local cloud and saving its state (stdout closed)…\n');
    expect(existsSync(path.join(dir, '.stp', 'local', 'lock'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, '.stp', 'local', 'state.json'), 'utf8'))).toMatchObject({ format: 'stp-local-state', version: 1 });
  });

  it('stp local whose output pipe closes (EPIPE) saves its state and releases the lock', async () => {
    const dir = mkdtempSync(path.join(scratch, 'pipe-'));
    const server = await serve(dir, ['--verbose']);
    await createBucket(server.endpoint, 'kept-after-epipe');
    // The reader of its log goes away (as when `stp local --verbose 2>&1 | head` has its lines):
    // the next request line hits a closed pipe.
    server.child.stderr.destroy();
    await createBucket(server.endpoint, 'one-more').catch(() => undefined);
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(dir, '.stp', 'local', 'lock'))).toBe(false);
    expect(readFileSync(path.join(dir, '.stp', 'local', 'state.json'), 'utf8')).toContain('kept-after-epipe');
  });
});
