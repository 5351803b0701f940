import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { allEvents } from '../cloudformation/cfn-local-cloud.js';
import { createAndExecute, fastScheduler, recorder, startWatchCloud, type WatchCloud } from './watch-local-cloud.js';

describe('watchOperation against the local cloud', () => {
  let local: WatchCloud;
  beforeAll(async () => {
    local = await startWatchCloud({
      faults: { rules: [{ type: 'fail-resource', logicalId: 'Doomed', action: 'Create', reason: 'Injected: capacity exceeded' }] },
    });
  });
  afterAll(async () => {
    await local.stop();
  });

  it('streams the operation\'s events once each, oldest first, and names the first cause of the rollback', async () => {
    const template = {
      Resources: {
        Fine: { Type: 'AWS::SNS::Topic' },
        Doomed: { Type: 'AWS::SNS::Topic', DependsOn: 'Fine' },
        Later: { Type: 'AWS::SNS::Topic', DependsOn: 'Fine' },
      },
    };
    const since = await createAndExecute(local.clients.cloudFormation, 'failing', template, 'tok-failing-1');
    const rec = recorder();
    const result = await watchOperation(
      {
        clients: local.clients,
        stackName: 'failing',
        clientRequestToken: 'tok-failing-1',
        since,
        plannedResources: 3,
        owners: { Doomed: 'doomedTopic' },
        scripts: [],
        services: [],
        emit: rec.emit,
        signal: new AbortController().signal,
      },
      { scheduler: fastScheduler() },
    );
    expect(result).toEqual({ stackStatus: 'ROLLBACK_COMPLETE', detached: false });

    const truth = (await allEvents(local.cfn, 'failing')).filter((e) => e.ClientRequestToken === 'tok-failing-1');
    const streamed = rec.ofType('stack.event').map((e) => e.event);
    expect(streamed.map((e) => e.eventId)).toEqual(truth.map((e) => e.EventId));
    expect(streamed.find((e) => e.logicalId === 'Doomed')?.owner).toBe('doomedTopic');

    const causes = rec.ofType('first-cause');
    expect(causes).toEqual([
      { type: 'first-cause', logicalId: 'Doomed', owner: 'doomedTopic', resourceType: 'AWS::SNS::Topic', reason: 'Injected: capacity exceeded', details: [] },
    ]);
    const statuses = rec.ofType('stack.status').map((e) => e.status);
    expect(statuses[0]).toBe('CREATE_IN_PROGRESS');
    expect(statuses.at(-1)).toBe('ROLLBACK_COMPLETE');
    expect(statuses).toContain('ROLLBACK_IN_PROGRESS');
    const progress = rec.ofType('progress');
    expect(progress.at(-1)).toEqual({ type: 'progress', done: 3, total: 3 });
  });
});
