import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wallTimeout } from '../../../../src/emulator/services/lambda/function-invoker.js';
import { createBody, createHarness, zipOf, type Harness } from './lambda-test-harness.js';

let harness: Harness;
afterEach(() => harness?.close());

async function create(name: string, files: Record<string, string>, extra: Record<string, unknown> = {}): Promise<void> {
  const response = await harness.http('POST', '/2015-03-31/functions', { body: createBody(name, zipOf(files), extra) });
  expect(response.status, response.text()).toBe(201);
}

async function invoke(name: string, payload: unknown = {}, headers: Record<string, string> = {}) {
  const response = await harness.http('POST', `/2015-03-31/functions/${name}/invocations`, { body: JSON.stringify(payload), headers });
  return { ...response, tail: () => Buffer.from(response.headers?.['X-Amz-Log-Result'] ?? '', 'base64').toString('utf8') };
}

const ISO = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('invoking Node functions', () => {
  it('runs a CommonJS async handler and writes AWS log lines to /aws/lambda/<name>', async () => {
    harness = createHarness();
    await create('cjs', {
      'index.js': `
        console.log('init line');
        exports.handler = async (event) => {
          console.log('got', event.n);
          console.info({ a: 1 });
          console.warn('careful');
          console.error('bad\\nsecond line');
          process.stdout.write('raw write\\n');
          return { doubled: event.n * 2 };
        };`,
    });
    const result = await invoke('cjs', { n: 21 }, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.status).toBe(200);
    expect(result.headers?.['X-Amz-Executed-Version']).toBe('$LATEST');
    expect(result.headers?.['X-Amz-Function-Error']).toBeUndefined();
    expect(result.json()).toEqual({ doubled: 42 });

    const lines = harness.logLines('/aws/lambda/cjs');
    const requestId = /^START RequestId: (\S+) Version: \$LATEST$/.exec(lines.find((l) => l.startsWith('START')) ?? '')?.[1];
    expect(requestId).toMatch(new RegExp(`^${UUID}$`));
    expect(lines[0]).toMatch(new RegExp(`^${ISO}\\tundefined\\tINFO\\tinit line$`));
    expect(lines.slice(1, 8)).toEqual([
      `START RequestId: ${requestId} Version: $LATEST`,
      expect.stringMatching(new RegExp(`^${ISO}\\t${requestId}\\tINFO\\tgot 21$`)),
      expect.stringMatching(new RegExp(`^${ISO}\\t${requestId}\\tINFO\\t\\{ a: 1 \\}$`)),
      expect.stringMatching(new RegExp(`^${ISO}\\t${requestId}\\tWARN\\tcareful$`)),
      // A multi-line message stays one log event.
      expect.stringMatching(new RegExp(`^${ISO}\\t${requestId}\\tERROR\\tbad\\nsecond line$`)),
      'raw write',
      `END RequestId: ${requestId}`,
    ]);
    expect(lines[8]).toMatch(
      new RegExp(`^REPORT RequestId: ${requestId}\\tDuration: \\d+\\.\\d\\d ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: \\d+\\.\\d\\d ms\\t$`),
    );
    const streams = [...(harness.logs.groups.get('/aws/lambda/cjs')?.streams.keys() ?? [])];
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    // The tail is the same text, START to REPORT.
    expect(result.tail()).toBe(`${lines.join('\n')}\n`);
  });

  it('runs ESM handlers (.mjs and .js under "type": "module") and nested handler paths', async () => {
    harness = createHarness();
    await create('mjs', { 'app.mjs': 'export const handler = async (event) => ({ esm: true, got: event.v });' }, { Handler: 'app.handler' });
    expect((await invoke('mjs', { v: 1 })).json()).toEqual({ esm: true, got: 1 });
    await create(
      'typemodule',
      {
        'package.json': '{"type":"module"}',
        'src/handlers/api.js': 'import { hostname } from "node:os"; export const main = async () => typeof hostname();',
      },
      { Handler: 'src/handlers/api.main' },
    );
    expect((await invoke('typemodule')).json()).toBe('string');
    await create('cjsfile', { 'h.cjs': 'module.exports.deep = { fn: async () => "nested" };' }, { Handler: 'h.deep.fn' });
    expect((await invoke('cjsfile')).json()).toBe('nested');
  });

  it('supports callback-style handlers and synchronous ones', async () => {
    harness = createHarness();
    await create('cb', { 'index.js': 'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { viaCallback: event.x }), 10); };' });
    expect((await invoke('cb', { x: 'y' })).json()).toEqual({ viaCallback: 'y' });
    await create('cberr', { 'index.js': 'exports.handler = (event, context, callback) => callback(new RangeError("nope"));' });
    const failed = await invoke('cberr');
    expect(failed.headers?.['X-Amz-Function-Error']).toBe('Unhandled');
    expect(failed.json()).toMatchObject({ errorType: 'RangeError', errorMessage: 'nope' });
  });

  it('turns a thrown error into FunctionError Unhandled with AWS payload and an Invoke Error log line', async () => {
    harness = createHarness();
    await create('thrower', { 'index.js': 'exports.handler = async () => { throw new TypeError("boom"); };' });
    const result = await invoke('thrower', {}, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.status).toBe(200);
    expect(result.headers?.['X-Amz-Function-Error']).toBe('Unhandled');
    const payload = result.json();
    expect(Object.keys(payload)).toEqual(['errorType', 'errorMessage', 'trace']);
    expect(payload.errorType).toBe('TypeError');
    expect(payload.errorMessage).toBe('boom');
    expect(payload.trace[0]).toBe('TypeError: boom');
    expect(result.tail()).toMatch(new RegExp(`\\tERROR\\tInvoke Error \\t\\{"errorType":"TypeError","errorMessage":"boom","stack":\\["TypeError: boom"`));
    // The environment survives a handled error and is reused.
    const again = await invoke('thrower', {}, { 'X-Amz-Log-Type': 'Tail' });
    expect(again.tail()).not.toContain('Init Duration');
    const thrownString = await (async () => {
      await create('strthrow', { 'index.js': 'exports.handler = async () => { throw "plain"; };' });
      return invoke('strthrow');
    })();
    expect(thrownString.json()).toEqual({ errorType: 'string', errorMessage: 'plain', trace: [] });
  });

  it('times out a handler that never finishes with Sandbox.Timedout and starts a fresh environment next time', async () => {
    harness = createHarness();
    await create('sleeper', { 'index.js': 'let calls = 0; exports.handler = async (e) => { calls++; if (e.hang) return new Promise(() => {}); return calls; };' }, { Timeout: 1 });
    expect((await invoke('sleeper', { hang: false })).json()).toBe(1);
    const result = await invoke('sleeper', { hang: true }, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.status).toBe(200);
    expect(result.headers?.['X-Amz-Function-Error']).toBe('Unhandled');
    const payload = result.json();
    const requestId = /START RequestId: (\S+)/.exec(result.tail())?.[1];
    expect(payload).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after 1.00 seconds` });
    expect(result.tail()).toMatch(new RegExp(`\\n${ISO} ${requestId} Task timed out after 1.00 seconds\\nEND RequestId: ${requestId}\\nREPORT RequestId: ${requestId}\\tDuration: 1000.00 ms\\tBilled Duration: 1000 ms\\t.*Status: timeout\\n$`));
    // The timed-out process was killed: module state starts over.
    expect((await invoke('sleeper', { hang: false })).json()).toBe(1);
  });

  it('maps the emulated timeout onto wall time with the clock', async () => {
    harness = createHarness({ timeScale: 100 });
    await create('remaining', { 'index.js': 'exports.handler = async (e, context) => context.getRemainingTimeInMillis();' }, { Timeout: 300 });
    const remaining = (await invoke('remaining')).json() as number;
    // 300 s emulated = 3 s wall at scale 100; the handler sees emulated milliseconds.
    expect(remaining).toBeGreaterThan(150_000);
    expect(remaining).toBeLessThanOrEqual(300_000);
  });

  it('reports a process exit as Runtime.ExitError and an uncaught exception as the error itself', async () => {
    harness = createHarness();
    await create('exiter', { 'index.js': 'exports.handler = async () => { console.log("bye"); process.exit(3); };' });
    const exited = await invoke('exiter', {}, { 'X-Amz-Log-Type': 'Tail' });
    const requestId = /START RequestId: (\S+)/.exec(exited.tail())?.[1];
    expect(exited.headers?.['X-Amz-Function-Error']).toBe('Unhandled');
    expect(exited.json()).toEqual({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: exit status 3` });
    expect(exited.tail()).toContain('\tINFO\tbye\n');
    expect(exited.tail()).toContain('Status: error');
    expect(harness.lines).toEqual([`lambda: function exiter crashed during invocation ${requestId} (exit status 3); its execution environment was discarded`]);

    await create('uncaught', { 'index.js': 'exports.handler = () => new Promise(() => setTimeout(() => { throw new Error("async boom"); }, 5));' });
    const uncaught = await invoke('uncaught', {}, { 'X-Amz-Log-Type': 'Tail' });
    expect(uncaught.json()).toMatchObject({ errorType: 'Error', errorMessage: 'async boom' });
    expect(uncaught.tail()).toContain('\tERROR\tUncaught Exception \t{"errorType":"Error","errorMessage":"async boom"');

    await create('rejection', { 'index.js': 'exports.handler = async () => { Promise.reject(new Error("lost")); return new Promise(() => {}); };' });
    expect((await invoke('rejection')).json()).toMatchObject({ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'Error: lost' });
  });

  it('reports init failures like AWS', async () => {
    harness = createHarness();
    await create('nohandler', { 'index.js': 'exports.other = async () => 1;' });
    const missingExport = await invoke('nohandler');
    expect(missingExport.headers?.['X-Amz-Function-Error']).toBe('Unhandled');
    expect(missingExport.json()).toMatchObject({ errorType: 'Runtime.HandlerNotFound', errorMessage: 'index.handler is undefined or not exported' });
    await create('nomodule', { 'other.js': '' });
    expect((await invoke('nomodule')).json()).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'index'" });
    await create('syntax', { 'index.js': 'exports.handler = async () => {' });
    expect((await invoke('syntax')).json()).toMatchObject({ errorType: 'Runtime.UserCodeSyntaxError' });
    await create('initthrow', { 'index.js': 'throw new Error("init failed");' });
    expect((await invoke('initthrow')).json()).toMatchObject({ errorType: 'Error', errorMessage: 'init failed' });
  });

  it('gives the function its variables, AWS variables and the emulator endpoint, and nothing of the emulator environment', async () => {
    harness = createHarness();
    process.env.STP_TEST_PARENT_ONLY = 'must-not-leak';
    try {
      await create('envfn', { 'index.js': 'exports.handler = async () => process.env;' }, { Environment: { Variables: { STAGE: 'dev' } }, MemorySize: 512 });
      const env = (await invoke('envfn')).json() as Record<string, string>;
      expect(env).toMatchObject({
        STAGE: 'dev',
        AWS_LAMBDA_FUNCTION_NAME: 'envfn',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/envfn',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:1',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
        _HANDLER: 'index.handler',
      });
      expect(env.AWS_LAMBDA_LOG_STREAM_NAME).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
      expect(env.AWS_ACCESS_KEY_ID).toBeTruthy();
      expect(env.STP_TEST_PARENT_ONLY).toBeUndefined();
      await create('heap', { 'index.js': 'exports.handler = async () => process.execArgv;' }, { MemorySize: 1024 });
      // The V8 heap is capped at 90 % of the memory size, as on AWS.
      expect((await invoke('heap')).json()).toEqual(['--max-old-space-size=921']);
    } finally {
      delete process.env.STP_TEST_PARENT_ONLY;
    }
  });

  it('gives the handler a context like AWS', async () => {
    harness = createHarness();
    await create('ctx', {
      'index.js': `exports.handler = async (e, c) => ({ id: c.awsRequestId, name: c.functionName, version: c.functionVersion, arn: c.invokedFunctionArn,
        memory: c.memoryLimitInMB, group: c.logGroupName, stream: c.logStreamName, remaining: c.getRemainingTimeInMillis(), client: c.clientContext });`,
    });
    const result = await invoke('ctx', {}, { 'X-Amz-Log-Type': 'Tail', 'X-Amz-Client-Context': Buffer.from('{"custom":{"k":"v"}}').toString('base64') });
    const context = result.json();
    expect(result.tail()).toContain(`START RequestId: ${context.id} Version: $LATEST`);
    expect(context).toMatchObject({
      name: 'ctx',
      version: '$LATEST',
      arn: 'arn:aws:lambda:us-east-1:000000000000:function:ctx',
      memory: '128',
      group: '/aws/lambda/ctx',
      client: { custom: { k: 'v' } },
    });
    expect([...(harness.logs.groups.get('/aws/lambda/ctx')?.streams.keys() ?? [])]).toEqual([context.stream]);
    expect(context.remaining).toBeGreaterThan(0);
    expect(context.remaining).toBeLessThanOrEqual(3000);
  });

  it('keeps an environment warm between invocations and starts another one for concurrent invocations', async () => {
    harness = createHarness();
    // With a gate, a call announces itself (a file named by its environment's pid) and then holds its
    // environment until the test opens the gate: overlap by construction, not by a race against a sleep.
    const handler = `
      const fs = require('node:fs');
      let n = 0;
      exports.handler = async (e) => {
        n++;
        if (e.gate) {
          fs.writeFileSync(e.gate + '.started-' + process.pid, '');
          while (!fs.existsSync(e.gate)) await new Promise((r) => setTimeout(r, 5));
        }
        return n;
      };`;
    await create('warm', { 'index.js': handler }, { Timeout: 60 });
    expect((await invoke('warm')).json()).toBe(1);
    expect((await invoke('warm')).json()).toBe(2);
    const reports = harness.logLines('/aws/lambda/warm').filter((line) => line.startsWith('REPORT'));
    expect(reports[0]).toContain('Init Duration');
    expect(reports[1]).not.toContain('Init Duration');
    const gateDir = mkdtempSync(path.join(tmpdir(), 'stp-gate-'));
    const gate = path.join(gateDir, 'open');
    const both = Promise.all([invoke('warm', { gate }), invoke('warm', { gate })]);
    // Both calls are running at once: the busy warm environment could not take the second.
    await expect.poll(() => readdirSync(gateDir).filter((f) => f.startsWith('open.started-')).length, { timeout: 20_000, interval: 10 }).toBe(2);
    writeFileSync(gate, '');
    const [a, b] = await both;
    rmSync(gateDir, { recursive: true, force: true });
    // One ran in the warm environment (3rd call), the other in a new one (1st call there).
    expect([a.json(), b.json()].sort()).toEqual([1, 3]);
    expect(harness.logs.groups.get('/aws/lambda/warm')?.streams.size).toBe(2);
  });

  it('restarts environments after the configuration changes', async () => {
    harness = createHarness();
    await create('cfg', { 'index.js': 'exports.handler = async () => process.env.COLOR;' }, { Environment: { Variables: { COLOR: 'red' } } });
    expect((await invoke('cfg')).json()).toBe('red');
    await harness.http('PUT', '/2015-03-31/functions/cfg/configuration', { body: { Environment: { Variables: { COLOR: 'blue' } } } });
    expect((await invoke('cfg')).json()).toBe('blue');
  });

  it('answers Event invocations with 202 at once and runs them in the background', async () => {
    harness = createHarness();
    await create('async', { 'index.js': 'exports.handler = async (e) => { console.log("event", e.id); return "ignored"; };' });
    const accepted = await invoke('async', { id: 7 }, { 'X-Amz-Invocation-Type': 'Event' });
    expect(accepted.status).toBe(202);
    expect(accepted.text()).toBe('');
    await harness.service.settled();
    const lines = harness.logLines('/aws/lambda/async');
    expect(lines.some((line) => /\tINFO\tevent 7$/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith('END RequestId:'))).toBe(true);
  });

  it('retries a failed Event invocation twice, one and two emulated minutes later, with the same request id', async () => {
    harness = createHarness({ timeScale: 1200 });
    await create('flaky', { 'index.js': 'exports.handler = async () => { console.log("attempt at", Date.now()); throw new Error("still failing"); };' });
    expect((await invoke('flaky', {}, { 'X-Amz-Invocation-Type': 'Event' })).status).toBe(202);
    await harness.service.settled();
    const starts = harness.logLines('/aws/lambda/flaky').filter((line) => line.startsWith('START'));
    expect(starts).toHaveLength(3);
    expect(new Set(starts).size).toBe(1);
    const errors = harness.logLines('/aws/lambda/flaky').filter((line) => line.includes('Invoke Error'));
    expect(errors).toHaveLength(3);
  });

  it('answers DryRun with 204 without running anything', async () => {
    harness = createHarness();
    await create('dry', { 'index.js': 'exports.handler = async () => { console.log("ran"); };' });
    const dry = await invoke('dry', {}, { 'X-Amz-Invocation-Type': 'DryRun' });
    expect(dry.status).toBe(204);
    expect(harness.logs.groups.has('/aws/lambda/dry')).toBe(false);
  });

  it('does not let a function find packages of the project around the state directory', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'stp-project-'));
    try {
      mkdirSync(path.join(project, 'node_modules', 'only-in-project'), { recursive: true });
      writeFileSync(path.join(project, 'node_modules', 'only-in-project', 'index.js'), 'module.exports = 1;');
      harness = createHarness({ stateDir: path.join(project, '.stp', 'local') });
      await create('isolated', { 'index.js': 'const dep = require("only-in-project"); exports.handler = async () => dep;' });
      const result = await invoke('isolated');
      expect(result.json()).toMatchObject({ errorType: 'Runtime.ImportModuleError', errorMessage: expect.stringContaining("Cannot find module 'only-in-project'") });
    } finally {
      harness.close();
      rmSync(project, { recursive: true, force: true });
    }
  });

  it('refuses payloads over the invocation quotas (6 MB synchronous, 1 MB asynchronous)', async () => {
    harness = createHarness();
    await create('big', { 'index.js': 'exports.handler = async (e) => e.length;' });
    const twoMegabytes = JSON.stringify('x'.repeat(2 * 1024 * 1024));
    expect((await harness.http('POST', '/2015-03-31/functions/big/invocations', { body: twoMegabytes })).json()).toBe(2 * 1024 * 1024);
    const asyncTooBig = await harness.http('POST', '/2015-03-31/functions/big/invocations', { body: twoMegabytes, headers: { 'X-Amz-Invocation-Type': 'Event' } });
    expect(asyncTooBig.status).toBe(413);
    expect(asyncTooBig.headers?.['x-amzn-errortype']).toBe('RequestTooLargeException');
    const syncTooBig = await harness.http('POST', '/2015-03-31/functions/big/invocations', { body: JSON.stringify('x'.repeat(6_291_456)) });
    expect(syncTooBig.json().Message).toBe('Request must be smaller than 6291456 bytes for the InvokeFunction operation');
  });

  it('rejects a payload that is not JSON', async () => {
    harness = createHarness();
    await create('json', { 'index.js': 'exports.handler = async () => 1;' });
    const response = await harness.http('POST', '/2015-03-31/functions/json/invocations', { body: '{not json' });
    expect(response.status).toBe(400);
    expect(response.headers?.['x-amzn-errortype']).toBe('InvalidRequestContentException');
    expect(response.json().Message).toMatch(/^Could not parse request body into json: /);
  });

  it('creates functions of other runtimes but refuses to invoke them, naming the runtime', async () => {
    harness = createHarness();
    await create('py', { 'index.py': 'def handler(e, c): return 1' }, { Runtime: 'python3.12' });
    const response = await invoke('py');
    expect(response.status).toBe(502);
    expect(response.headers?.['x-amzn-errortype']).toBe('InvalidRuntimeException');
    expect(response.json().Message).toContain('runtime python3.12 is not supported');
  });

  it('logs to a custom log group from LoggingConfig', async () => {
    harness = createHarness();
    await create('custom', { 'index.js': 'exports.handler = async () => { console.log("here"); };' }, { LoggingConfig: { LogGroup: 'shared-group' } });
    await invoke('custom');
    const streams = [...(harness.logs.groups.get('shared-group')?.streams.keys() ?? [])];
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatch(/^\d{4}\/\d\d\/\d\d\/custom\[\$LATEST\]\[[0-9a-f]{32}\]$/);
    expect(harness.logs.groups.has('/aws/lambda/custom')).toBe(false);
  });
});

