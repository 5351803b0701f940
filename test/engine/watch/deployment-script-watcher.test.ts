import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DeployEventBody, StackEventRecord } from '../../../src/engine/events.js';
import { customResourceMessage, DeploymentScriptWatcher, type ScriptTrigger } from '../../../src/engine/watch/deployment-script-watcher.js';
import { PollScheduler } from '../../../src/engine/watch/poll-scheduler.js';
import { FakeClock } from '../../support/fake-clock.js';

const T = Date.parse('2026-01-01T12:00:00.000Z');
function ev(status: string, second: number, reason?: string): StackEventRecord {
  return { eventId: `S-${status}-${second}`, stackName: 'app', stackId: 'arn:stack/app/1', logicalId: 'SeedScript', resourceType: 'Custom::StpDeploymentScript', status, at: new Date(T + second * 1000).toISOString(), depth: 0, ...(reason ? { reason } : {}) };
}

describe('DeploymentScriptWatcher', () => {
  const logsMock = mockClient(CloudWatchLogsClient);
  let events: DeployEventBody[];
  let clock: FakeClock;
  beforeEach(() => {
    logsMock.reset();
    logsMock.on(FilterLogEventsCommand).resolves({ events: [] });
    events = [];
    clock = new FakeClock();
  });
  const watcher = (trigger: ScriptTrigger | undefined) =>
    new DeploymentScriptWatcher([{ name: 'seed', logicalId: 'SeedScript', functionName: 'app-seed' }], {
      logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
      scheduler: new PollScheduler({ clock }),
      emit: (e) => events.push(e),
      signal: new AbortController().signal,
      tailOptions: { startGraceMs: 2000 },
      triggerOf: async () => trigger,
      functionNameOf: async () => undefined,
    });

  it('an after:deploy script runs on create and update, not while the stack rolls back or is deleted', async () => {
    const w = watcher('after:deploy');
    await w.onEvent(ev('UPDATE_IN_PROGRESS', 1), 'UPDATE_ROLLBACK_IN_PROGRESS');
    await w.onEvent(ev('DELETE_IN_PROGRESS', 2), 'DELETE_IN_PROGRESS');
    expect(events).toEqual([]);
    await w.onEvent(ev('UPDATE_IN_PROGRESS', 3), 'UPDATE_IN_PROGRESS');
    expect(events).toEqual([{ type: 'script.started', script: 'seed', functionName: 'app-seed', logGroup: '/aws/lambda/app-seed', trigger: 'deploy' }]);
  });

  it('a before:delete script runs only while the stack itself is deleted, and its failure does not fail the delete', async () => {
    const w = watcher('before:delete');
    await w.onEvent(ev('CREATE_IN_PROGRESS', 1), 'CREATE_IN_PROGRESS');
    await w.onEvent(ev('DELETE_IN_PROGRESS', 2), 'ROLLBACK_IN_PROGRESS');
    expect(events).toEqual([]);
    await w.onEvent(ev('DELETE_IN_PROGRESS', 3), 'DELETE_IN_PROGRESS');
    await w.onEvent(ev('DELETE_COMPLETE', 5, 'script app-seed failed (deletion continues): Error: seed table missing'), 'DELETE_IN_PROGRESS');
    await clock.advance(10_000);
    await w.settle();
    expect(events).toEqual([
      { type: 'script.started', script: 'seed', functionName: 'app-seed', logGroup: '/aws/lambda/app-seed', trigger: 'delete' },
      { type: 'script.finished', script: 'seed', ok: false, error: 'Error: seed table missing', durationMs: 2000 },
    ]);
  });

  it('a script whose resource never reported still finishes, not ok, when the stack ends', async () => {
    const w = watcher('after:deploy');
    await w.onEvent(ev('CREATE_IN_PROGRESS', 1), 'CREATE_IN_PROGRESS');
    const settled = w.settle();
    await clock.advance(10_000);
    await settled;
    expect(events.at(-1)).toEqual({ type: 'script.finished', script: 'seed', ok: false, error: 'the stack operation ended before the script reported a result' });
  });

  it("keeps the runner's message from CloudFormation's custom-resource wrapper", () => {
    expect(customResourceMessage('Received response status [FAILED] from custom resource. Message returned: boom: x (RequestId: 1f2e-33)')).toBe('boom: x');
    expect(customResourceMessage('plain reason')).toBe('plain reason');
  });
});
