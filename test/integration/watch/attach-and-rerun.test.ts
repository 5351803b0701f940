import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { rerunScript } from '../../../src/engine/scripts/rerun-script.js';
import { attachToOperation } from '../../../src/engine/watch/attach-operation.js';
import { findCurrentOperation } from '../../../src/engine/watch/current-operation.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { scriptStackTemplate, uploadRunner } from './script-stack.js';
import { createAndExecute, fastScheduler, recorder, startWatchCloud, type WatchCloud } from './watch-local-cloud.js';

describe('attach and script rerun against the local cloud', () => {
  let local: WatchCloud;
  beforeAll(async () => {
    // Lambda timeouts are emulated time: at 100× a 900 s script timeout is 9 s of wall time, ample
    // for a cold start and the script's 400 ms pause on a loaded machine.
    local = await startWatchCloud({ timeScale: 100 });
    const s3 = new S3Client({ ...clientConfig(local.cloud.endpoint), forcePathStyle: true });
    await uploadRunner(s3);
    s3.destroy();
  }, 60_000);
  afterAll(async () => {
    await local.stop();
  });

  const script = { name: 'migrate', logicalId: 'MigrateScript', functionName: 'attach-migrate' };
  const base = (emit: (e: DeployEventBody) => void) => ({
    clients: local.clients,
    plannedResources: 5,
    owners: { MigrateScript: 'migrate' },
    scripts: [script],
    services: [],
    emit,
    signal: new AbortController().signal,
  });

  it('a second watcher attached mid-operation yields the same stack events as the one that started it', async () => {
    const since = await createAndExecute(local.clients.cloudFormation, 'attached', scriptStackTemplate('attach-migrate', { table: 'users', sleepMs: 400 }), 'tok-a1');
    const first = recorder();
    const firstWatch = watchOperation({ ...base(first.emit), stackName: 'attached', clientRequestToken: 'tok-a1', since }, { scheduler: fastScheduler(), scriptTail: { startGraceMs: 500, endGraceMs: 3000 } });
    // Wait until the script runs: the operation is well under way.
    for (;;) {
      const page = await local.clients.cloudFormation.send(new DescribeStackEventsCommand({ StackName: 'attached' }));
      if (page.StackEvents?.some((e) => e.LogicalResourceId === 'MigrateScript')) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const operation = await findCurrentOperation(local.clients.cloudFormation, 'attached');
    expect(operation).toMatchObject({ stackName: 'attached', status: 'CREATE_IN_PROGRESS', inProgress: true, clientRequestToken: 'tok-a1', beganWith: 'CREATE_IN_PROGRESS' });

    const second = recorder();
    const attached = await attachToOperation({ ...base(second.emit), stackName: 'attached' }, { scheduler: fastScheduler(), scriptTail: { startGraceMs: 500, endGraceMs: 3000 } });
    const firstResult = await firstWatch;
    if (firstResult.stackStatus !== 'CREATE_COMPLETE') throw new Error(`create failed: ${JSON.stringify(first.ofType('first-cause'))}`);
    expect(firstResult).toEqual({ stackStatus: 'CREATE_COMPLETE', detached: false });
    expect(attached).toMatchObject({ attached: true, stackStatus: 'CREATE_COMPLETE', detached: false });

    const ids = (events: DeployEventBody[]) => events.flatMap((e) => (e.type === 'stack.event' ? [e.event.eventId] : []));
    expect(ids(second.events)).toEqual(ids(first.events));
    expect(ids(first.events).length).toBeGreaterThan(8);
    // The attached watcher also streamed the script's lines from the start of its run.
    expect(second.ofType('script.log').map((e) => e.line)).toEqual(first.ofType('script.log').map((e) => e.line));
    expect(first.ofType('script.log')[0]?.line).toBe('migrating users');

    // Once settled, there is nothing to attach to.
    const settled = await attachToOperation({ ...base(() => undefined), stackName: 'attached' }, { scheduler: fastScheduler() });
    expect(settled).toEqual({ attached: false, operation: expect.objectContaining({ status: 'CREATE_COMPLETE', inProgress: false }) });
  }, 30_000);

  it('reruns a script with the parameters of the last deploy and streams its output', async () => {
    await createAndExecute(local.clients.cloudFormation, 'rerun', scriptStackTemplate('rerun-migrate', { table: 'invoices' }), 'tok-r1');
    await watchOperation({ ...base(() => undefined), scripts: [], stackName: 'rerun', clientRequestToken: 'tok-r1', since: new Date(0) }, { scheduler: fastScheduler() });
    const rec = recorder();
    const result = await rerunScript({
      clients: local.clients,
      stackName: 'rerun',
      script: { name: 'migrate', functionName: 'rerun-migrate', logGroup: '/aws/lambda/rerun-migrate', parametersOutput: 'MigrateScriptParameters' },
      emit: rec.emit,
      scheduler: fastScheduler(),
      endGraceMs: 3000,
    });
    expect(result).toEqual({ ok: true, durationMs: expect.any(Number) });
    expect(rec.events[0]).toEqual({ type: 'script.started', script: 'migrate', functionName: 'rerun-migrate', logGroup: '/aws/lambda/rerun-migrate', trigger: 'rerun' });
    // The deploy's own run logged these lines before; the rerun streams only its own.
    expect(rec.ofType('script.log').map((e) => e.line)).toEqual(['migrating invoices', 'step 1 of 5', 'step 2 of 5', 'step 3 of 5', 'step 4 of 5', 'step 5 of 5', 'summary:', '  tables: 1', '  rows: 42']);
    expect(rec.events.at(-1)).toEqual({ type: 'script.finished', script: 'migrate', ok: true, durationMs: result.durationMs });
  }, 30_000);

  it('a rerun of a failing script reports its error; without a log group the LogResult stands in', async () => {
    const marker = path.join(tmpdir(), `stp-watch-rerun-${process.pid}-${Date.now()}`);
    await createAndExecute(local.clients.cloudFormation, 'rerun-fail', scriptStackTemplate('rerun-fail-migrate', { table: 'orders', failAgainMarker: marker }), 'tok-r2');
    await watchOperation({ ...base(() => undefined), scripts: [], stackName: 'rerun-fail', clientRequestToken: 'tok-r2', since: new Date(0) }, { scheduler: fastScheduler() });
    const rec = recorder();
    // Without a log group the LogResult of the invocation stands in for the streamed lines.
    const result = await rerunScript({
      clients: local.clients,
      stackName: 'rerun-fail',
      script: { name: 'migrate', functionName: 'rerun-fail-migrate', parametersOutput: 'MigrateScriptParameters' },
      emit: rec.emit,
      scheduler: fastScheduler(),
    });
    rmSync(marker, { force: true });
    expect(result).toEqual({ ok: false, error: 'already migrated: orders', durationMs: expect.any(Number) });
    expect(rec.ofType('script.log').map((e) => e.line).slice(0, 2)).toEqual(['migrating orders', 'step 1 of 5']);
    expect(rec.ofType('script.log')[0]?.eventId).toBe('log-result-0');
    expect(rec.events.at(-1)).toEqual({ type: 'script.finished', script: 'migrate', ok: false, error: 'already migrated: orders', durationMs: result.durationMs });
    await expect(
      rerunScript({ clients: local.clients, stackName: 'rerun-fail', script: { name: 'seed', functionName: 'rerun-fail-migrate', parametersOutput: 'SeedScriptParameters' }, emit: () => undefined }),
    ).rejects.toThrow('stack rerun-fail has no output SeedScriptParameters with the parameters of script "seed"');
  }, 30_000);
});
