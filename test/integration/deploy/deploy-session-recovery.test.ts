/**
 * A deploy that leaves its stack needing attention keeps the session's rollback() and recover(skip)
 * bound: the operator recovers UPDATE_ROLLBACK_FAILED in the same session (what the console's
 * failure screen offers), with its own phases and result.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, editFile } from '../examples/example-deployer.js';
import { startDeployCloud, STUCK_V1, STUCK_V2, type DeployCloud } from './deploy-harness.js';

const example = copyExample('hello-script');
let local: DeployCloud;

beforeAll(async () => {
  local = await startDeployCloud(600);
});

afterAll(async () => {
  await local?.stop();
  example.remove();
});

it('UPDATE_ROLLBACK_FAILED: session.recover(skip) continues the rollback in the same session; nothing is bound after a success', async () => {
  editFile(example.configFile, (t) => t + STUCK_V1);
  expect((await local.deploy(example.dir)).result).toMatchObject({ outcome: 'succeeded' });
  await expect(local.context().session.recover(['First'])).rejects.toThrow('The stack is not in UPDATE_ROLLBACK_FAILED in this session');

  editFile(example.configFile, (t) => t.replace(STUCK_V1, STUCK_V2));
  const stuck = await local.deploy(example.dir);
  expect(stuck.result).toMatchObject({ outcome: 'needs-attention', exitCode: 4, stackStatus: 'UPDATE_ROLLBACK_FAILED' });
  const before = stuck.rec.events.length;
  await stuck.session.recover(['First']);
  const after = stuck.rec.events.slice(before);
  expect(after.filter((e) => e.type === 'phase.changed').map((e) => (e as { phase: string }).phase)).toEqual(['resolve', 'check', 'execute', 'watch', 'done']);
  expect(after.find((e) => e.type === 'phase.changed' && e.phase === 'execute')).toMatchObject({ reason: 'ContinueUpdateRollback' });
  expect(after.at(-1)).toMatchObject({ type: 'result', outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
  // Recovered: the commands are unbound again.
  await expect(stuck.session.recover(['First'])).rejects.toThrow('The stack is not in UPDATE_ROLLBACK_FAILED in this session');
}, 180_000);
