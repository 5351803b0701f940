import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import type { CommandContext } from '../../../src/cli/commands/command.js';
import { run as runLogs } from '../../../src/cli/commands/logs-command.js';
import { run as runScript } from '../../../src/cli/commands/script-run-command.js';
import { run as runStatus } from '../../../src/cli/commands/status-command.js';
import { resolveLogSource } from '../../../src/engine/logs/log-source.js';
import { streamLogLines } from '../../../src/engine/logs/stream-log-lines.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/start-emulator.js';
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { createChangeSet, deploy, editFile, prepareStack, REGION } from '../examples/example-deployer.js';
import { fastScheduler } from './watch-local-cloud.js';

/**
 * `stp logs` and `stp script:run` as a user runs them with --local: the project's local cloud is
 * already serving (as `stp local` would), the commands find it through .stp/local and talk to it
 * through the real SDK clients.
 */
const CONFIG = `serviceName: watchcli
resources:
  hello:
    type: function
    properties:
      packaging:
        type: stacktape-lambda-buildpack
        properties:
          entryfilePath: ./hello.ts
  migrate:
    type: deployment-script
    properties:
      trigger: after:deploy
      packaging:
        type: stacktape-lambda-buildpack
        properties:
          entryfilePath: ./migrate.ts
      timeout: 900
      parameters:
        table: users
`;
const MIGRATE = `export const handler = async (event: { table: string; sleepMs?: number }) => {
  console.log('migrating ' + event.table);
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  console.log('done:\\n  1 table');
};
`;
const HELLO = `export const handler = async (event: { name?: string }) => {
  console.log('hello ' + (event.name ?? 'world'));
  return { ok: true };
};
`;

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), color: false, stdoutIsTTY: false, stdinIsTTY: false }, out, err };
}

