import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchOperation } from '../../../src/engine/watch/watch-operation.js';
import { allEvents, waitForStackToSettle } from '../cloudformation/cfn-local-cloud.js';
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

  it('detaches when the signal aborts: resolves at once with detached, the operation goes on', async () => {
    const template = { Resources: { Slow: { Type: 'AWS::SNS::Topic' } } };
    const controller = new AbortController();
    const since = await createAndExecute(local.clients.cloudFormation, 'detached', template, 'tok-detach-1');
    const rec = recorder();
    const result = await watchOperation(
      {
        clients: local.clients,
        stackName: 'detached',
        clientRequestToken: 'tok-detach-1',
        since,
        plannedResources: 1,
        owners: {},
        scripts: [],
        services: [],
        emit: (event) => {
          rec.emit(event);
          if (event.type === 'stack.event') controller.abort();
        },
        signal: controller.signal,
      },
      { scheduler: fastScheduler() },
    );
    expect(result).toEqual({ detached: true });
    // Nothing after the detach is reported, though the create finishes in AWS.
    expect(rec.ofType('stack.event')).toHaveLength(1);
    expect(rec.events.filter((e) => e.type !== 'stack.event' && e.type !== 'stack.status')).toEqual([]);
    expect(await waitForStackToSettle(local.cfn, 'detached')).toBe('CREATE_COMPLETE');
  });

  it('two watches can share one scheduler (and its budget)', async () => {
    const scheduler = fastScheduler();
    const template = { Resources: { A: { Type: 'AWS::SNS::Topic' } } };
    const sinceA = await createAndExecute(local.clients.cloudFormation, 'shared-a', template, 'tok-shared-a');
    const sinceB = await createAndExecute(local.clients.cloudFormation, 'shared-b', template, 'tok-shared-b');
    const watch = (stackName: string, token: string, since: Date) =>
      watchOperation(
        { clients: local.clients, stackName, clientRequestToken: token, since, plannedResources: 1, owners: {}, scripts: [], services: [], emit: () => undefined, signal: new AbortController().signal },
        { scheduler },
      );
    const results = await Promise.all([watch('shared-a', 'tok-shared-a', sinceA), watch('shared-b', 'tok-shared-b', sinceB)]);
    expect(results).toEqual([
      { stackStatus: 'CREATE_COMPLETE', detached: false },
      { stackStatus: 'CREATE_COMPLETE', detached: false },
    ]);
    expect(scheduler.callCount).toBeGreaterThanOrEqual(4);
  });
});
