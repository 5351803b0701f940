import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { StpError } from '../../src/errors/stp-error.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/start-emulator.js';
import { removeDir, startLocalCloud, tempStateDir } from './support/local-cloud.js';

const dirs: string[] = [];
const running: RunningEmulator[] = [];
afterEach(async () => {
  for (const cloud of running.splice(0)) await cloud.stop();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

it('names a port that is taken and leaves the state directory unlocked', async () => {
  const first = await startLocalCloud();
  running.push(first.cloud);
  dirs.push(first.stateDir);
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  const error = await startEmulator({ stateDir, port: first.cloud.port, services: ['sts'], env: {}, log: () => {} }).catch((e: Error) => e);
  expect(error).toBeInstanceOf(StpError);
  expect(error).toMatchObject({
    kind: 'environment',
    code: 'STP_LOCAL_PORT_IN_USE',
    message: `port ${first.cloud.port} on 127.0.0.1 is already in use`,
    fix: 'Pick another with --port, or --port 0 for a free one (another `stp local` or LocalStack may hold this one).',
  });
  expect(existsSync(join(stateDir, 'lock'))).toBe(false);
});

it('refuses a service subset that lacks a dependency', async () => {
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  await expect(startEmulator({ stateDir, services: ['lambda'], env: {} })).rejects.toThrow('The local Lambda needs the logs and s3 services.');
});

it('takes the time scale from STP_LOCAL_TIME_SCALE and rejects invalid fault rules from the environment', async () => {
  const local = await startLocalCloud({ env: { STP_LOCAL_TIME_SCALE: '60' } });
  running.push(local.cloud);
  dirs.push(local.stateDir);
  expect(local.cloud.clock.timeScale).toBe(60);
  expect(local.cloud.clock.toWallMs(60_000)).toBe(1_000);
  const stateDir = tempStateDir();
  dirs.push(stateDir);
  await expect(startEmulator({ stateDir, services: ['sts'], env: { STP_LOCAL_FAULTS: '{"rules":[{"type":"nope"}]}' } })).rejects.toThrow(
    /unknown "type" "nope"/,
  );
});
