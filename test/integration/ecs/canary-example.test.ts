/**
 * The canary example (config/examples/canary-workload) on the local cloud at time scale 60: it
 * deploys, then an image change rolls out as a 10 % / 5 minute canary whose hooks really run
 * (probing the test and production listeners of the local load balancer), watched from a second
 * process through the SDK alone.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, createChangeSet, editFile, executeChangeSet, prepareStack, startExampleCloud, type ExampleCloud } from '../examples/example-deployer.js';

const here = path.dirname(fileURLToPath(import.meta.url));
let cloud: ExampleCloud;
const example = copyExample('canary-workload');

beforeAll(async () => {
  cloud = await startExampleCloud(60);
});

afterAll(async () => {
  await cloud?.stop();
  example.remove();
});

it('deploys, then an image change goes out as a canary: 100/0 → 90/10 → 0/100, seen by a second process', async () => {
  const first = await prepareStack(cloud.clients, example.dir, 'deploy-1');
  const create = await createChangeSet(cloud.clients, first, 'CREATE', 'create');
  expect(await executeChangeSet(cloud.clients, create, 'CREATE', 'create-1')).toBe('SUCCESS');

  editFile(example.configFile, (text) => text.replace('public.ecr.aws/nginx/nginx:1.27-alpine', 'public.ecr.aws/nginx/nginx:1.28-alpine'));
  const second = await prepareStack(cloud.clients, example.dir, 'deploy-2');
  const update = await createChangeSet(cloud.clients, second, 'UPDATE', 'update');
  const watcher = spawn(process.execPath, [path.join(here, 'watch-canary.mjs'), cloud.cloud.endpoint, 'eu-west-1', '120'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  const ready = new Promise<void>((resolve) => {
    watcher.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('watching ')) resolve();
    });
  });
  const watched = new Promise<number | null>((resolve) => watcher.on('exit', resolve));
  await ready;
  const started = Date.now();
  expect(await executeChangeSet(cloud.clients, update, 'UPDATE', 'update-1')).toBe('SUCCESS');
  const wallMs = Date.now() - started;
  expect(await watched).toBe(0);

  const lines = output.trim().split('\n');
  const newDeployment = lines.filter((line) => line.startsWith('new '));
  // The weights the second process saw, in order, without repeats.
  const weights = newDeployment.map((line) => line.split(' ').at(-1)).filter((w, i, all) => w !== all[i - 1]);
  expect(weights).toEqual(['100/0', '90/10', '0/100']);
  expect(newDeployment.at(-1)).toMatch(/^new SUCCESSFUL CLEAN_UP 0\/100$/);
  expect(newDeployment.some((line) => line.includes('PRODUCTION_TRAFFIC_SHIFT 90/10'))).toBe(true);
  console.log(`canary update at time scale 60: ${(wallMs / 1000).toFixed(1)} s of wall time\n${lines.join('\n')}`);
}, 180_000);
