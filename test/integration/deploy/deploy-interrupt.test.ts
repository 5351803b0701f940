/**
 * Ctrl-C (SIGINT) in the middle of a headless update: stp cancels the update, waits for the
 * rollback and exits 130 with a last line that says the stack's state.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runStp, stpBin } from '../../support/run-stp.js';
import { copyExample, editFile } from '../examples/example-deployer.js';

const example = copyExample('hello-script');
/** 1 emulated minute = 1 s: the 5-minute database update leaves seconds to interrupt it. */
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

beforeAll(async () => {
  editFile(example.configFile, (t) => t + SLOW('db.t4g.micro'));
  const created = await runStp(['deploy', ...args], { cwd: example.dir, env });
  if (created.code !== 0) throw new Error(created.stdout + created.stderr);
}, 120_000);
afterAll(() => example.remove());

it('SIGINT during an update: cancel, the rollback watched, exit 130, the last line names the state', async () => {
  editFile(example.configFile, (t) => t.replace(SLOW('db.t4g.micro'), SLOW('db.t4g.small')));
  const child = spawn(process.execPath, [stpBin, 'deploy', ...args], { cwd: example.dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (!sent && /SlowDb UPDATE_IN_PROGRESS/.test(stdout)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect(sent, stdout).toBe(true);
  expect(stderr).toContain('cancelling the update and waiting for the rollback');
  expect(stdout).toContain('hello-script-dev UPDATE_ROLLBACK_IN_PROGRESS');
  expect(code, stdout + stderr).toBe(130);
  expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/✗ interrupted: hello-script-dev \(UPDATE_ROLLBACK_COMPLETE\)$/);
}, 120_000);
