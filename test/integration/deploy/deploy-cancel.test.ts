/**
 * Cancel mid-update: the operator's cancel (session.cancel, as Ctrl-C in headless mode does) calls
 * CancelUpdateStack while the update runs; the watch follows the rollback to its end. And a second
 * session that finds the stack busy attaches to the running operation instead of failing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeployEvent } from '../../../src/engine/events.js';
import type { DeploySession } from '../../../src/engine/session/deploy-session.js';
import { copyExample, editFile } from '../examples/example-deployer.js';
import { startDeployCloud, type DeployCloud } from './deploy-harness.js';

/** 1 emulated minute = 1 s: the slow resource's 5-minute update leaves a window of seconds for the cancel. */
const TIME_SCALE = 60;
let local: DeployCloud;
const example = copyExample('hello-script');

const SLOW = (size: string) => `
cloudformationResources:
  SlowDb:
    Type: AWS::RDS::DBInstance
    DeletionPolicy: Delete
    Properties:
      Engine: postgres
      DBInstanceClass: ${size}
      AllocatedStorage: '20'
      MasterUsername: slow
      MasterUserPassword: not-a-secret-just-a-test
`;

beforeAll(async () => {
  local = await startDeployCloud(TIME_SCALE);
  editFile(example.configFile, (t) => t + SLOW('db.t4g.micro'));
  const created = await local.deploy(example.dir);
  if (created.result.outcome !== 'succeeded') throw new Error(JSON.stringify(created.rec.ofType('error')));
}, 120_000);
afterAll(async () => {
  await local?.stop();
  example.remove();
});

it('cancels a running update: CancelUpdateStack, the rollback watched to UPDATE_ROLLBACK_COMPLETE, exit 1', async () => {
  editFile(example.configFile, (t) => t.replace(SLOW('db.t4g.micro'), SLOW('db.t4g.small')));
  let session: DeploySession | undefined;
  let cancelled: Promise<void> | undefined;
  const canceller = {
    emit(event: DeployEvent) {
      if (!cancelled && event.type === 'stack.event' && event.event.logicalId === 'SlowDb' && event.event.status === 'UPDATE_IN_PROGRESS') {
        cancelled = session!.cancel();
      }
    },
  };
  const { ctx, rec, session: s } = local.context([canceller]);
  session = s;
  const { runDeploy } = await import('../../../src/engine/deploy/deploy-machine.js');
  const result = await runDeploy(ctx, {
    project: { cwd: example.dir, configPath: example.dir, stage: 'dev', region: 'eu-west-1' },
    command: 'deploy',
    requireApproval: 'never',
    yes: false,
    protect: [],
    rerunScripts: false,
    interactive: false,
  });
  await cancelled;
  expect(cancelled).toBeDefined();
  expect(rec.ofType('warning').map((w) => w.code)).toContain('STP_CANCEL_REQUESTED');
  const statuses = rec.ofType('stack.status').map((e) => e.status);
  expect(statuses).toContain('UPDATE_ROLLBACK_IN_PROGRESS');
  expect(statuses.at(-1)).toBe('UPDATE_ROLLBACK_COMPLETE');
  expect(rec.ofType('error').at(-1)).toMatchObject({ code: 'STP_CANCELLED', phase: 'watch' });
  expect(result).toMatchObject({ outcome: 'rolled-back', exitCode: 1, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
}, 120_000);

it('a second deploy finds the stack busy, attaches to the running update from its start, then finds nothing left to do', async () => {
  // After the cancel the stack is back on db.t4g.micro while the config says small: deploy it.
  const { runDeploy } = await import('../../../src/engine/deploy/deploy-machine.js');
  const options = {
    project: { cwd: example.dir, configPath: example.dir, stage: 'dev', region: 'eu-west-1' },
    command: 'deploy' as const,
    requireApproval: 'never' as const,
    yes: false,
    protect: [],
    rerunScripts: false,
    interactive: false,
  };
  let second: Promise<Awaited<ReturnType<typeof runDeploy>>> | undefined;
  const secondSession = local.context();
  const starter = {
    emit(event: DeployEvent) {
      if (!second && event.type === 'stack.event' && event.event.logicalId === 'SlowDb' && event.event.status === 'UPDATE_IN_PROGRESS') {
        second = runDeploy(secondSession.ctx, options);
      }
    },
  };
  const first = local.context([starter]);
  const firstResult = await runDeploy(first.ctx, options);
  expect(firstResult).toMatchObject({ outcome: 'succeeded', stackStatus: 'UPDATE_COMPLETE' });
  expect(second).toBeDefined();
  const secondResult = await second!;
  const rec = secondSession.rec;
  expect(rec.ofType('warning').map((w) => w.code)).toContain('STP_ATTACHED');
  expect(rec.ofType('phase.changed').map((e) => `${e.phase}${e.reason ? ` (${e.reason})` : ''}`)).toEqual([
    'resolve',
    'package',
    'check',
    'watch (attached to a running operation)',
    'check (after the running operation ended)',
    'done (the template, parameters and tags equal the deployed ones)',
  ]);
  // The attached session saw the first session's update end, from its own events.
  expect(rec.ofType('stack.event').some((e) => e.event.logicalId === 'SlowDb' && e.event.status === 'UPDATE_COMPLETE')).toBe(true);
  expect(secondResult).toMatchObject({ outcome: 'no-changes', exitCode: 0, stackStatus: 'UPDATE_COMPLETE' });
}, 120_000);