describe('stp logs and stp script:run against the local cloud', () => {
  let dir: string;
  let cloud: RunningEmulator;
  let clients: AwsClients;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'stp-watch-cli-'));
    writeFileSync(path.join(dir, 'stacktape.yml'), CONFIG);
    writeFileSync(path.join(dir, 'migrate.ts'), MIGRATE);
    writeFileSync(path.join(dir, 'hello.ts'), HELLO);
    cloud = await startEmulator({ port: 0, stateDir: path.join(dir, '.stp', 'local'), timeScale: 100, env: {}, log: () => undefined });
    clients = createAwsClients({ region: REGION, endpoint: cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, env: {} });
    const outcome = await deploy(clients, dir, { type: 'CREATE', deploymentId: 'd1', changeSetName: 'c1' });
    expect(outcome.stack.StackStatus).toBe('CREATE_COMPLETE');
    await clients.lambda.send(new InvokeCommand({ FunctionName: 'watchcli-dev-hello', Payload: new TextEncoder().encode('{"name":"logs"}') }));
  }, 120_000);
  afterAll(async () => {
    clients?.destroy();
    await cloud?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const ctx = (positionals: string[], flags: Record<string, string | boolean> = {}, json = false) => {
    const captured = captureIo();
    const context: CommandContext = {
      options: { stage: 'dev', region: REGION, ci: true, json, local: true, debug: false },
      flags,
      positionals,
      io: captured.io,
      cwd: dir,
      env: {},
    };
    return { context, ...captured };
  };

  it("stp logs prints a function's lines without Lambda's platform lines", async () => {
    const { context, out } = ctx(['hello'], { since: '1h' });
    expect(await runLogs(context)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    expect(lines).toEqual([expect.stringMatching(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z {2}hello logs$/)]);
  });

  it('stp logs with two resources interleaves their lines by time with a source column', async () => {
    const { context, out } = ctx(['hello', 'migrate'], { since: '1h' });
    expect(await runLogs(context)).toBe(0);
    const lines = out.join('').trimEnd().split('\n');
    const time = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z) {2}/;
    expect(lines.map((line) => line.replace(time, ''))).toEqual(['migrate  migrating users', 'migrate  done:', 'migrate    1 table', 'hello    hello logs']);
    const times = lines.map((line) => time.exec(line)![1]!);
    expect([...times].sort()).toEqual(times);
  });

  it('stp logs with a resource/container that is not a service names the problem', async () => {
    const { context, err } = ctx(['hello/proxy']);
    expect(await runLogs(context)).toBe(2);
    expect(err.join('')).toBe('error "hello" is a function, it has no containers\nfix   name it alone: stp logs hello\n');
  });

  it("stp logs --json prints log.line events; a deployment script's multi-line output becomes lines", async () => {
    const { context, out } = ctx(['migrate'], { since: '1h' }, true);
    expect(await runLogs(context)).toBe(0);
    const events = out.join('').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(events.map((e) => [e.type, e.source, e.line, e.v])).toEqual([
      ['log.line', 'migrate', 'migrating users', 1],
      ['log.line', 'migrate', 'done:', 1],
      ['log.line', 'migrate', '  1 table', 1],
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it('stp logs says so when there are no lines', async () => {
    const { context, out, err } = ctx(['hello'], { since: '2020-01-01T00:00:00Z', filter: 'NO_SUCH_WORD' });
    expect(await runLogs(context)).toBe(0);
    expect(out).toEqual([]);
    expect(err.join('')).toBe('no lines from hello (/aws/lambda/watchcli-dev-hello) since 2020-01-01T00:00:00.000Z\n');
  });

  it('stp logs names an unknown resource and suggests the closest', async () => {
    const { context, err } = ctx(['helo']);
    expect(await runLogs(context)).toBe(2);
    expect(err.join('')).toBe('error no resource "helo" with logs in this stack\nfix   did you mean "hello"?\n');
  });

  it('stp script:run reruns the script with the last deploy\'s parameters and prints its output', async () => {
    const { context, out, err } = ctx(['migrate']);
    expect(await runScript(context)).toBe(0);
    expect(out.join('')).toBe('migrating users\ndone:\n  1 table\n');
    expect(err.join('')).toMatch(/^▶ running script migrate \(function watchcli-dev-migrate\)\n✓ script migrate succeeded in \d+\.\d s\n$/);
  }, 30_000);

  it('stp script:run refuses a name that is not a deployment script', async () => {
    const { context, err } = ctx(['hello']);
    expect(await runScript(context)).toBe(2);
    expect(err.join('')).toBe('error no deployment script "hello" in watchcli-dev\nhint  scripts: migrate\n');
  });

  it('following a log group streams new lines as they arrive, until aborted', async () => {
    const stack = { functions: [{ resourceName: 'hello', kind: 'function' as const, functionName: 'watchcli-dev-hello', logGroupName: '/aws/lambda/watchcli-dev-hello' }], services: [], batchJobs: [] };
    const controller = new AbortController();
    const lines: string[] = [];
    const following = streamLogLines({
      logs: clients.logs,
      sources: [resolveLogSource(stack, 'hello')],
      startTime: Date.now(),
      follow: true,
      scheduler: fastScheduler(),
      signal: controller.signal,
      emit: (event) => {
        lines.push(event.line);
        if (lines.length === 2) controller.abort();
      },
    });
    await clients.lambda.send(new InvokeCommand({ FunctionName: 'watchcli-dev-hello', Payload: new TextEncoder().encode('{"name":"first"}') }));
    await clients.lambda.send(new InvokeCommand({ FunctionName: 'watchcli-dev-hello', Payload: new TextEncoder().encode('{"name":"second"}') }));
    await following;
    expect(lines).toEqual(['hello first', 'hello second']);
  }, 30_000);

  it('stp status --watch attaches to an update started elsewhere and streams it to its end', async () => {
    editFile(path.join(dir, 'stacktape.yml'), (text) => text.replace('        table: users\n', '        table: users\n        sleepMs: 1500\n'));
    const prepared = await prepareStack(clients, dir, 'd2');
    const changeSet = await createChangeSet(clients, prepared, 'UPDATE', 'c2');
    await clients.cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.changeSetId, ClientRequestToken: 'elsewhere-1' }));
    const { context, out, err } = ctx([], { watch: true });
    const code = await runStatus(context);
    if (code !== 0) throw new Error(`exit ${code}\n${out.join('')}\n${err.join('')}`);
    const text = out.join('');
    expect(text).toContain('stp attach watchcli-dev');
    expect(text).toContain('migrating users');
    expect(text).toMatch(/UPDATE_COMPLETE/);
    // Settled now: nothing to attach to.
    const again = ctx([], { watch: true });
    expect(await runStatus(again.context)).toBe(0);
    expect(again.out.join('')).toContain('watchcli-dev is not in the middle of an operation (UPDATE_COMPLETE)');
  }, 60_000);
});

