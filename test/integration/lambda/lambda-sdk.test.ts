import { createRequire } from 'node:module';
import {
  DeleteFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  ListFunctionsCommand,
  PublishVersionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterAll, createActiveFunction, ROLE, startLambdaCloud, waitForLogEvent, zipOf, type LambdaCloud } from './lambda-local-cloud.js';

let cloud: LambdaCloud;
beforeAll(async () => {
  // Scale 10: a new function's Pending second takes 100 ms.
  cloud = await startLambdaCloud({ timeScale: 10 });
});
afterAll(async () => {
  await cloud?.stop();
});

const decoder = new TextDecoder();
const json = (payload: Uint8Array | undefined) => JSON.parse(decoder.decode(payload)) as unknown;

async function createFunction(name: string, files: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}) {
  return createActiveFunction(cloud.lambda, { FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf(files) }, ...extra });
}

const filter = (group: string, pattern?: string) => filterAll(cloud.logs, group, pattern);

describe('Lambda through the real SDK', () => {
  it('creates a function from a zip, reads it back and waits for it to be active', async () => {
    const created = await createFunction('sdk-hello', { 'index.js': 'exports.handler = async (e) => ({ hello: e.who });' });
    expect(created.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:sdk-hello');
    await waitUntilFunctionActiveV2({ client: cloud.lambda, maxWaitTime: 10 }, { FunctionName: 'sdk-hello' });
    const got = await cloud.lambda.send(new GetFunctionCommand({ FunctionName: created.FunctionArn }));
    expect(got.Configuration).toMatchObject({ FunctionName: 'sdk-hello', Runtime: 'nodejs20.x', Handler: 'index.handler', State: 'Active' });
    const listed = await cloud.lambda.send(new ListFunctionsCommand({}));
    expect(listed.Functions?.map((f) => f.FunctionName)).toContain('sdk-hello');
    await expect(createFunction('sdk-hello', { 'index.js': '' })).rejects.toBeInstanceOf(ResourceConflictException);
  });

  it('invokes: success, Tail log, executed version', async () => {
    const result = await cloud.lambda.send(
      new InvokeCommand({ FunctionName: 'sdk-hello', Payload: new TextEncoder().encode('{"who":"sdk"}'), LogType: 'Tail' }),
    );
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBeUndefined();
    expect(result.ExecutedVersion).toBe('$LATEST');
    expect(json(result.Payload)).toEqual({ hello: 'sdk' });
    const log = Buffer.from(result.LogResult ?? '', 'base64').toString('utf8');
    expect(log).toMatch(/^START RequestId: \S+ Version: \$LATEST\nEND RequestId: \S+\nREPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 128 MB\tMax Memory Used: \d+ MB\t/);
  });

  it('invokes: a thrown error is FunctionError Unhandled with the Node error payload', async () => {
    await createFunction('sdk-error', { 'index.js': 'exports.handler = async () => { throw new Error("kaput"); };' });
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-error' }));
    expect(result.StatusCode).toBe(200);
    expect(result.FunctionError).toBe('Unhandled');
    expect(json(result.Payload)).toMatchObject({ errorType: 'Error', errorMessage: 'kaput', trace: expect.arrayContaining(['Error: kaput']) });
  });

  it('invokes: a handler that never finishes times out with Sandbox.Timedout', async () => {
    await createFunction('sdk-timeout', { 'index.js': 'exports.handler = () => new Promise(() => {});' }, { Timeout: 1 });
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-timeout' }));
    expect(result.FunctionError).toBe('Unhandled');
    expect(json(result.Payload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/),
    });
  });

  it('runs ESM and CommonJS handlers with their environment variables', async () => {
    await createFunction(
      'sdk-esm',
      { 'index.mjs': 'export const handler = async () => ({ kind: "esm", stage: process.env.STAGE });' },
      { Environment: { Variables: { STAGE: 'prod' } } },
    );
    await createFunction('sdk-cjs', { 'index.js': 'module.exports.handler = (e, c, cb) => cb(null, { kind: "cjs", stage: process.env.STAGE });' }, {
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(json((await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-esm' }))).Payload)).toEqual({ kind: 'esm', stage: 'prod' });
    expect(json((await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-cjs' }))).Payload)).toEqual({ kind: 'cjs', stage: 'dev' });
    await cloud.lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'sdk-cjs', Environment: { Variables: { STAGE: 'qa' } } }));
    expect(json((await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-cjs' }))).Payload)).toEqual({ kind: 'cjs', stage: 'qa' });
  });

  it('Event invocation answers 202, and its console output is readable with FilterLogEvents', async () => {
    await createFunction('sdk-event', { 'index.js': 'exports.handler = async (e) => { console.log("processing order", e.order); console.warn("slow path"); };' });
    const accepted = await cloud.lambda.send(
      new InvokeCommand({ FunctionName: 'sdk-event', InvocationType: 'Event', Payload: new TextEncoder().encode('{"order":42}') }),
    );
    expect(accepted.StatusCode).toBe(202);
    const all = await waitForLogEvent(cloud.logs, '/aws/lambda/sdk-event', /^REPORT RequestId: /);
    const messages = all.map((event) => event.message ?? '');
    expect(messages[0]).toMatch(/^START RequestId: /);
    expect(messages.some((m) => /\tINFO\tprocessing order 42$/.test(m))).toBe(true);
    expect(all[0]?.logStreamName).toMatch(/^\d{4}\/\d\d\/\d\d\/\[\$LATEST\][0-9a-f]{32}$/);
    const warnings = await filter('/aws/lambda/sdk-event', 'WARN');
    expect(warnings.map((event) => event.message)).toEqual([expect.stringMatching(/\tWARN\tslow path$/)]);
    const orders = await filter('/aws/lambda/sdk-event', '"processing order"');
    expect(orders).toHaveLength(1);
  });

  it('creates a function from code uploaded to S3', async () => {
    await cloud.s3.send(new CreateBucketCommand({ Bucket: 'stp-assets' }));
    await cloud.s3.send(new PutObjectCommand({ Bucket: 'stp-assets', Key: 'fn.zip', Body: zipOf({ 'index.js': 'exports.handler = async () => "from s3";' }) }));
    await createFunction('sdk-s3', {}, { Code: { S3Bucket: 'stp-assets', S3Key: 'fn.zip' } });
    expect(json((await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-s3' }))).Payload)).toBe('from s3');
  });

  it('lets code inside the function reach the emulator through the AWS SDK', async () => {
    // The handler loads the SDK from this repository (AWS provides it in the runtime; our zip does not).
    const sdkPath = createRequire(import.meta.url).resolve('@aws-sdk/client-s3');
    await createFunction(
      'sdk-inside',
      {
        'index.js': `const { S3Client, ListBucketsCommand, PutObjectCommand } = require(${JSON.stringify(sdkPath)});
          exports.handler = async () => {
            const s3 = new S3Client({});
            await s3.send(new PutObjectCommand({ Bucket: 'stp-assets', Key: 'written-by-lambda.txt', Body: process.env.AWS_LAMBDA_FUNCTION_NAME }));
            const out = await s3.send(new ListBucketsCommand({}));
            return out.Buckets.map((b) => b.Name);
          };`,
      },
      { Timeout: 60 },
    );
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'sdk-inside' }));
    expect(result.FunctionError, decoder.decode(result.Payload)).toBeUndefined();
    expect(json(result.Payload)).toContain('stp-assets');
    const written = await cloud.s3.send(new GetObjectCommand({ Bucket: 'stp-assets', Key: 'written-by-lambda.txt' }));
    expect(await written.Body?.transformToString()).toBe('sdk-inside');
  });

  it('answers ResourceNotFoundException for a missing function', async () => {
    const error = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'nope' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as ResourceNotFoundException).message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope:$LATEST');
    expect((error as ResourceNotFoundException).$metadata.httpStatusCode).toBe(404);
    await cloud.lambda.send(new DeleteFunctionCommand({ FunctionName: 'sdk-error' }));
    await expect(cloud.lambda.send(new GetFunctionCommand({ FunctionName: 'sdk-error' }))).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('answers an unsupported operation like AWS answers an unknown one and says so in one line', async () => {
    const error = await cloud.lambda.send(new PublishVersionCommand({ FunctionName: 'sdk-hello' })).catch((e: unknown) => e);
    expect((error as Error).name).toBe('UnknownOperationException');
    expect(cloud.operatorLines.filter((line) => line.includes('lambda') && line.includes('/versions'))).toHaveLength(1);
  });
});
