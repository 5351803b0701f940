import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, runStp } from '../support/run-stp.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'stp-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function copyExample(name: string): string {
  const dir = path.join(scratch, `${name}-${Math.random().toString(36).slice(2, 8)}`);
  cpSync(path.join(repoRoot, 'config', 'examples', name), dir, {
    recursive: true,
    filter: (src) => !src.includes(`${path.sep}.stp`),
  });
  // A real project has its dependencies installed; the examples import the AWS SDK.
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

describe('the built stp binary', () => {
  it('validates every example stack', async () => {
    for (const example of ['api-smoke-test', 'canary-workload', 'upload-pipeline']) {
      const result = await runStp(['validate', '--config', `config/examples/${example}/stacktape.yml`]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/is valid: \d+ resources, stack \S+-dev/);
    }
  });

  it('reports every config error at once with positions and exits 2 without touching AWS', async () => {
    const dir = path.join(scratch, 'bad');
    cpSync(path.join(repoRoot, 'config', 'examples', 'api-smoke-test'), dir, { recursive: true, filter: (s) => !s.includes('.stp') });
    const file = path.join(dir, 'stacktape.yml');
    const text = readFileSync(file, 'utf8').replace('memory:', 'memroy:').replace('type: postgres', 'type: postgress');
    writeFileSync(file, text);
    // A bogus endpoint proves no AWS call is attempted: validate would fail differently if it tried.
    const result = await runStp(['validate'], { cwd: dir, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stacktape\.yml:\d+:\d+ {2}error STP_CONFIG_UNKNOWN_PROPERTY/);
    expect(result.stderr).toContain('did you mean "memory"?');
    expect(result.stderr).toContain('did you mean "postgres"?');
    expect(result.stderr).toMatch(/2 errors in stacktape\.yml/);
    expect(result.stderr).not.toMatch(/\n\s+at /); // never a stack trace for a user mistake
  });

  it('prints machine-readable diagnostics with --json', async () => {
    const result = await runStp(['validate', '--json', '--config', 'test/fixtures/does-not-exist.yml']);
    expect(result.code).toBe(2);
    const parsed = JSON.parse(result.stdout) as { ok: boolean; diagnostics: { code: string }[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.diagnostics[0]?.code).toBe('STP_CONFIG_NOT_FOUND');
  });

  it('survives a closed pipe (stp schema | head)', async () => {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync('bash', ['-c', `node ${JSON.stringify(path.join(repoRoot, 'dist', 'stp.mjs'))} schema | head -c 10`], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{\n  "$sche');
    expect(result.stderr).not.toContain('EPIPE');
  });

  it('compiles an example deterministically, and a second upload to the local cloud rebuilds and uploads nothing', async () => {
    const dir = copyExample('upload-pipeline');
    const first = await runStp(['compile', '--upload', '--local', '--out', 'one.json'], { cwd: dir });
    expect(first.stderr).toMatch(/compiled upload-pipeline-dev: \d+ CloudFormation resources; code: 4 function bundles, 4 rebuilt, 4 uploaded to stp-assets-000000000000-us-east-1/);
    expect(first.code).toBe(0);
    const second = await runStp(['compile', '--upload', '--local', '--out', 'two.json'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('code: 4 function bundles, 0 rebuilt, 0 uploaded');
    expect(readFileSync(path.join(dir, 'two.json'), 'utf8')).toBe(readFileSync(path.join(dir, 'one.json'), 'utf8'));
    const template = JSON.parse(readFileSync(path.join(dir, 'one.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } } }> };
    const keys = Object.values(template.Resources)
      .filter((r) => r.Type === 'AWS::Lambda::Function')
      .map((r) => r.Properties?.Code?.S3Key);
    expect(keys.length).toBe(4);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{64}\.zip$/);
  });

  it('validates a CloudFormation template file with --template: every problem at its line', async () => {
    const file = path.join(scratch, 'template.yaml');
    writeFileSync(
      file,
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Queue:',
        '    Type: AWS::SQS::Queue',
        '    Properties:',
        '      VisibilityTimout: 30',
        '  Topic:',
        '    Type: AWS::SNS::Topik',
        'Outputs:',
        '  Url:',
        '    Value: !GetAtt Queue.Arnn',
        '',
      ].join('\n'),
    );
    const bad = await runStp(['validate', '--template', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/template\.yaml:6:7 {2}error STP_TEMPLATE_UNKNOWN_PROPERTY/);
    expect(bad.stderr).toContain('did you mean "VisibilityTimeout"?');
    expect(bad.stderr).toMatch(/template\.yaml:8:5 {2}error STP_TEMPLATE_UNKNOWN_RESOURCE_TYPE/);
    expect(bad.stderr).toContain('did you mean "AWS::SNS::Topic"?');
    expect(bad.stderr).toMatch(/template\.yaml:11:\d+ {2}error STP_TEMPLATE_UNKNOWN_ATTRIBUTE/);

    const compiled = path.join(scratch, 'compiled.json');
    expect((await runStp(['compile', '--config', 'config/examples/canary-workload', '--out', compiled])).code).toBe(0);
    const good = await runStp(['validate', '--template', compiled]);
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('passes the CloudFormation resource specification');
  });

  it('prints YAML with --format yaml and rejects an unknown format with a suggestion', async () => {
    const yamlOut = await runStp(['compile', '--format', 'yaml', '--config', 'config/examples/api-smoke-test']);
    expect(yamlOut.code).toBe(0);
    expect(yamlOut.stdout).toMatch(/^AWSTemplateFormatVersion: 2010-09-09/m);
    const bad = await runStp(['compile', '--format', 'ymal']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('did you mean yaml?');
  });
});
