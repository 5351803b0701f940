import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { loadHomeProject, loadHomeStages } from '../../../src/cli/home/run-home.js';

const dir = mkdtempSync(path.join(tmpdir(), 'stp-home-data-'));
writeFileSync(path.join(dir, 'stacktape.yml'), 'serviceName: shop\nresources:\n  api:\n    type: function\n    properties:\n      packaging:\n        type: stacktape-lambda-buildpack\n        properties:\n          entryfilePath: ./api.ts\n');
writeFileSync(path.join(dir, 'api.ts'), 'export const handler = async () => 1;\n');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  vi.unstubAllEnvs();
});

it('when the stacks cannot be listed, the home screen still offers the named stage and says why', async () => {
  // The SDK's credential chain reads the process environment.
  vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAEXAMPLE');
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'example');
  vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
  const cmd = {
    options: { stage: 'prod', region: 'eu-west-1', regionExplicit: true, ci: false, json: false, local: false, debug: false, endpointUrl: 'http://127.0.0.1:9' },
    flags: {},
    positionals: [],
    io: { out: () => undefined, err: () => undefined, color: false, stdoutIsTTY: true, stdinIsTTY: true },
    cwd: dir,
    env: {},
  };
  expect(await loadHomeProject(cmd)).toEqual({ project: 'shop', logResources: ['api'] });
  const stages = await loadHomeStages(cmd, 'shop');
  expect(stages.stages).toEqual([{ stage: 'prod', stackName: 'shop-prod' }]);
  expect(stages.error).toBe('cannot reach 127.0.0.1:9: the connection was refused (ECONNREFUSED)');
}, 60_000);
