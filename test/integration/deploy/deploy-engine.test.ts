/**
 * The deploy engine end to end on the local cloud through the real SDK clients: the ordered events
 * of create, no-change, update, refusal, failure with rollback, cancel, recovery and delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyExample, editFile } from '../examples/example-deployer.js';
import { phasesOf, shapeOf, startDeployCloud, type DeployCloud } from './deploy-harness.js';

/** 1 emulated minute = 0.1 s. */
const TIME_SCALE = 600;
let local: DeployCloud;
const example = copyExample('hello-script');

beforeAll(async () => {
  local = await startDeployCloud(TIME_SCALE);
}, 60_000);
afterAll(async () => {
  await local?.stop();
  example.remove();
});

describe('deploy engine: hello-script on the local cloud', () => {
  it('creates: every phase in order, the plan, the script output, outputs in the result', async () => {
    const { result, rec } = await local.deploy(example.dir);
    expect(result.error?.message, JSON.stringify(rec.ofType('error'))).toBeUndefined();
    expect(phasesOf(rec)).toEqual(['resolve', 'package', 'check', 'change-set', 'classify', 'gate', 'execute', 'watch', 'done']);
    expect(shapeOf(rec)).toEqual([
      'session.started',
      'phase:resolve',
      'phase:package',
      'phase:check',
      'phase:change-set',
      'phase:classify',
      'plan.ready',
      'phase:gate',
      'phase:execute',
      'phase:watch',
      'script.started',
      'script.finished',
      'phase:done',
      'result',
    ]);
    const plan = rec.ofType('plan.ready')[0]!;
    expect(plan.changeSetType).toBe('CREATE');
    expect(plan.changes.every((c) => c.action === 'add')).toBe(true);
    expect(plan.counts).toMatchObject({ add: plan.changes.length, modify: 0, replace: 0, remove: 0, dataLoss: 0 });
    expect(plan.changes.find((c) => c.logicalId === 'NotesBucket')).toMatchObject({ owner: 'notes', resourceType: 'AWS::S3::Bucket' });
    const lines = rec.ofType('script.log').map((e) => [e.script, e.line]);
    expect(lines).toEqual([
      ['greet', 'hello from stp (stage dev)'],
      ['greet', expect.stringMatching(/^function: hello-script-dev-writeNote/)],
      ['greet', expect.stringMatching(/^bucket: {3}\S+$/)],
      ['greet', 'all good'],
    ]);
    expect(rec.ofType('script.finished')).toEqual([expect.objectContaining({ script: 'greet', ok: true })]);
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    expect(result.outputs.NotesBucket ?? Object.values(result.outputs)[0]).toBeTruthy();
    expect(rec.ofType('result')[0]).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    expect(rec.events.map((e) => e.seq)).toEqual(rec.events.map((_, i) => i + 1));
  }, 120_000);

  it('deploys again with nothing changed: "no changes" without a change set, scripts not re-run', async () => {
    const { result, rec } = await local.deploy(example.dir);
    expect(phasesOf(rec)).toEqual(['resolve', 'package', 'check', 'done']);
    expect(rec.ofType('phase.changed').at(-1)?.reason).toBe('the template, parameters and tags equal the deployed ones');
    expect(result).toMatchObject({ outcome: 'no-changes', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    expect(rec.ofType('script.started')).toEqual([]);
  }, 120_000);
});
