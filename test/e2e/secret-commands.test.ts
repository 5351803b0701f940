/**
 * `stp secret:create|get|delete` through the built binary, against a local cloud started by the
 * test and reached with --endpoint-url (the same path as AWS or LocalStack: only the endpoint
 * differs). Values arrive by --file or standard input and are never echoed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, startLocalCloud, stopLocalCloud, type LocalCloud } from '../emulator/support/local-cloud.js';
import { runStp } from '../support/run-stp.js';

let local: LocalCloud;
let dir: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  local = await startLocalCloud({ services: ['sts', 'secretsmanager'] });
  dir = mkdtempSync(path.join(tmpdir(), 'stp-secret-cli-'));
  env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'eu-west-1', AWS_ENDPOINT_URL: local.cloud.endpoint, AWS_PROFILE: '', CI: '1' };
});
afterAll(async () => {
  await stopLocalCloud(local);
  rmSync(dir, { recursive: true, force: true });
});

const stp = (args: string[], stdin?: string) => runStp(args, { cwd: dir, env, stdin });

describe('stp secret commands', () => {
  it('creates from standard input, prints only on secret:get, updates with --overwrite and deletes', async () => {
    const created = await stp(['secret:create', 'my-app'], '{"password":"hunter2"}\n');
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^✓ created secret my-app \(arn:aws:secretsmanager:eu-west-1:000000000000:secret:my-app-[A-Za-z0-9]{6}, version [0-9a-f-]{36}\)\n$/);
    expect(created.stdout + created.stderr).not.toContain('hunter2');

    // Stored exactly (the trailing newline of the pipe dropped), in the region asked for.
    const sm = new SecretsManagerClient(clientConfig(local.cloud.endpoint, 'eu-west-1'));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'my-app' }))).SecretString).toBe('{"password":"hunter2"}');
    sm.destroy();

    const got = await stp(['secret:get', 'my-app']);
    expect([got.code, got.stdout, got.stderr]).toEqual([0, '{"password":"hunter2"}', '']);

    writeFileSync(path.join(dir, 'next.txt'), 'rotated\n');
    const again = await stp(['secret:create', 'my-app', '--file', 'next.txt']);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Secret my-app already exists in eu-west-1.');
    const overwritten = await stp(['secret:create', 'my-app', '--file', 'next.txt', '--overwrite']);
    expect(overwritten.code, overwritten.stderr).toBe(0);
    expect(overwritten.stdout).toMatch(/^✓ updated secret my-app /);
    expect((await stp(['secret:get', 'my-app'])).stdout).toBe('rotated');
    expect((await stp(['secret:get', 'my-app', '--version-stage', 'AWSPREVIOUS'])).stdout).toBe('{"password":"hunter2"}');
    const json = JSON.parse((await stp(['secret:get', 'my-app', '--json'])).stdout) as Record<string, unknown>;
    expect(json).toMatchObject({ name: 'my-app', value: 'rotated' });

    const scheduled = await stp(['secret:delete', 'my-app', '--recovery-days', '7']);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(scheduled.stdout).toMatch(/^! secret my-app is scheduled for deletion on \d{4}-\d\d-\d\dT[\d:.]+Z; until then: aws secretsmanager restore-secret --secret-id my-app\n$/);
    const unusable = await stp(['secret:get', 'my-app']);
    expect(unusable.code).not.toBe(0);
    expect(unusable.stdout).toBe('');
    const gone = await stp(['secret:delete', 'my-app', '--force']);
    expect([gone.code, gone.stdout]).toEqual([0, '✗ deleted secret my-app for good (no recovery window)\n']);
    const missing = await stp(['secret:get', 'my-app']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("Secret my-app was not found in eu-west-1: Secrets Manager can't find the specified secret.");
    // Twelve runs of the binary: generous on a loaded machine (nothing here depends on speed).
  }, 180_000);

  it('refuses a value on the command line, a missing name and bad flag combinations (exit 2)', async () => {
    const inline = await stp(['secret:create', 'my-app', 'hunter2']);
    expect(inline.code).toBe(2);
    expect(inline.stderr).toContain('stp secret:create takes one secret name, got 2 words');
    expect(inline.stderr).toContain('a value never goes on the command line');
    expect((await stp(['secret:get'])).code).toBe(2);
    expect((await stp(['secret:delete', 'x', '--force', '--recovery-days', '7'])).code).toBe(2);
    expect((await stp(['secret:delete', 'x', '--recovery-days', '3'])).stderr).toContain('--recovery-days must be a whole number of days from 7 to 30 (got "3")');
    expect((await stp(['secret:get', 'x', '--version-id', 'a', '--version-stage', 'b'])).code).toBe(2);
  }, 120_000);
});
