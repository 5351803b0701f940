/**
 * A `$Secret` never reaches anything stp shows or writes: not the plain lines, not the NDJSON
 * events, not GitHub Actions annotations or the job summary, not the compiled template, not a file stp leaves in the project (the local cloud's own
 * state, which plays the role of AWS's storage, aside). The value does reach the function that asked
 * for it, through CloudFormation's dynamic reference, as on AWS.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runStp } from '../../support/run-stp.js';
import { copyExample, editFile } from '../examples/example-deployer.js';

const SECRET = 'pA55-w0rd-that-must-never-show-7f3a';
const example = copyExample('hello-script');
const env = { STP_LOCAL_TIME_SCALE: '600', CI: 'true' };
const stp = (args: string[], stdin?: string) => runStp([...args, '--local', '--region', 'eu-west-1'], { cwd: example.dir, env, ...(stdin !== undefined ? { stdin } : {}) });

afterAll(() => example.remove());

/** Every file under dir, except the local cloud's state (AWS's side of the line). */
function projectFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (entry === 'node_modules' || full === path.join(example.dir, '.stp', 'local')) continue;
    if (statSync(full).isDirectory()) out.push(...projectFiles(full));
    else out.push(full);
  }
  return out;
}

it('$Secret values never appear in output, events, templates or files stp writes', async () => {
  const created = await stp(['secret:create', 'hello-db'], JSON.stringify({ password: SECRET }));
  expect(created.code, created.stderr).toBe(0);
  expect(created.stdout + created.stderr).not.toContain(SECRET);
  editFile(example.configFile, (text) =>
    text.replace("      # Grants read/write on the bucket and injects STP_NOTES_NAME.", "      environment:\n        - name: DB_PASSWORD\n          value: $Secret('hello-db.password')\n      # Grants read/write on the bucket and injects STP_NOTES_NAME."),
  );

  const compiled = await stp(['compile']);
  expect(compiled.code, compiled.stderr).toBe(0);
  expect(compiled.stdout).toContain('{{resolve:secretsmanager:hello-db:SecretString:password');
  const json = await stp(['deploy', '--json']);
  expect(json.code, json.stderr).toBe(0);
  expect(json.stdout).toContain('"type":"result"');
  editFile(example.configFile, (text) => text.replace('memory: 256', 'memory: 512'));
  // Under GitHub Actions: the annotations and the job summary (written into the project, so the
  // file check below reads it) hold no secret either.
  const summary = path.join(example.dir, 'step-summary.md');
  const plain = await runStp(['deploy', '--local', '--region', 'eu-west-1'], { cwd: example.dir, env: { ...env, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary } });
  expect(plain.code, plain.stdout + plain.stderr).toBe(0);
  expect(plain.stdout).toContain('::group::Plan: 2 to modify');
  expect(readFileSync(summary, 'utf8')).toContain('| `WriteNoteFunction` | `AWS::Lambda::Function` | modify |');
  const status = await stp(['status', '--json']);
  expect(status.code, status.stderr).toBe(0);

  for (const run of [compiled, json, plain, status]) {
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stderr).not.toContain(SECRET);
  }
  const files = projectFiles(example.dir);
  expect(files.length).toBeGreaterThan(3);
  for (const file of files) expect(readFileSync(file).includes(SECRET), file).toBe(false);

  // The value is where it belongs: in the secret, shown only on explicit request.
  const shown = await stp(['secret:get', 'hello-db']);
  expect(shown.stdout).toContain(SECRET);
}, 240_000);
