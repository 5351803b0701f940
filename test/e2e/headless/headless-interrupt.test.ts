/**
 * Interrupting a headless deploy (the built binary, CI set, the local cloud at time scale 60, a
 * database whose update takes minutes of emulated time): before execute nothing changes; during an
 * update SIGTERM cancels it and waits for the rollback, `--on-interrupt detach` leaves it running.
 * Every time the exit code is 130 and the last line says what state the stack is in. While the
 * database is created, the quiet watch prints "still working" lines.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseLine } from '../../support/headless-lines.js';
import { runStp, stpBin } from '../../support/run-stp.js';
import { copyExample, editFile } from '../../integration/examples/example-deployer.js';

const example = copyExample('hello-script');
const env = { STP_LOCAL_TIME_SCALE: '60', CI: 'true' };
const args = ['--local', '--region', 'eu-west-1'];
const SLOW = (size: string) => `
cloudformationResources:
  SlowDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: ${size}
      AllocatedStorage: '20'
      MasterUsername: slow
      MasterUserPassword: not-a-secret-just-a-test
`;

afterAll(() => example.remove());

/** Runs `stp deploy` and sends `signal` once a line of its human output matches `when`. */
function deployAndSignal(signal: NodeJS.Signals, when: RegExp, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; sent: boolean }> {
  const json = extra.includes('--json');
  const child = spawn(process.execPath, [stpBin, 'deploy', ...args, ...extra], { cwd: example.dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  const watch = () => {
    if (!sent && when.test(json ? stderr : stdout)) {
      sent = true;
      child.kill(signal);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    watch();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    watch();
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, sent })));
}

const lastLine = (text: string) => normaliseLine(text.trimEnd().split('\n').at(-1)!);

describe('interrupting stp deploy --ci', () => {
  it('(the stack to interrupt) a quiet create says what it still waits for', async () => {
    editFile(example.configFile, (t) => t + SLOW('db.t4g.micro'));
    // One second of silence is enough here; the default is a minute.
    const created = await runStp(['deploy', ...args], { cwd: example.dir, env: { ...env, STP_CI_HEARTBEAT_S: '1' } });
    expect(created.code, created.stdout + created.stderr).toBe(0);
    expect(created.stdout).toMatch(/^\d\d:\d\d:\d\d … still working: \d+\/16 resources done; waiting on SlowDb \(CREATE_IN_PROGRESS for \d+s\)/m);
    editFile(example.configFile, (t) => t.replace(SLOW('db.t4g.micro'), SLOW('db.t4g.small')));
  }, 180_000);

  it('SIGINT before execute: nothing changed, the status it was checked in (exit 130; --json: an interrupted result)', async () => {
    const run = await deployAndSignal('SIGINT', /▸ change-set/, ['--json']);
    expect(run.sent, run.stderr).toBe(true);
    expect(run.code, run.stderr).toBe(130);
    expect(lastLine(run.stderr)).toBe('HH:MM:SS ✗ interrupted: nothing changed in hello-script-dev (CREATE_COMPLETE)');
    const result = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({ type: 'result', outcome: 'interrupted', exitCode: 130, stackStatus: 'CREATE_COMPLETE' });
  }, 120_000);

  it('SIGTERM during the update: cancelled, the rollback watched to its end, exit 130', async () => {
    const run = await deployAndSignal('SIGTERM', /SlowDb UPDATE_IN_PROGRESS/);
    expect(run.sent, run.stdout).toBe(true);
    expect(run.stderr).toContain('interrupt cancelling the update and waiting for the rollback');
    expect(run.stdout).toContain('hello-script-dev UPDATE_ROLLBACK_IN_PROGRESS');
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(lastLine(run.stdout)).toBe('HH:MM:SS ✗ interrupted: hello-script-dev (UPDATE_ROLLBACK_COMPLETE)');
  }, 120_000);

  it('SIGTERM with --on-interrupt detach: the update is left running, exit 130, the last line says so', async () => {
    const run = await deployAndSignal('SIGTERM', /SlowDb UPDATE_IN_PROGRESS/, ['--on-interrupt', 'detach']);
    expect(run.sent, run.stdout).toBe(true);
    expect(run.code, run.stdout + run.stderr).toBe(130);
    expect(run.stdout).not.toContain('UPDATE_ROLLBACK_IN_PROGRESS');
    expect(lastLine(run.stdout)).toBe('HH:MM:SS ✗ interrupted: hello-script-dev (UPDATE_IN_PROGRESS) continues in AWS; attach with `stp status --watch`');
  }, 120_000);
});
