/**
 * The deploy commands as a user runs them (the built binary, no TTY, --local): exit codes, the
 * plain lines and the NDJSON stream.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../examples/example-deployer.js';

const example = copyExample('hello-script');
const env = { STP_LOCAL_TIME_SCALE: '600', CI: 'true' };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });

afterAll(() => example.remove());

const ARCHIVE = `
cloudformationResources:
  Archive:
    Type: AWS::S3::Bucket
`;

describe('stp deploy / preview / status / delete on the local cloud', () => {
  it('deploy --json: one event per line, ordered, ending in a succeeded result (exit 0)', async () => {
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(0);
    const events = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; v: number; seq: number; outcome?: string });
    expect(events.every((e) => e.v === 1)).toBe(true);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[0]!.type).toBe('session.started');
    expect(events.at(-1)).toMatchObject({ type: 'result', outcome: 'succeeded', exitCode: 0, stackStatus: 'CREATE_COMPLETE' });
    expect(events.some((e) => e.type === 'script.log')).toBe(true);
  }, 120_000);

  it('deploy again: "no changes" (exit 0); preview --detailed-exitcode: 0', async () => {
    const again = await stp('deploy');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/✓ no changes: hello-script-dev \(CREATE_COMPLETE\) is up to date\n$/);
    expect((await stp('preview', '--detailed-exitcode')).code).toBe(0);
  }, 120_000);

  it('preview --detailed-exitcode: 5 for changes, and the change set is gone afterwards', async () => {
    editFile(example.configFile, (t) => t.replace('memory: 256', 'memory: 512') + ARCHIVE);
    const preview = await stp('preview', '--detailed-exitcode');
    expect(preview.code, preview.stdout + preview.stderr).toBe(5);
    expect(preview.stdout).toMatch(/~ writeNote +WriteNoteFunction +AWS::Lambda::Function +modify +Properties\.MemorySize/);
    expect(preview.stdout).toMatch(/\+ \(stp\) +Archive +AWS::S3::Bucket +add/);
    expect(preview.stdout).toContain('▸ done: preview only; the change set was deleted');
    const deploy = await stp('deploy');
    expect(deploy.code, deploy.stdout).toBe(0);
    expect(deploy.stdout).toContain('greet │ all good');
    expect(deploy.stdout).toMatch(/✓ deployed hello-script-dev \(UPDATE_COMPLETE\) in /);
  }, 120_000);

  it('a destructive plan: preview exits 6, deploy refuses headless (exit 3) with the plan, --protect refuses even with --yes', async () => {
    editFile(example.configFile, (t) => t.replace(ARCHIVE, ''));
    expect((await stp('preview', '--detailed-exitcode')).code).toBe(6);
    const refused = await stp('deploy');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/− \(stp\) +Archive +AWS::S3::Bucket +remove +DATA LOSS/);
    expect(refused.stdout).toContain('error The plan has changes that destroy data: Archive (remove, data loss)');
    expect(refused.stdout).toContain('fix: Review the plan above, then run again with --yes');
    expect(refused.stdout).toMatch(/✗ refused: nothing changed in hello-script-dev \(UPDATE_COMPLETE\) \(exit 3\)\n$/);
    const protectedRun = await stp('deploy', '--yes', '--protect', 'Archive');
    expect(protectedRun.code).toBe(3);
    expect(protectedRun.stdout).toContain('PROTECTED');
    expect(protectedRun.stdout).toContain('The plan would remove protected Archive (Archive).');
    const approved = await stp('deploy', '--yes');
    expect(approved.code, approved.stdout).toBe(0);
  }, 120_000);

  it('status --json reports the stack, its resources in config names and outputs', async () => {
    const run = await stp('status', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { exists: boolean; stack: { status: string; outputs: Record<string, string> }; resources: { logicalId: string; owner?: string }[] };
    expect(report.exists).toBe(true);
    expect(report.stack.status).toBe('UPDATE_COMPLETE');
    expect(report.resources.find((r) => r.logicalId === 'NotesBucket')?.owner).toBe('notes');
    expect(Object.keys(report.stack.outputs)).toContain('notesBucket');
  }, 120_000);

  it('delete: refused headless without --yes (exit 3, data loss listed); with --yes the before:delete script runs (exit 0)', async () => {
    const refused = await stp('delete');
    expect(refused.code).toBe(3);
    expect(refused.stdout).toMatch(/− notes +NotesBucket +AWS::S3::Bucket +remove +DATA LOSS/);
    expect(refused.stdout).toMatch(/✗ refused: nothing changed in hello-script-dev \(UPDATE_COMPLETE\) \(exit 3\)\n$/);
    const deleted = await stp('delete', '--yes');
    expect(deleted.code, deleted.stdout).toBe(0);
    // The script's lines are not asserted here: with the default 1 s poll the stack deletes the
    // script's log group (time scale 600) before the tail reads it; the engine test with a fast
    // scheduler shows them. The script's run and result are reported either way.
    expect(deleted.stdout).toContain('farewell ▶ started (delete)');
    expect(deleted.stdout).toMatch(/farewell ✓ finished in /);
    expect(deleted.stdout).toMatch(/✓ deleted hello-script-dev \(DELETE_COMPLETE\) in /);
    const status = await stp('status');
    expect(status.stdout).toContain('hello-script-dev is not deployed');
  }, 120_000);

  it('a config error exits 2 with the code frame, before any AWS call', async () => {
    editFile(example.configFile, (t) => t.replace('type: bucket', 'type: buckett'));
    const run = await stp('deploy');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('error The stack config has 1 error. (in resolve)');
    expect(run.stderr).toContain('stacktape.yml:');
    editFile(example.configFile, (t) => t.replace('type: buckett', 'type: bucket'));
  }, 60_000);
});
