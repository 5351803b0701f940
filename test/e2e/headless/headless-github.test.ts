/**
 * `stp deploy` in a GitHub Actions step (GITHUB_ACTIONS=true, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE
 * set as the runner sets them) against the local cloud: the plan and the script's output in groups,
 * the first cause and config errors as `::error` on their line of stacktape.yml, and the job summary.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const summaryFile = path.join(example.dir, 'step-summary.md');
const env = { STP_LOCAL_TIME_SCALE: '15', CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: path.dirname(example.dir) };
const stp = (...args: string[]) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env });
const configName = `${path.basename(example.dir)}/stacktape.yml`;
afterAll(() => example.remove());

const commands = (stdout: string) => stdout.split('\n').filter((l) => l.startsWith('::'));

describe('stp deploy under GitHub Actions', () => {
  it('groups the plan and the script output, and appends the job summary (exit 0)', async () => {
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(commands(run.stdout)).toEqual(['::group::Plan: 15 to add', '::endgroup::', '::group::greet │ output', '::endgroup::']);
    const lines = run.stdout.split('\n');
    // Inside the plan's group: its table; inside the script's: only its lines.
    const plan = lines.slice(lines.indexOf('::group::Plan: 15 to add') + 1, lines.indexOf('::endgroup::'));
    expect(plan).toHaveLength(17);
    expect(plan[0]).toMatch(/ Plan \(new stack\): 15 to add, 0 to modify/);
    const script = lines.slice(lines.indexOf('::group::greet │ output') + 1, lines.lastIndexOf('::endgroup::'));
    expect(script.map((l) => l.slice(9))).toEqual(['greet │ hello from stp (stage dev)', 'greet │ function: hello-script-dev-writeNote', expect.stringMatching(/^greet │ bucket: {3}hello-script-dev-notesbucket-/), 'greet │ all good']);

    const summary = readFileSync(summaryFile, 'utf8');
    expect(summary.split('\n').slice(0, 5)).toEqual(['### stp deploy `hello-script-dev`: ✅ succeeded', '', '| | |', '|---|---|', '| outcome | succeeded (exit 0) |']);
    expect(summary).toContain('| stack status | `CREATE_COMPLETE` |');
    expect(summary).toContain('| + | greet | `GreetScriptCustomResource` | `Custom::StpDeploymentScript` | add |  |');
    // Another endpoint than AWS's: log groups by name, no console links.
    expect(summary).toContain('| greet | deployment script | `/aws/lambda/hello-script-dev-greet` |');
    expect(summary).not.toContain('console.aws.amazon.com');
    rmSync(summaryFile);
  }, 120_000);

  it('a failing script: ::error at the script in stacktape.yml with the first cause (exit 1)', async () => {
    editFile(path.join(example.dir, 'src', 'greet.ts'), (t) => t.replace("console.log('all good');", "throw new Error('smoke check failed');"));
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const errors = commands(run.stdout).filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    // `greet:` is on line 26, column 3 of the example's stacktape.yml.
    // Only the properties escape ':' (their delimiter); the message keeps it.
    expect(errors[0]!.startsWith(`::error file=${configName},line=26,col=3,title=First cause%3A greet (GreetScriptCustomResource)::Received response status [FAILED] from custom resource. Message returned: smoke check failed (RequestId: `)).toBe(true);
    expect(errors[0]).toContain('%0Ascript error: smoke check failed%0Alast lines of the script:%0A  hello from stp (stage dev)');
    expect(readFileSync(summaryFile, 'utf8')).toContain('#### First cause\n\n**greet** (`GreetScriptCustomResource`, `Custom::StpDeploymentScript`): Received response status [FAILED]');
  }, 120_000);

  it('a config error: one ::error per problem at its file, line and column (exit 2)', async () => {
    editFile(example.configFile, (t) => t.replace('type: bucket', 'type: buckett'));
    const run = await stp('deploy');
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(commands(run.stdout)).toEqual([expect.stringMatching(new RegExp(`^::error file=${configName.replace(/[.]/g, '\\.')},line=11,col=11,title=STP_CONFIG_[A-Z_]+::`))]);
    // The code frame is for a person, on stderr.
    expect(run.stderr).toContain('stacktape.yml:11:11');
  }, 120_000);

  it('with --json: stdout stays NDJSON, the groups and annotations go to stderr with the plain lines', async () => {
    editFile(example.configFile, (t) => t.replace('type: buckett', 'type: bucket'));
    const run = await stp('deploy', '--json');
    expect(run.code, run.stderr).toBe(1);
    const stdout = run.stdout.trimEnd().split('\n');
    expect(stdout.every((l) => l.startsWith('{"type":'))).toBe(true);
    expect(commands(run.stderr).filter((l) => l.startsWith('::error'))).toEqual([expect.stringMatching(new RegExp(`^::error file=${configName.replace(/[.]/g, '\\.')},line=26,col=3,title=First cause%3A greet `))]);
    expect(commands(run.stderr)).toContain('::group::greet │ output');
  }, 120_000);
});
