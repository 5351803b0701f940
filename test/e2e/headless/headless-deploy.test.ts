/**
 * `stp deploy --ci` as a pipeline runs it: the built binary, no TTY, CI set, the local cloud. Each
 * headless path with its exact lines (normalised only for times, durations, the port and generated
 * names; see test/support/headless-lines.ts) and its exit code: a new stack, no change, a refused
 * destructive change, a failing script rolled back, and output piped into `head`.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deployBlocks, normaliseLine, normaliseLines } from '../../support/headless-lines.js';
import { runStp, stpBin } from '../../support/run-stp.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
// 1 emulated second = 1/15 s: fast, yet the scripts' 30 s timeout leaves 2 s of wall time.
// No "still working" lines (a minute of silence by default): the lines compared here are exact.
const env = { STP_LOCAL_TIME_SCALE: '15', CI: 'true', STP_CI_HEARTBEAT_S: '0' };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });

afterAll(() => example.remove());

const ARCHIVE = `
cloudformationResources:
  Archive:
    Type: AWS::SNS::Topic
`;

const greetSource = path.join(example.dir, 'src', 'greet.ts');
const FAILING = "console.log('about to fail');\n  throw new Error('smoke check failed: expected 200, got 503');";

const OUTPUTS = [
  'HH:MM:SS Outputs:',
  'HH:MM:SS   NotesArn              arn:aws:s3:::hello-script-dev-notesbucket-ID',
  'HH:MM:SS   notesBucket           hello-script-dev-notesbucket-ID',
  'HH:MM:SS   NotesName             hello-script-dev-notesbucket-ID',
  'HH:MM:SS   WriteNoteArn          arn:aws:lambda:eu-west-1:000000000000:function:hello-script-dev-writeNote',
  'HH:MM:SS   WriteNoteLogGroupArn  arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/hello-script-dev-writeNote:*',
];

describe('stp deploy --ci on the local cloud', () => {
  it('stp status --json before the first deploy: not deployed (exit 0)', async () => {
    const run = await stp('status', '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ stackName: 'hello-script-dev', exists: false });
  }, 60_000);

  it('a new stack: the plan, every resource status change, the script output, outputs and a last line with the state (exit 0)', async () => {
    editFile(example.configFile, (t) => t + ARCHIVE);
    const run = await stp('deploy', '--ci');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    const { head, watch, tail } = deployBlocks(run.stdout);
    expect(head).toEqual([
      'HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
      'HH:MM:SS ▸ resolve',
      'HH:MM:SS ▸ package',
      'HH:MM:SS   code farewell: built',
      'HH:MM:SS   code farewell: uploaded',
      'HH:MM:SS   code greet: built',
      'HH:MM:SS   code greet: uploaded',
      'HH:MM:SS   code stp:deployment-script-runner: built',
      'HH:MM:SS   code stp:deployment-script-runner: uploaded',
      'HH:MM:SS   code writeNote: built',
      'HH:MM:SS   code writeNote: uploaded',
      'HH:MM:SS ▸ check',
      'HH:MM:SS ▸ change-set (new stack)',
      'HH:MM:SS ▸ classify',
      'HH:MM:SS Plan (new stack): 16 to add, 0 to modify, 0 to replace, 0 may replace, 0 to remove',
      'HH:MM:SS     resource   logical id                         type                         change       details',
      'HH:MM:SS   + farewell   FarewellFunction                   AWS::Lambda::Function        add',
      'HH:MM:SS   + farewell   FarewellLogGroup                   AWS::Logs::LogGroup          add',
      'HH:MM:SS   + farewell   FarewellRole                       AWS::IAM::Role               add          broadens access',
      'HH:MM:SS   + farewell   FarewellScriptCustomResource       Custom::StpDeploymentScript  add',
      'HH:MM:SS   + greet      GreetFunction                      AWS::Lambda::Function        add',
      'HH:MM:SS   + greet      GreetLogGroup                      AWS::Logs::LogGroup          add',
      'HH:MM:SS   + greet      GreetRole                          AWS::IAM::Role               add          broadens access',
      'HH:MM:SS   + greet      GreetScriptCustomResource          Custom::StpDeploymentScript  add',
      'HH:MM:SS   + notes      NotesBucket                        AWS::S3::Bucket              add',
      'HH:MM:SS   + writeNote  WriteNoteFunction                  AWS::Lambda::Function        add',
      'HH:MM:SS   + writeNote  WriteNoteLogGroup                  AWS::Logs::LogGroup          add',
      'HH:MM:SS   + writeNote  WriteNoteRole                      AWS::IAM::Role               add          broadens access',
      'HH:MM:SS   + (stp)      Archive                            AWS::SNS::Topic              add',
      'HH:MM:SS   + (stp)      StpDeploymentScriptRunnerFunction  AWS::Lambda::Function        add',
      'HH:MM:SS   + (stp)      StpDeploymentScriptRunnerLogGroup  AWS::Logs::LogGroup          add',
      'HH:MM:SS   + (stp)      StpDeploymentScriptRunnerRole      AWS::IAM::Role               add          broadens access',
      'HH:MM:SS ▸ gate',
      'HH:MM:SS ▸ execute',
      'HH:MM:SS ▸ watch',
    ]);
    expect(watch).toEqual([
      'HH:MM:SS   Archive CREATE_COMPLETE',
      'HH:MM:SS   Archive CREATE_IN_PROGRESS',
      'HH:MM:SS   StpDeploymentScriptRunnerFunction CREATE_COMPLETE',
      'HH:MM:SS   StpDeploymentScriptRunnerFunction CREATE_IN_PROGRESS',
      'HH:MM:SS   StpDeploymentScriptRunnerLogGroup CREATE_COMPLETE',
      'HH:MM:SS   StpDeploymentScriptRunnerLogGroup CREATE_IN_PROGRESS',
      'HH:MM:SS   StpDeploymentScriptRunnerRole CREATE_COMPLETE',
      'HH:MM:SS   StpDeploymentScriptRunnerRole CREATE_IN_PROGRESS',
      'HH:MM:SS   farewell/FarewellFunction CREATE_COMPLETE',
      'HH:MM:SS   farewell/FarewellFunction CREATE_IN_PROGRESS',
      'HH:MM:SS   farewell/FarewellLogGroup CREATE_COMPLETE',
      'HH:MM:SS   farewell/FarewellLogGroup CREATE_IN_PROGRESS',
      'HH:MM:SS   farewell/FarewellRole CREATE_COMPLETE',
      'HH:MM:SS   farewell/FarewellRole CREATE_IN_PROGRESS',
      'HH:MM:SS   farewell/FarewellScriptCustomResource CREATE_COMPLETE',
      'HH:MM:SS   farewell/FarewellScriptCustomResource CREATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetFunction CREATE_COMPLETE',
      'HH:MM:SS   greet/GreetFunction CREATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetLogGroup CREATE_COMPLETE',
      'HH:MM:SS   greet/GreetLogGroup CREATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetRole CREATE_COMPLETE',
      'HH:MM:SS   greet/GreetRole CREATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetScriptCustomResource CREATE_COMPLETE',
      'HH:MM:SS   greet/GreetScriptCustomResource CREATE_IN_PROGRESS',
      'HH:MM:SS   notes/NotesBucket CREATE_COMPLETE',
      'HH:MM:SS   notes/NotesBucket CREATE_IN_PROGRESS',
      'HH:MM:SS   writeNote/WriteNoteFunction CREATE_COMPLETE',
      'HH:MM:SS   writeNote/WriteNoteFunction CREATE_IN_PROGRESS',
      'HH:MM:SS   writeNote/WriteNoteLogGroup CREATE_COMPLETE',
      'HH:MM:SS   writeNote/WriteNoteLogGroup CREATE_IN_PROGRESS',
      'HH:MM:SS   writeNote/WriteNoteRole CREATE_COMPLETE',
      'HH:MM:SS   writeNote/WriteNoteRole CREATE_IN_PROGRESS',
      'HH:MM:SS greet │ all good',
      'HH:MM:SS greet │ bucket:   hello-script-dev-notesbucket-ID',
      'HH:MM:SS greet │ function: hello-script-dev-writeNote',
      'HH:MM:SS greet │ hello from stp (stage dev)',
      'HH:MM:SS greet ▶ started (deploy)',
      'HH:MM:SS greet ✓ finished in DURATION',
      'HH:MM:SS hello-script-dev CREATE_COMPLETE',
      'HH:MM:SS hello-script-dev CREATE_IN_PROGRESS — User Initiated',
    ]);
    expect(tail).toEqual([
      'HH:MM:SS Outputs:',
      'HH:MM:SS   NotesArn              arn:aws:s3:::hello-script-dev-notesbucket-ID',
      'HH:MM:SS   notesBucket           hello-script-dev-notesbucket-ID',
      'HH:MM:SS   NotesName             hello-script-dev-notesbucket-ID',
      'HH:MM:SS   WriteNoteArn          arn:aws:lambda:eu-west-1:000000000000:function:hello-script-dev-writeNote',
      'HH:MM:SS   WriteNoteLogGroupArn  arn:aws:logs:eu-west-1:000000000000:log-group:/aws/lambda/hello-script-dev-writeNote:*',
      'HH:MM:SS Plan: 16 to add (16 changes)',
      'HH:MM:SS ✓ deployed hello-script-dev (CREATE_COMPLETE) in DURATION',
    ]);
  }, 120_000);

  it('no change: no change set, the outputs and "no changes" with the state (exit 0)', async () => {
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(normaliseLines(run.stdout)).toEqual([
      'HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
      'HH:MM:SS ▸ resolve',
      'HH:MM:SS ▸ package',
      'HH:MM:SS ▸ check',
      'HH:MM:SS ▸ done: the template, parameters and tags equal the deployed ones',
      ...OUTPUTS,
      'HH:MM:SS ✓ no changes: hello-script-dev (CREATE_COMPLETE) is up to date',
    ]);
  }, 120_000);

  it('a destructive change headless without --yes: the plan, the refusal with its fix, nothing changed (exit 3)', async () => {
    editFile(example.configFile, (t) => t.replace(ARCHIVE, ''));
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(normaliseLines(run.stdout)).toEqual([
      'HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
      'HH:MM:SS ▸ resolve',
      'HH:MM:SS ▸ package',
      'HH:MM:SS ▸ check',
      'HH:MM:SS ▸ change-set',
      'HH:MM:SS ▸ classify',
      'HH:MM:SS Plan (update): 0 to add, 1 to modify, 0 to replace, 0 may replace, 1 to remove',
      'HH:MM:SS     resource  logical id                 type                         change       details',
      'HH:MM:SS   ~ greet     GreetScriptCustomResource  Custom::StpDeploymentScript  modify       Properties.DeploymentId',
      'HH:MM:SS   − (stp)     Archive                    AWS::SNS::Topic              remove',
      'HH:MM:SS ▸ gate',
      'HH:MM:SS ✗ not approved (policy)',
      'HH:MM:SS error The plan has destructive changes: Archive (remove), and --require-approval destructive needs an approval that nobody can give here (headless). (in gate)',
      'HH:MM:SS   fix: Review the plan above, then run again with --yes to approve it (or with --require-approval never).',
      'HH:MM:SS Plan: 1 to modify, 1 to remove (2 changes)',
      'HH:MM:SS ✗ refused: nothing changed in hello-script-dev (CREATE_COMPLETE) (exit 3)',
    ]);
  }, 120_000);

  it('a failing after:deploy script: its output, the first cause block, the rollback, and the state (exit 1)', async () => {
    editFile(example.configFile, (t) => t + ARCHIVE);
    editFile(greetSource, (t) => t.replace("console.log('all good');", FAILING));
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const { head, watch, tail } = deployBlocks(run.stdout);
    expect(head).toEqual([
      'HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
      'HH:MM:SS ▸ resolve',
      'HH:MM:SS ▸ package',
      'HH:MM:SS   code greet: built',
      'HH:MM:SS   code greet: uploaded',
      'HH:MM:SS ▸ check',
      'HH:MM:SS ▸ change-set',
      'HH:MM:SS ▸ classify',
      'HH:MM:SS Plan (update): 0 to add, 3 to modify, 0 to replace, 2 may replace, 0 to remove',
      'HH:MM:SS     resource  logical id                         type                         change       details',
      'HH:MM:SS   ? farewell  FarewellScriptCustomResource       Custom::StpDeploymentScript  may replace  Properties.ServiceToken (Always, dynamic)',
      'HH:MM:SS   ~ greet     GreetFunction                      AWS::Lambda::Function        modify       Properties.Code',
      'HH:MM:SS   ? greet     GreetScriptCustomResource          Custom::StpDeploymentScript  may replace  Properties.ServiceToken (Always, dynamic)',
      'HH:MM:SS   ~ (stp)     StpDeploymentScriptRunnerFunction  AWS::Lambda::Function        modify       Properties.Role',
      'HH:MM:SS   ~ (stp)     StpDeploymentScriptRunnerRole      AWS::IAM::Role               modify       Properties.Policies  broadens access',
      'HH:MM:SS ▸ gate',
      'HH:MM:SS ▸ execute',
      'HH:MM:SS ▸ watch',
    ]);
    // greet runs once, for the update: the rollback sends its old properties back without running it.
    expect(watch).toEqual([
      'HH:MM:SS   greet/GreetFunction UPDATE_COMPLETE',
      'HH:MM:SS   greet/GreetFunction UPDATE_COMPLETE',
      'HH:MM:SS   greet/GreetFunction UPDATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetFunction UPDATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetScriptCustomResource UPDATE_COMPLETE',
      'HH:MM:SS   greet/GreetScriptCustomResource UPDATE_FAILED — Received response status [FAILED] from custom resource. Message returned: smoke check failed: expected 200, got 503 (RequestId: ID)',
      'HH:MM:SS   greet/GreetScriptCustomResource UPDATE_IN_PROGRESS',
      'HH:MM:SS   greet/GreetScriptCustomResource UPDATE_IN_PROGRESS',
      'HH:MM:SS greet │     at greet_default (file:///TASK/index.mjs:11:9)',
      'HH:MM:SS greet │ Invoke Error: Error: smoke check failed: expected 200, got 503',
      'HH:MM:SS greet │ about to fail',
      'HH:MM:SS greet │ bucket:   hello-script-dev-notesbucket-ID',
      'HH:MM:SS greet │ function: hello-script-dev-writeNote',
      'HH:MM:SS greet │ hello from stp (stage dev)',
      'HH:MM:SS greet ▶ started (deploy)',
      'HH:MM:SS greet ✗ failed: smoke check failed: expected 200, got 503',
      'HH:MM:SS hello-script-dev UPDATE_IN_PROGRESS — User Initiated',
      'HH:MM:SS hello-script-dev UPDATE_ROLLBACK_COMPLETE',
      'HH:MM:SS hello-script-dev UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
      'HH:MM:SS hello-script-dev UPDATE_ROLLBACK_IN_PROGRESS — The following resource(s) failed to update: [GreetScriptCustomResource].',
    ]);
    expect(tail).toEqual([
      'HH:MM:SS First cause: greet (GreetScriptCustomResource, Custom::StpDeploymentScript)',
      'HH:MM:SS   Received response status [FAILED] from custom resource. Message returned: smoke check failed: expected 200, got 503 (RequestId: ID)',
      'HH:MM:SS   script error: smoke check failed: expected 200, got 503',
      'HH:MM:SS   last lines of the script:',
      'HH:MM:SS     hello from stp (stage dev)',
      'HH:MM:SS     function: hello-script-dev-writeNote',
      'HH:MM:SS     bucket:   hello-script-dev-notesbucket-ID',
      'HH:MM:SS     about to fail',
      'HH:MM:SS     Invoke Error: Error: smoke check failed: expected 200, got 503',
      'HH:MM:SS         at greet_default (file:///TASK/index.mjs:11:9)',
      'HH:MM:SS error The operation failed and CloudFormation rolled hello-script-dev back (UPDATE_ROLLBACK_COMPLETE): greet: Received response status [FAILED] from custom resource. Message returned: smoke check failed: expected 200, got 503 (RequestId: ID) (in watch)',
      'HH:MM:SS   fix: Fix the first cause above and deploy again.',
      'HH:MM:SS Plan: 3 to modify, 2 may replace (5 changes)',
      'HH:MM:SS ✗ failed and rolled back: hello-script-dev (UPDATE_ROLLBACK_COMPLETE) after DURATION',
    ]);
  }, 120_000);

  it('stp status --json after the rollback: the stack, its last operation, resources in config names and outputs', async () => {
    const run = await stp('status', '--json');
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { stackName: string; exists: boolean; stack: { status: string; outputs: Record<string, string> }; lastOperation?: { status: string }; resources: { logicalId: string; owner?: string; status: string }[] };
    expect(report).toMatchObject({ stackName: 'hello-script-dev', exists: true, stack: { status: 'UPDATE_ROLLBACK_COMPLETE' } });
    expect(report.lastOperation?.status).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(report.resources.map((r) => `${r.owner ?? '(stp)'} ${r.logicalId}`).sort()).toEqual([
      '(stp) Archive',
      '(stp) StpDeploymentScriptRunnerFunction',
      '(stp) StpDeploymentScriptRunnerLogGroup',
      '(stp) StpDeploymentScriptRunnerRole',
      'farewell FarewellFunction',
      'farewell FarewellLogGroup',
      'farewell FarewellRole',
      'farewell FarewellScriptCustomResource',
      'greet GreetFunction',
      'greet GreetLogGroup',
      'greet GreetRole',
      'greet GreetScriptCustomResource',
      'notes NotesBucket',
      'writeNote WriteNoteFunction',
      'writeNote WriteNoteLogGroup',
      'writeNote WriteNoteRole',
    ]);
    expect(Object.keys(report.stack.outputs).sort()).toEqual(['FarewellScriptParameters', 'GreetScriptParameters', 'NotesArn', 'NotesName', 'WriteNoteArn', 'WriteNoteLogGroupArn', 'notesBucket']);
  }, 60_000);

  it('piped into head -5: head gets five lines, stp finishes the deploy quietly and exits with its code', () => {
    // A change, so the deploy has work left when head closes the pipe.
    editFile(greetSource, (t) => t.replace(FAILING, "console.log('all good');"));
    editFile(example.configFile, (t) => t.replace('memory: 256', 'memory: 512'));
    const piped = spawnSync('bash', ['-c', `set -o pipefail; node ${stpBin} deploy --ci --local --region eu-west-1 2>stderr.txt | head -5; echo "exit \${PIPESTATUS[0]}"`], {
      cwd: example.dir,
      env: { ...process.env, ...env, NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = piped.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    // The next two depend on the package cache (a function rebuilt or not); the first three do not.
    expect(lines.slice(0, 3).map(normaliseLine)).toEqual([
      'HH:MM:SS stp deploy hello-script-dev · stage dev · eu-west-1 · the local cloud (http://127.0.0.1:PORT, in this process, state in .stp/local)',
      'HH:MM:SS ▸ resolve',
      'HH:MM:SS ▸ package',
    ]);
    expect(lines[5]).toBe('exit 0');
    // No EPIPE trace, no warning: the reader going away is not an error.
    expect(readFileSync(path.join(example.dir, 'stderr.txt'), 'utf8')).toBe('');
  }, 120_000);
});
