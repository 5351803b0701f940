/**
 * The deploy engine end to end on the local cloud through the real SDK clients: the ordered events
 * of create, no-change, update, refusal, failure with rollback, cancel, recovery and delete.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListChangeSetsCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDelete, runRollback } from '../../../src/engine/deploy/stack-operation-machines.js';
import { copyExample, editFile } from '../examples/example-deployer.js';
import { phasesOf, REGION, shapeOf, startDeployCloud, STUCK_V1, STUCK_V2, type DeployCloud } from './deploy-harness.js';

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

  it('updates: a modify and an added bucket in the plan, the script runs again', async () => {
    editFile(example.configFile, (t) => t.replace('memory: 256', 'memory: 512') + ARCHIVE);
    const { result, rec } = await local.deploy(example.dir);
    expect(result.error?.message).toBeUndefined();
    const plan = rec.ofType('plan.ready')[0]!;
    expect(plan.changeSetType).toBe('UPDATE');
    const byId = Object.fromEntries(plan.changes.map((c) => [c.logicalId, c.action]));
    expect(byId.WriteNoteFunction).toBe('modify');
    expect(byId.Archive).toBe('add');
    expect(rec.ofType('script.started').map((e) => [e.script, e.trigger])).toEqual([['greet', 'deploy']]);
    expect(result).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_COMPLETE' });
  }, 120_000);

  it('the session reruns a deployment script on the operator\'s command, streaming its output', async () => {
    const { result, rec, session } = await local.deploy(example.dir, { rerunScripts: true });
    expect(result).toMatchObject({ outcome: 'succeeded' });
    const before = rec.events.length;
    await session.rerunScript('greet');
    const rerun = rec.events.slice(before);
    expect(rerun.filter((e) => e.type === 'script.started').map((e) => e.type === 'script.started' && e.trigger)).toEqual(['rerun']);
    expect(rerun.filter((e) => e.type === 'script.log').map((e) => (e.type === 'script.log' ? e.line : ''))).toContain('all good');
    expect(rerun.filter((e) => e.type === 'script.finished')).toEqual([expect.objectContaining({ script: 'greet', ok: true })]);
    await expect(session.rerunScript('nope')).rejects.toMatchObject({ code: 'STP_UNKNOWN_SCRIPT' });
  }, 120_000);

  it('refuses a destructive plan headless (exit 3, plan shown, change set deleted, stack untouched)', async () => {
    editFile(example.configFile, (t) => t.replace(ARCHIVE, ''));
    const { result, rec } = await local.deploy(example.dir);
    expect(phasesOf(rec)).toEqual(['resolve', 'package', 'check', 'change-set', 'classify', 'gate']);
    const plan = rec.ofType('plan.ready')[0]!;
    expect(plan.changes.find((c) => c.logicalId === 'Archive')).toMatchObject({ action: 'remove', dataLoss: true, policyAction: 'Delete' });
    expect(rec.ofType('approval.answered')).toEqual([expect.objectContaining({ approved: false, by: 'policy' })]);
    expect(rec.ofType('error')).toEqual([
      expect.objectContaining({
        code: 'STP_APPROVAL_REQUIRED',
        phase: 'gate',
        message: expect.stringContaining('changes that destroy data: Archive (remove, data loss)'),
      }),
    ]);
    expect(result).toMatchObject({ outcome: 'refused', exitCode: 3 });
    const sets = await local.clients.cloudFormation.send(new ListChangeSetsCommand({ StackName: 'hello-script-dev' }));
    // Executed change sets may linger (the local cloud keeps them); none is left waiting.
    expect((sets.Summaries ?? []).filter((c) => c.ExecutionStatus === 'AVAILABLE')).toEqual([]);

    const approved = await local.deploy(example.dir, { yes: true });
    expect(approved.rec.ofType('approval.answered')).toEqual([expect.objectContaining({ approved: true, by: 'flag' })]);
    expect(approved.result).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_COMPLETE' });
  }, 120_000);

  it('an after:deploy script that throws rolls the update back: its error, its lines and the first cause', async () => {
    const script = path.join(example.dir, 'src/greet.ts');
    const original = readFileSync(script, 'utf8');
    writeFileSync(script, original.replace("console.log('all good');", "console.log('about to fail');\n  throw new Error('the greeting was refused');"));
    try {
      const { result, rec } = await local.deploy(example.dir);
      expect(rec.ofType('script.log').map((e) => e.line)).toContain('about to fail');
      expect(rec.ofType('script.finished')).toEqual([expect.objectContaining({ script: 'greet', ok: false, error: expect.stringContaining('the greeting was refused') })]);
      const cause = rec.ofType('first-cause')[0]!;
      expect(cause).toMatchObject({ logicalId: 'GreetScriptCustomResource', owner: 'greet' });
      expect(cause.reason).toContain('the greeting was refused');
      expect(rec.ofType('error').at(-1)).toMatchObject({ code: 'STP_ROLLED_BACK', phase: 'watch' });
      expect(result).toMatchObject({ outcome: 'rolled-back', exitCode: 1, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    } finally {
      writeFileSync(script, original);
    }
  }, 120_000);

  it('UPDATE_ROLLBACK_FAILED needs attention (exit 4); stp rollback with a skip recovers it', async () => {
    editFile(example.configFile, (t) => t + STUCK_V1);
    const v1 = await local.deploy(example.dir);
    expect(v1.result, JSON.stringify(v1.rec.ofType('error'))).toMatchObject({ outcome: 'succeeded' });
    editFile(example.configFile, (t) => t.replace(STUCK_V1, STUCK_V2));
    const stuck = await local.deploy(example.dir);
    expect(stuck.result).toMatchObject({ outcome: 'needs-attention', exitCode: 4, stackStatus: 'UPDATE_ROLLBACK_FAILED' });
    expect(stuck.rec.ofType('error').at(-1)).toMatchObject({ code: 'STP_STACK_NEEDS_ATTENTION', fix: expect.stringContaining('stp rollback --skip') });

    const again = await local.deploy(example.dir);
    expect(again.result).toMatchObject({ outcome: 'failed', exitCode: 4 });
    expect(again.rec.ofType('error')[0]).toMatchObject({ code: 'STP_STACK_ROLLBACK_FAILED', phase: 'check' });

    const { ctx, rec } = local.context();
    const recovered = await runRollback(ctx, { project: { cwd: example.dir, configPath: example.dir, stage: 'dev', region: REGION }, skip: ['First'] });
    expect(phasesOf(rec)).toEqual(['resolve', 'check', 'execute', 'watch', 'done']);
    expect(rec.ofType('phase.changed').find((e) => e.phase === 'execute')?.reason).toBe('ContinueUpdateRollback');
    expect(recovered).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'UPDATE_ROLLBACK_COMPLETE' });
    editFile(example.configFile, (t) => t.replace(STUCK_V2, ''));
  }, 120_000);

  it('deletes: every resource listed for removal, refused headless without --yes, the before:delete script runs', async () => {
    const project = { cwd: example.dir, configPath: example.dir, stage: 'dev', region: REGION };
    const first = local.context();
    const refused = await runDelete(first.ctx, { project, yes: false, interactive: false });
    expect(refused).toMatchObject({ outcome: 'refused', exitCode: 3 });
    const plan = first.rec.ofType('plan.ready')[0]!;
    expect(plan.changeSetType).toBe('DELETE');
    expect(plan.changes.every((c) => c.action === 'remove')).toBe(true);
    expect(plan.changes.find((c) => c.logicalId === 'NotesBucket')).toMatchObject({ owner: 'notes', dataLoss: true });

    const { ctx, rec } = local.context();
    const deleted = await runDelete(ctx, { project, yes: true, interactive: false });
    expect(phasesOf(rec)).toEqual(['resolve', 'check', 'classify', 'gate', 'execute', 'watch', 'done']);
    expect(rec.ofType('script.started').map((e) => [e.script, e.trigger])).toEqual([['farewell', 'delete']]);
    // The script's lines race the deletion of its own log group (the stack deletes it right after
    // the script's resource; at time scale 600 at once): when they are read, they are exactly these.
    const lines = rec.ofType('script.log').map((e) => e.line);
    expect(lines.filter((line) => line !== 'goodbye: the stack is being deleted')).toEqual([]);
    expect(rec.ofType('script.finished')).toEqual([expect.objectContaining({ script: 'farewell', ok: true })]);
    expect(deleted).toMatchObject({ outcome: 'succeeded', exitCode: 0, stackStatus: 'DELETE_COMPLETE' });

    const gone = local.context();
    expect(await runDelete(gone.ctx, { project, yes: true, interactive: false })).toMatchObject({ outcome: 'no-changes', exitCode: 0 });
  }, 120_000);
});

const ARCHIVE = `
cloudformationResources:
  Archive:
    Type: AWS::S3::Bucket
`;