describe('REPORT figures on a compressed clock (issue 8, item 5)', () => {
  const report = (tail: string) => /REPORT RequestId: \S+\tDuration: ([\d.]+) ms\tBilled Duration: (\d+) ms\tMemory Size: (\d+) MB\tMax Memory Used: (\d+) MB/.exec(tail);

  it('reports the real handler time as Duration, not the time multiplied by the scale', async () => {
    harness = createHarness({ timeScale: 60 });
    // Busy for 100 ms of real time; at scale 60 that used to be reported as 6,000+ ms, past the 3 s timeout.
    await create('busy', { 'index.js': 'exports.handler = async () => { const end = Date.now() + 100; while (Date.now() < end); return "done"; };' });
    const result = await invoke('busy', {}, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.headers?.['X-Amz-Function-Error']).toBeUndefined();
    expect(result.json()).toBe('done');
    const duration = Number(report(result.tail())?.[1]);
    expect(duration).toBeGreaterThanOrEqual(100);
    // A run that succeeded finished inside its timeout, and says so.
    expect(duration).toBeLessThan(3000);
  });

  it('reports the real peak memory of a run that timed out', async () => {
    harness = createHarness();
    await create('hog', { 'index.js': 'let keep; exports.handler = () => { keep = Buffer.alloc(64 * 1024 * 1024, 1); return new Promise(() => {}); };' }, { Timeout: 1, MemorySize: 256 });
    const result = await invoke('hog', {}, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.json()).toMatchObject({ errorType: 'Sandbox.Timedout' });
    const figures = report(result.tail());
    expect(figures?.[1]).toBe('1000.00');
    expect(figures?.[3]).toBe('256');
    // 64 MB were touched before the timeout (it used to say 1 MB: nothing had reported back).
    expect(Number(figures?.[4])).toBeGreaterThanOrEqual(64);
    expect(Number(figures?.[4])).toBeLessThanOrEqual(256);
  });
});

