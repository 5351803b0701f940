import { describe, expect, it } from 'vitest';
import { initialSessionState, reduceEvents } from '../../../src/engine/session/session-store.js';
import { readEventFixture } from '../../support/event-fixtures.js';

const DEPLOYMENT = 'arn:aws:ecs:us-east-1:000000000000:service-deployment/shop-web-dev/shop-web-dev-web/iTjyOLfK2dGabXc0Mh89O';

describe('ECS history in the session store (recorded canary with a PAUSE that timed out into a rollback)', () => {
  const state = reduceEvents(initialSessionState(), readEventFixture('canary-pause-rollback.ndjson'));

  it('keeps every hook seen, with its last status, after ECS stopped listing it', () => {
    expect(state.ecs.web?.hooks).toEqual([]);
    expect(state.ecsHistory.web).toEqual({
      deploymentArn: DEPLOYMENT,
      stages: ['SCALE_UP', 'POST_TEST_TRAFFIC_SHIFT', 'PRE_PRODUCTION_TRAFFIC_SHIFT'],
      hooks: [
        {
          id: '880ad897-ec1f-40bb-a72a-e7f92cd63742',
          kind: 'lambda',
          target: 'arn:aws:lambda:us-east-1:000000000000:function:shop-web-dev-checkBeforeTraffic-ecs-hook',
          stage: 'POST_TEST_TRAFFIC_SHIFT',
          status: 'IN_PROGRESS',
          expiresAt: '2026-12-06T11:10:44.135Z',
          reason: 'on timeout: ROLLBACK',
          listed: false,
        },
        {
          id: 'ecs-pause-3P6JEXbhfh9-XYsaAxGpEJ2b78c_qO118ni0hk893hZ',
          kind: 'pause',
          stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
          status: 'AWAITING_ACTION',
          expiresAt: '2026-12-06T10:46:48.238Z',
          reason: 'on timeout: ROLLBACK',
          listed: false,
        },
      ],
    });
  });

  it('keeps the stopped tasks per service, each once', () => {
    expect(state.ecsStoppedTasks.web?.map((task) => [task.taskArn.split('/').pop(), task.container, task.exitCode])).toEqual([
      ['8818a0c3f8f8c6b6fcb4f046b8f5afb0', 'app', 137],
      ['7cdb4f6b597a85589380c597255d2fae', 'app', 137],
      ['ae653caafd3dbfa5ed4966e85d64a16f', 'migrate', 0],
      ['5cba9a832589cb862659a37042017df3', 'migrate', 0],
    ]);
  });

  it('starts a fresh history when the service gets a new deployment, noting how the previous one ended', () => {
    const events = readEventFixture('canary-pause-rollback.ndjson');
    const last = events.filter((e) => e.type === 'ecs.deployment').at(-1)!;
    const next = reduceEvents(state, [{ ...last, seq: 1000, deploymentArn: `${DEPLOYMENT}-2`, status: 'IN_PROGRESS', stage: 'SCALE_UP', hooks: [] }]);
    expect(next.ecsHistory.web).toEqual({
      deploymentArn: `${DEPLOYMENT}-2`,
      stages: ['SCALE_UP'],
      hooks: [],
      previous: {
        deploymentArn: DEPLOYMENT,
        status: 'ROLLBACK_SUCCESSFUL',
        stage: 'PRE_PRODUCTION_TRAFFIC_SHIFT',
        rollback: { reason: 'deployment failed: pause hook ecs-pause-3P6JEXbhfh9-XYsaAxGpEJ2b78c_qO118ni0hk893hZ timed out', startedAt: '2026-12-06T10:46:48.243Z' },
      },
    });
    // The next report of the same deployment keeps it.
    expect(reduceEvents(next, [{ ...last, seq: 1001, deploymentArn: `${DEPLOYMENT}-2`, status: 'IN_PROGRESS', stage: 'POST_SCALE_UP', hooks: [] }]).ecsHistory.web?.previous?.status).toBe('ROLLBACK_SUCCESSFUL');
  });
});

describe('script runs in the session store', () => {
  it('a rerun marks where its lines start and drops the previous result, also within one batch', () => {
    const deploy = readEventFixture('script-deploy.ndjson');
    const rerun = readEventFixture('script-rerun.ndjson').map((e, i) => ({ ...e, seq: 1000 + i }));
    const afterDeploy = reduceEvents(initialSessionState(), deploy);
    expect(afterDeploy.scripts.greet).toMatchObject({ status: 'succeeded', trigger: 'deploy', durationMs: 505, runs: 1, runStart: 0 });
    const started = reduceEvents(afterDeploy, rerun.slice(0, 1));
    expect(started.scripts.greet).toMatchObject({ status: 'running', trigger: 'rerun', runs: 2, runStart: 4 });
    expect(started.scripts.greet!.durationMs).toBeUndefined();
    // The deploy's last lines, the rerun and its lines in one batch: the run still starts after the deploy's lines.
    const oneBatch = reduceEvents(initialSessionState(), [...deploy, ...rerun]);
    expect(oneBatch.scripts.greet).toMatchObject({ status: 'succeeded', trigger: 'rerun', durationMs: 9, runs: 2, runStart: 4 });
    expect(oneBatch.scripts.greet!.lines.items.map((l) => l.line)).toEqual([
      'hello from stp (stage dev)',
      'function: hello-script-dev-writeNote',
      'bucket:   hello-script-dev-notesbucket-68kclnaawbog',
      'all good',
      'hello from stp (stage dev)',
      'function: hello-script-dev-writeNote',
      'bucket:   hello-script-dev-notesbucket-68kclnaawbog',
      'all good',
    ]);
  });
});
