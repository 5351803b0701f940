import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { build } from 'esbuild';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterAll, createActiveFunction, ROLE, startLambdaCloud, zipOf, type LambdaCloud } from './lambda-local-cloud.js';

/**
 * stp's real deployment-script runner (src/runtime), bundled as stp ships it, runs in the local
 * Lambda: CloudFormation invokes it asynchronously, it invokes the user's script synchronously
 * through the SDK (endpoint from AWS_ENDPOINT_URL) and PUTs the result to the response URL.
 */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

let cloud: LambdaCloud;
let responses: Server;
let responseUrl: string;
const received = new Map<string, Record<string, unknown>>();
const waiters = new Map<string, (body: Record<string, unknown>) => void>();

beforeAll(async () => {
  // Scale 10: a new function's Pending second takes 100 ms.
  cloud = await startLambdaCloud({ timeScale: 10 });
  responses = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const key = String(body.RequestId);
      received.set(key, body);
      waiters.get(key)?.(body);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => responses.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(responses.address() as AddressInfo).port}/response`;

  const bundled = await build({
    entryPoints: [path.join(repoRoot, 'src/runtime/deployment-script-runner/handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = bundled.outputFiles[0]?.text ?? '';
  await createActiveFunction(cloud.lambda, {
      FunctionName: 'stp-script-runner',
      Runtime: 'nodejs22.x',
      Role: ROLE,
      Handler: 'index.handler',
      Timeout: 900,
      MemorySize: 256,
      Code: { ZipFile: zipSync({ 'index.js': strToU8(code) }) },
    });
}, 60_000);

afterAll(async () => {
  await cloud?.stop();
  responses?.closeAllConnections();
  await new Promise<void>((resolve) => (responses ? responses.close(() => resolve()) : resolve()));
});

function responseFor(requestId: string): Promise<Record<string, unknown>> {
  const already = received.get(requestId);
  if (already) return Promise.resolve(already);
  return new Promise((resolve) => waiters.set(requestId, resolve));
}

async function runScript(requestId: string, scriptFunctionName: string): Promise<Record<string, unknown>> {
  const event = {
    RequestType: 'Create',
    ResponseURL: `${responseUrl}?request=${requestId}`,
    StackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/app/1',
    RequestId: requestId,
    ResourceType: 'Custom::StpDeploymentScript',
    LogicalResourceId: 'MigrateScript',
    ResourceProperties: { Trigger: 'after:deploy', ScriptFunctionName: scriptFunctionName, Parameters: { table: 'users' } },
  };
  const accepted = await cloud.lambda.send(
    new InvokeCommand({ FunctionName: 'stp-script-runner', InvocationType: 'Event', Payload: new TextEncoder().encode(JSON.stringify(event)) }),
  );
  expect(accepted.StatusCode).toBe(202);
  return responseFor(requestId);
}

describe('the deployment-script runner in the local Lambda', () => {
  it('runs a script and answers SUCCESS; the script output is readable with FilterLogEvents', async () => {
    await createActiveFunction(cloud.lambda, {
        FunctionName: 'migrate',
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.mjs': 'export const handler = async (params) => { console.log("migrating", params.table); };' }) },
      });
    const response = await runScript('req-ok', 'migrate');
    expect(response).toMatchObject({ Status: 'SUCCESS', LogicalResourceId: 'MigrateScript', PhysicalResourceId: 'stp-script-MigrateScript' });
    const events = await filterAll(cloud.logs, '/aws/lambda/migrate', '"migrating users"');
    expect(events.map((event) => event.message)).toEqual([expect.stringMatching(/\tINFO\tmigrating users$/)]);
  });

  it('answers FAILED with the script error message when the script throws', async () => {
    await createActiveFunction(cloud.lambda, {
        FunctionName: 'broken-migrate',
        Runtime: 'nodejs22.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => { throw new Error("column users.email already exists"); };' }) },
      });
    const response = await runScript('req-fail', 'broken-migrate');
    expect(response).toMatchObject({ Status: 'FAILED', Reason: 'column users.email already exists' });
  });
});
