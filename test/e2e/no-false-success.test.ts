import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runStp } from '../support/run-stp.js';

/** The built binary never reports success for what it did not check, or checked differently. */
const scratch = mkdtempSync(path.join(tmpdir(), 'stp-no-false-success-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built stp binary: no false successes', () => {
  it('validate refuses a corpus config that compile refuses, at the same file:line:column', async () => {
    const config = path.join(repoRoot, '../shared/corpus/stacktape-configs/valid/stacktape__starter-nuxtjs-ssr-website-container__stacktape.yml');
    const where = `${config}:33:7  error STP_COMPILE_UNSUPPORTED  stp cannot compile directoryUpload (syncing a directory into the bucket on deploy) yet.`;
    const validate = await runStp(['validate', '--config', config], { cwd: scratch });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toBe('');
    expect(validate.stderr).toContain(where);
    const compile = await runStp(['compile', '--config', config], { cwd: scratch });
    expect(compile.code).toBe(2);
    expect(compile.stderr).toContain(where);
  });

  it('stp --config FILE validate (a global flag before the command) checks FILE', async () => {
    const result = await runStp(['--config', path.join(repoRoot, 'config/examples/upload-pipeline'), 'validate'], { cwd: scratch });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/stacktape\.yml is valid: \d+ resources/);
  });

  it('stp validate ../other is refused, not a check of ./stacktape.yml', async () => {
    const here = mkdtempSync(path.join(scratch, 'here-'));
    writeFileSync(path.join(here, 'stacktape.yml'), 'serviceName: here\nresources:\n  q:\n    type: sqs-queue\n');
    const result = await runStp(['validate', '../other'], { cwd: here });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('unexpected argument "../other": stp validate takes no positional arguments');
  });

  it('compile --json and --region mars-1 are usage errors (exit 2)', async () => {
    const json = await runStp(['compile', '--json'], { cwd: scratch });
    expect(json.code).toBe(2);
    expect(json.stderr).toContain('--json is not supported by stp compile');
    const region = await runStp(['validate', '--region', 'mars-1'], { cwd: scratch });
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('unknown region "mars-1"; AWS regions are: af-south-1,');
  });

  it('control characters from a config never reach the terminal raw', async () => {
    const dir = mkdtempSync(path.join(scratch, 'ctl-'));
    writeFileSync(path.join(dir, 'stacktape.yml'), 'serviceName: app\nresources:\n  q:\n    type: "sqs\u001b[2J\u001b]0;pwned\u0007queue"\n');
    const result = await runStp(['validate'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(result.stderr).toContain('\\x1b[2J\\x1b]0;pwned\\x07queue');
  });

  it('a dedented key is one error at its line', async () => {
    const dir = mkdtempSync(path.join(scratch, 'indent-'));
    writeFileSync(path.join(dir, 'stacktape.yml'), 'serviceName: app\nresources:\n  q:\n    type: sqs-queue\n    properties:\n      fifoEnabled: true\n     delaySeconds: 5\n');
    const result = await runStp(['validate'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stacktape.yml:7:6  error STP_CONFIG_YAML_INDENTATION  "delaySeconds" starts at column 6, where no mapping around it has its keys');
    expect(result.stderr).toContain('expected: column 7, like "fifoEnabled" on line 6');
    expect(result.stderr).toContain('1 error in stacktape.yml');
  });
});
