import { DeleteStackCommand, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLambdaLogLine } from '../../../src/engine/watch/lambda-log-lines.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { filterAll } from '../lambda/lambda-local-cloud.js';
import { scriptStackTemplate, uploadRunner } from './script-stack.js';
import { createAndExecute, fastScheduler, recorder, startWatchCloud, type WatchCloud } from './watch-local-cloud.js';

const USER_LINES = ['migrating users', 'step 1 of 5', 'step 2 of 5', 'step 3 of 5', 'step 4 of 5', 'step 5 of 5', 'summary:', '  tables: 1', '  rows: 42'];

describe('deployment scripts watched during a stack operation', () => {
  let local: WatchCloud;
  beforeAll(async () => {
    local = await startWatchCloud({ timeScale: 100 });
    const s3 = new S3Client({ ...clientConfig(local.cloud.endpoint), forcePathStyle: true });
    await uploadRunner(s3);
    s3.destroy();
  }, 60_000);
  afterAll(async () => {
    await local.stop();
  });

  /** A deleted stack is found only by its ARN. */
  const stackId = async (name: string) => (await local.clients.cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks![0]!.StackId!;
  const watch = (stackName: string, token: string, since: Date, script: { functionName?: string }, emit: ReturnType<typeof recorder>['emit']) =>
    watchOperation(
      {
        clients: local.clients,
        stackName,
        clientRequestToken: token,
        since,
        plannedResources: 5,
        owners: { MigrateScript: 'migrate', MigrateFunction: 'migrate' },
        scripts: [{ name: 'migrate', logicalId: 'MigrateScript', ...script }],
        services: [],
        emit,
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler(), scriptTail: { startGraceMs: 500, endGraceMs: 3000 } },
    );

  it("streams the script's lines in order, once each, between script.started and script.finished", async () => {
    const since = await createAndExecute(local.clients.cloudFormation, 'scripted', scriptStackTemplate('scripted-migrate', { table: 'users' }), 'tok-s1');
    const rec = recorder();
    const result = await watch('scripted', 'tok-s1', since, { functionName: 'scripted-migrate' }, rec.emit);
    expect(result.stackStatus).toBe('CREATE_COMPLETE');

    const scriptEvents = rec.events.filter((e) => e.type.startsWith('script.'));
    expect(scriptEvents[0]).toEqual({ type: 'script.started', script: 'migrate', functionName: 'scripted-migrate', logGroup: '/aws/lambda/scripted-migrate', trigger: 'deploy' });
    const lines = rec.ofType('script.log');
    expect(lines.map((l) => l.line)).toEqual(USER_LINES);
    expect(new Set(lines.map((l) => l.eventId)).size).toBe(lines.length);
    expect(scriptEvents.at(-1)).toEqual({ type: 'script.finished', script: 'migrate', ok: true, durationMs: expect.any(Number) });
    expect(scriptEvents.filter((e) => e.type === 'script.finished')).toHaveLength(1);

    // The same lines as the log group holds (platform lines and prefixes aside).
    const truth = (await filterAll(local.clients.logs, '/aws/lambda/scripted-migrate'))
      .map((e) => parseLambdaLogLine(e.message ?? ''))
      .flatMap((l) => (l.kind === 'output' ? l.text.split('\n') : []));
    expect(truth).toEqual(USER_LINES);
  });

  it("a failing script fails the create: first cause is the script's error with its last lines (its function found from the stack)", async () => {
    const since = await createAndExecute(local.clients.cloudFormation, 'scripted-fail', scriptStackTemplate('failing-migrate', { table: 'orders', fail: true }), 'tok-f1');
    const rec = recorder();
    const result = await watch('scripted-fail', 'tok-f1', since, {}, rec.emit);
    expect(result.stackStatus).toBe('ROLLBACK_COMPLETE');

    expect(rec.ofType('script.started')).toEqual([{ type: 'script.started', script: 'migrate', functionName: 'failing-migrate', logGroup: '/aws/lambda/failing-migrate', trigger: 'deploy' }]);
    const finished = rec.ofType('script.finished');
    expect(finished).toEqual([{ type: 'script.finished', script: 'migrate', ok: false, error: 'migration failed: table orders is locked', durationMs: expect.any(Number) }]);
    const causes = rec.ofType('first-cause');
    expect(causes).toHaveLength(1);
    expect(causes[0]).toMatchObject({ logicalId: 'MigrateScript', owner: 'migrate', resourceType: 'Custom::StpDeploymentScript' });
    expect(causes[0]!.reason).toMatch(/^Received response status \[FAILED\] from custom resource\. Message returned: migration failed: table orders is locked \(RequestId: [0-9a-f-]+\)$/);
    const details = causes[0]!.details;
    expect(details[0]).toBe('script error: migration failed: table orders is locked');
    expect(details[1]).toBe('last lines of the script:');
    // The user's lines, then the runtime's error report (Lambda logs the thrown error too).
    expect(details.slice(2, 2 + USER_LINES.length)).toEqual(USER_LINES.map((l) => `  ${l.replace('users', 'orders')}`));
    expect(details.slice(2 + USER_LINES.length).join('\n')).toContain('migration failed: table orders is locked');
    // The rollback deletes the custom resource without running the script again.
    expect(rec.ofType('script.started')).toHaveLength(1);
  });

  it('a before:delete script runs when the stack is deleted: its lines stream and it reports its result', async () => {
    const template = scriptStackTemplate('cleanup-migrate', { table: 'sessions' }, 'd1', 'before:delete');
    const created = await createAndExecute(local.clients.cloudFormation, 'scripted-delete', template, 'tok-d0');
    const quiet = recorder();
    // On create a before:delete script does not run: no script events at all.
    expect((await watch('scripted-delete', 'tok-d0', created, { functionName: 'cleanup-migrate' }, quiet.emit)).stackStatus).toBe('CREATE_COMPLETE');
    expect(quiet.events.filter((e) => e.type.startsWith('script.'))).toEqual([]);

    const arn = await stackId('scripted-delete');
    const since = new Date();
    await local.clients.cloudFormation.send(new DeleteStackCommand({ StackName: 'scripted-delete', ClientRequestToken: 'tok-d1' }));
    const rec = recorder();
    const result = await watch(arn, 'tok-d1', since, { functionName: 'cleanup-migrate' }, rec.emit);
    expect(result.stackStatus).toBe('DELETE_COMPLETE');
    const scriptEvents = rec.events.filter((e) => e.type.startsWith('script.'));
    expect(scriptEvents[0]).toEqual({ type: 'script.started', script: 'migrate', functionName: 'cleanup-migrate', logGroup: '/aws/lambda/cleanup-migrate', trigger: 'delete' });
    expect(rec.ofType('script.log').map((e) => e.line)).toEqual(USER_LINES.map((l) => l.replace('users', 'sessions')));
    expect(scriptEvents.at(-1)).toEqual({ type: 'script.finished', script: 'migrate', ok: true, durationMs: expect.any(Number) });
  });
});