describe('timeouts on a scaled clock are consistent (issue 8, item 5)', () => {
  const sleeper = { 'index.js': 'exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms)); return "woke"; };' };

  it('at scale 60, a run longer than its (floored) wall budget times out and reports its configured timeout', async () => {
    harness = createHarness({ timeScale: 60 });
    // 10 s at scale 60 is 167 ms of wall time, floored at 3 s: a 3.5 s run times out.
    await create('long', sleeper, { Timeout: 10 });
    const result = await invoke('long', { ms: 3500 }, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.json()).toMatchObject({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringMatching(/Task timed out after 10\.00 seconds$/) });
    expect(result.tail()).toMatch(/\tDuration: 10000\.00 ms\tBilled Duration: 10000 ms\t.*Status: timeout\n$/);
  });

  it('on a slowed clock (scale 0.5) a run past its 1 s timeout still times out, never succeeding past it', async () => {
    harness = createHarness({ timeScale: 0.5 });
    await create('slowclock', sleeper, { Timeout: 1 });
    const result = await invoke('slowclock', { ms: 1500 }, { 'X-Amz-Log-Type': 'Tail' });
    expect(result.json()).toMatchObject({ errorType: 'Sandbox.Timedout' });
    expect(result.tail()).toContain('Task timed out after 1.00 seconds');
  });
});

describe('wallTimeout', () => {
  it('compresses the timeout with the scale, floors it at 3 s of real time, and never exceeds the timeout', () => {
    // 10 s at scale 60 is 167 ms: real code gets 3 s.
    expect(wallTimeout(10_000, 167)).toBe(3000);
    // 3 s at scale 60: the floor is the timeout itself.
    expect(wallTimeout(3000, 50)).toBe(3000);
    // 600 s at scale 60: 10 s.
    expect(wallTimeout(600_000, 10_000)).toBe(10_000);
    // A slowed clock (scale 0.5) must not let a 1 s function run 2 s and succeed.
    expect(wallTimeout(1000, 2000)).toBe(1000);
    expect(wallTimeout(3000, 3000)).toBe(3000);
  });
});
