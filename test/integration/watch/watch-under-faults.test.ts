import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PollScheduler } from '../../../src/engine/watch/poll-scheduler.js';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { allEvents } from '../cloudformation/cfn-local-cloud.js';
import { scriptStackTemplate, uploadRunner } from './script-stack.js';
import { createAndExecute, recorder, startWatchCloud, type WatchCloud } from './watch-local-cloud.js';

/**
 * Reliability: the local cloud throttles 30 % and fails 5 % (503) of the CloudFormation and
 * CloudWatch Logs requests — the APIs the watchers poll — through STP_LOCAL_FAULTS. The watcher's
 * clients retry once at most, so failures reach the scheduler's backoff too. The stream must still
 * be exactly the local cloud's record of the operation: none lost, none twice, same order.
 */
const FAULTS = {
  seed: 7,
  rules: [
    { type: 'throttle', service: 'cloudformation', rate: 0.3 },
    { type: 'error', service: 'cloudformation', status: 503, rate: 0.05 },
    { type: 'throttle', service: 'logs', rate: 0.3 },
    { type: 'error', service: 'logs', status: 503, rate: 0.05 },
  ],
};

describe('watchOperation under injected throttling and 5xx', () => {
  let local: WatchCloud;
  /** Setup and the final comparison go through a client that retries until it gets through. */
  let patient: CloudFormationClient;
  beforeAll(async () => {
    local = await startWatchCloud({ timeScale: 100, env: { STP_LOCAL_FAULTS: JSON.stringify(FAULTS) } }, { maxAttempts: 2 });
    patient = new CloudFormationClient({ ...clientConfig(local.cloud.endpoint), maxAttempts: 15, retryMode: 'standard' });
    const s3 = new S3Client({ ...clientConfig(local.cloud.endpoint), forcePathStyle: true });
    await uploadRunner(s3);
    s3.destroy();
  }, 60_000);
  afterAll(async () => {
    patient.destroy();
    await local.stop();
  });

  it('yields exactly the stack events of the create, and its outcome', async () => {
    const template = scriptStackTemplate('faulty-migrate', { table: 'users' });
    for (let i = 0; i < 12; i++) (template.Resources as Record<string, unknown>)[`Topic${i}`] = { Type: 'AWS::SNS::Topic' };
    const since = await createAndExecute(patient, 'under-faults', template, 'tok-faults');
    const rec = recorder();
    const backoffs: string[] = [];
    const scheduler = new PollScheduler({
      activeIntervalMs: 20,
      idleIntervalMs: 100,
      backoffBaseMs: 20,
      backoffMaxMs: 200,
      maxConsecutiveFailures: 50,
      onBackoff: ({ key }) => backoffs.push(key),
    });
    const result = await watchOperation(
      {
        clients: local.clients,
        stackName: 'under-faults',
        clientRequestToken: 'tok-faults',
        since,
        plannedResources: 17,
        owners: {},
        scripts: [{ name: 'migrate', logicalId: 'MigrateScript', functionName: 'faulty-migrate' }],
        services: [],
        emit: rec.emit,
        signal: new AbortController().signal,
      },
      { scheduler, scriptTail: { startGraceMs: 500, endGraceMs: 3000 } },
    );

    const truth = (await allEvents(patient, 'under-faults')).filter((e) => e.ClientRequestToken === 'tok-faults');
    expect(result).toEqual({ stackStatus: 'CREATE_COMPLETE', detached: false });
    expect(truth.at(-1)?.ResourceStatus).toBe('CREATE_COMPLETE');
    const streamed = rec.ofType('stack.event').map((e) => e.event.eventId);
    expect(streamed).toEqual(truth.map((e) => e.EventId));
    expect(rec.ofType('progress').at(-1)).toEqual({ type: 'progress', done: 17, total: 17 });
    // The script's lines came through the faults too, once each.
    expect(rec.ofType('script.log').map((e) => e.line)).toEqual(['migrating users', 'step 1 of 5', 'step 2 of 5', 'step 3 of 5', 'step 4 of 5', 'step 5 of 5', 'summary:', '  tables: 1', '  rows: 42']);
    expect(new Set(rec.ofType('script.log').map((e) => e.eventId)).size).toBe(rec.ofType('script.log').length);
    // The faults did reach the scheduler (not only the SDK's retries).
    expect(backoffs.length).toBeGreaterThan(0);
  }, 60_000);
});
