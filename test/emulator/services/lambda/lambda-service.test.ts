import { afterEach, describe, expect, it } from 'vitest';
import { UnsupportedOperationError } from '../../../../src/emulator/core/unsupported-operation.js';
import { createLambdaService } from '../../../../src/emulator/services/lambda/lambda-service.js';
import { createBody, createHarness, ROLE, zipOf, type Harness } from './lambda-test-harness.js';

let harness: Harness;
afterEach(() => harness?.close());

const HELLO = zipOf({ 'index.js': 'exports.handler = async (event) => ({ echo: event });' });

describe('Lambda REST JSON API', () => {
  it('CreateFunction answers 201 with the FunctionConfiguration', async () => {
    harness = createHarness();
    const created = await harness.http('POST', '/2015-03-31/functions', {
      body: createBody('fn1', HELLO, { Timeout: 10, MemorySize: 256, Environment: { Variables: { A: '1' } }, Description: 'd' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers?.['content-type']).toBe('application/json');
    const config = created.json();
    expect(config).toMatchObject({
      FunctionName: 'fn1',
      FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn1',
      Runtime: 'nodejs20.x',
      Role: ROLE,
      Handler: 'index.handler',
      CodeSize: HELLO.length,
      Description: 'd',
      Timeout: 10,
      MemorySize: 256,
      Version: '$LATEST',
      Environment: { Variables: { A: '1' } },
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
      PackageType: 'Zip',
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/fn1' },
    });
    // As recorded from AWS: no LastUpdateStatus while the function is being created.
    expect(config).not.toHaveProperty('LastUpdateStatus');
    expect(config.LastModified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    expect(config.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses a duplicate with ResourceConflictException 409', async () => {
    harness = createHarness();
    await harness.http('POST', '/2015-03-31/functions', { body: createBody('dup', HELLO) });
    const again = await harness.http('POST', '/2015-03-31/functions', { body: createBody('dup', HELLO) });
    expect(again.status).toBe(409);
    expect(again.headers?.['x-amzn-errortype']).toBe('ResourceConflictException');
    expect(again.json()).toMatchObject({ Type: 'User', Message: 'Function already exist: dup' });
  });

  it('answers ResourceNotFoundException 404 with the function ARN for every lookup', async () => {
    harness = createHarness();
    for (const [method, path] of [
      ['GET', '/2015-03-31/functions/nope'],
      ['GET', '/2015-03-31/functions/nope/configuration'],
      ['DELETE', '/2015-03-31/functions/nope'],
      ['POST', '/2015-03-31/functions/nope/invocations'],
    ] as const) {
      const response = await harness.http(method, path);
      expect(response.status).toBe(404);
      expect(response.headers?.['x-amzn-errortype']).toBe('ResourceNotFoundException');
      // Invoke names the version it looked for (recorded from AWS, LocalStack test_invoke_exceptions).
      const arn = `arn:aws:lambda:us-east-1:000000000000:function:nope${path.endsWith('/invocations') ? ':$LATEST' : ''}`;
      expect(response.json()).toMatchObject({ Type: 'User', Message: `Function not found: ${arn}` });
    }
  });

  it('validates input like AWS', async () => {
    harness = createHarness();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [createBody('t', HELLO, { Timeout: 901 }), 'ValidationException', /at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900/],
      [createBody('m', HELLO, { MemorySize: 64 }), 'ValidationException', /'memorySize'.*greater than or equal to 128/],
      [createBody('r', HELLO, { Runtime: 'nodejs99.x' }), 'InvalidParameterValueException', /Value nodejs99.x at 'runtime'/],
      [createBody('e', HELLO, { Environment: { Variables: { AWS_REGION: 'x' } } }), 'InvalidParameterValueException', /Reserved keys used in this request: AWS_REGION/],
      [createBody('z', Buffer.from('not a zip')), 'InvalidParameterValueException', /Could not unzip uploaded file/],
      [{ ...createBody('s', HELLO), Code: { S3Bucket: 'missing', S3Key: 'k.zip' } }, 'InvalidParameterValueException', /NoSuchBucket/],
      [createBody('bad name', HELLO), 'ValidationException', /at 'functionName'/],
      [createBody('img', HELLO, { PackageType: 'Image' }), 'InvalidParameterValueException', /container image/],
    ];
    for (const [body, code, message] of cases) {
      const response = await harness.http('POST', '/2015-03-31/functions', { body });
      expect(response.status, code).toBe(400);
      expect(response.headers?.['x-amzn-errortype']).toBe(code);
      expect(response.json().Message).toMatch(message);
    }
  });

  it('takes code from the emulator S3', async () => {
    harness = createHarness();
    harness.s3.putObject('assets', 'fn.zip', HELLO);
    const created = await harness.http('POST', '/2015-03-31/functions', {
      body: { ...createBody('from-s3', HELLO), Code: { S3Bucket: 'assets', S3Key: 'fn.zip' } },
    });
    expect(created.status).toBe(201);
    const missingKey = await harness.http('POST', '/2015-03-31/functions', {
      body: { ...createBody('from-s3-2', HELLO), Code: { S3Bucket: 'assets', S3Key: 'other.zip' } },
    });
    expect(missingKey.json().Message).toBe('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
  });

  it('GetFunction, GetFunctionConfiguration by name, partial and full ARN', async () => {
    harness = createHarness();
    await harness.http('POST', '/2015-03-31/functions', { body: createBody('getme', HELLO, { Tags: { team: 'a' } }) });
    const full = encodeURIComponent('arn:aws:lambda:us-east-1:000000000000:function:getme');
    const got = await harness.http('GET', `/2015-03-31/functions/${full}`);
    expect(got.status).toBe(200);
    expect(got.json()).toMatchObject({ Configuration: { FunctionName: 'getme' }, Code: { RepositoryType: 'S3' }, Tags: { team: 'a' } });
    const partial = await harness.http('GET', `/2015-03-31/functions/${encodeURIComponent('000000000000:function:getme')}/configuration`);
    expect(partial.json().FunctionName).toBe('getme');
    const otherVersion = await harness.http('GET', '/2015-03-31/functions/getme?Qualifier=3');
    expect(otherVersion.status).toBe(404);
    expect(otherVersion.json().Message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:getme:3');
  });

  it('UpdateFunctionConfiguration and UpdateFunctionCode change the function', async () => {
    harness = createHarness();
    const created = (await harness.http('POST', '/2015-03-31/functions', { body: createBody('upd', HELLO) })).json();
    const config = await harness.http('PUT', '/2015-03-31/functions/upd/configuration', {
      body: { Timeout: 30, Environment: { Variables: { B: '2' } } },
    });
    expect(config.json()).toMatchObject({ Timeout: 30, MemorySize: 128, Environment: { Variables: { B: '2' } } });
    expect(config.json().RevisionId).not.toBe(created.RevisionId);
    const other = zipOf({ 'index.js': 'exports.handler = async () => "v2";' });
    const code = await harness.http('PUT', '/2015-03-31/functions/upd/code', { body: { ZipFile: other.toString('base64') } });
    expect(code.status).toBe(200);
    expect(code.json().CodeSha256).not.toBe(created.CodeSha256);
    const invoked = await harness.http('POST', '/2015-03-31/functions/upd/invocations');
    expect(invoked.text()).toBe('"v2"');
  });

  it('ListFunctions pages with MaxItems and NextMarker', async () => {
    harness = createHarness();
    for (const name of ['c', 'a', 'b']) await harness.http('POST', '/2015-03-31/functions', { body: createBody(name, HELLO) });
    const first = (await harness.http('GET', '/2015-03-31/functions/?MaxItems=2')).json();
    expect(first.Functions.map((f: { FunctionName: string }) => f.FunctionName)).toEqual(['a', 'b']);
    expect(typeof first.NextMarker).toBe('string');
    const second = (await harness.http('GET', `/2015-03-31/functions/?MaxItems=2&Marker=${first.NextMarker}`)).json();
    expect(second.Functions.map((f: { FunctionName: string }) => f.FunctionName)).toEqual(['c']);
    expect(second.NextMarker).toBeUndefined();
  });

  it('DeleteFunction answers 204 and the function is gone', async () => {
    harness = createHarness();
    await harness.http('POST', '/2015-03-31/functions', { body: createBody('del', HELLO) });
    const deleted = await harness.http('DELETE', '/2015-03-31/functions/del');
    expect(deleted.status).toBe(204);
    expect((await harness.http('GET', '/2015-03-31/functions/del')).status).toBe(404);
  });

  it('hands unsupported operations to the server as UnsupportedOperationError', async () => {
    harness = createHarness();
    await expect(harness.http('POST', '/2015-03-31/functions/x/versions')).rejects.toBeInstanceOf(UnsupportedOperationError);
    expect(harness.service.operationFor({ method: 'GET', path: '/2015-03-31/functions/x', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) })).toBe('GetFunction');
    await expect(harness.service.handle('PublishVersion', {}, { requestId: 'r', region: 'us-east-1', accountId: '000000000000', headers: {} })).rejects.toBeInstanceOf(
      UnsupportedOperationError,
    );
  });

  it('keeps functions across a restart (same state)', async () => {
    harness = createHarness();
    await harness.http('POST', '/2015-03-31/functions', { body: createBody('persisted', HELLO) });
    harness.service.close();
    const again = createLambdaService(
      { clock: { timeScale: 1, now: () => new Date(), sleep: async () => undefined, toWallMs: (ms) => ms }, endpoint: () => 'http://127.0.0.1:1', accountId: '000000000000', log: () => undefined },
      { logs: harness.logs, s3: harness.s3, stateDir: harness.stateDir },
    );
    try {
      expect(again.getFunction('persisted')?.FunctionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:persisted');
      const result = await again.invokeFunction('persisted', Buffer.from('{"k":1}'), { invocationType: 'RequestResponse' });
      expect(result.payload.toString()).toBe('{"echo":{"k":1}}');
    } finally {
      again.close();
    }
  });
});

describe('LambdaBackend (used by CloudFormation)', () => {
  it('creates, updates, reads, invokes and deletes functions', async () => {
    harness = createHarness();
    harness.s3.putObject('bucket', 'code.zip', HELLO);
    const created = harness.service.createFunction({
      FunctionName: 'stack-fn',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { S3Bucket: 'bucket', S3Key: 'code.zip' },
      Environment: { Variables: { STAGE: 'dev' } },
    });
    expect(created).toMatchObject({ FunctionName: 'stack-fn', Timeout: 3, MemorySize: 128, State: 'Active', LoggingConfig: { LogGroup: '/aws/lambda/stack-fn', LogFormat: 'Text' } });
    const updated = harness.service.updateFunction({ FunctionName: 'stack-fn', Runtime: 'nodejs22.x', Handler: 'index.handler', Timeout: 20, MemorySize: 512, Code: { ZipFile: HELLO } });
    expect(updated.Timeout).toBe(20);
    expect(updated.MemorySize).toBe(512);
    const reverted = harness.service.updateFunction({ FunctionName: 'stack-fn', Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: HELLO } });
    expect([reverted.Timeout, reverted.MemorySize]).toEqual([3, 128]);
    // CloudFormation's update replaces the whole definition: omitted variables are removed.
    expect(updated.Environment).toEqual({ Variables: {} });
    const result = await harness.service.invokeFunction(created.FunctionArn, Buffer.from('{"a":1}'), { invocationType: 'RequestResponse' });
    expect(result).toMatchObject({ statusCode: 200, executedVersion: '$LATEST' });
    expect(JSON.parse(result.payload.toString())).toEqual({ echo: { a: 1 } });
    harness.service.deleteFunction('stack-fn');
    expect(harness.service.getFunction('stack-fn')).toBeUndefined();
    expect(() => harness.service.deleteFunction('stack-fn')).not.toThrow();
  });

  it('creates a function in the region the caller names (CloudFormation: its stack region), with AWS_REGION to match', async () => {
    harness = createHarness();
    const created = harness.service.createFunction({
      FunctionName: 'regional-fn',
      Region: 'eu-west-1',
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: ROLE,
      Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => process.env.AWS_REGION;' }) },
    });
    expect(created.FunctionArn).toBe('arn:aws:lambda:eu-west-1:000000000000:function:regional-fn');
    const result = await harness.service.invokeFunction('regional-fn', Buffer.from('{}'), { invocationType: 'RequestResponse' });
    expect(JSON.parse(result.payload.toString())).toBe('eu-west-1');
    // An update keeps the region it was created in.
    const updated = harness.service.updateFunction({ FunctionName: 'regional-fn', Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: HELLO } });
    expect(updated.FunctionArn).toBe(created.FunctionArn);
  });
});

describe('a new function is Pending, then Active (issue 8, item 5)', () => {
  it('answers CreateFunction with Pending, refuses Invoke and updates until Active, then turns Active with a new RevisionId', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const clock = { timeScale: 1, now: () => new Date(now), sleep: async () => undefined, toWallMs: (ms: number) => ms };
    const dir = createHarness();
    harness = dir;
    const service = createLambdaService(
      { clock, endpoint: () => 'http://127.0.0.1:1', accountId: '000000000000', log: () => undefined },
      { logs: dir.logs, s3: dir.s3, stateDir: `${dir.stateDir}/pending` },
    );
    const info = { requestId: 'r', region: 'us-east-1', accountId: '000000000000', headers: {} };
    try {
      const created = (await service.handle('CreateFunction', createBody('slowstart', HELLO), info)) as Record<string, unknown>;
      expect(created).toMatchObject({ State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' });
      const invoke = service.handle('Invoke', { FunctionName: 'slowstart' }, info);
      await expect(invoke).rejects.toMatchObject({
        code: 'ResourceConflictException',
        message: 'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      });
      now += 999;
      expect(((await service.handle('GetFunctionConfiguration', { FunctionName: 'slowstart' }, info)) as Record<string, unknown>).State).toBe('Pending');
      now += 1;
      const active = (await service.handle('GetFunctionConfiguration', { FunctionName: 'slowstart' }, info)) as Record<string, unknown>;
      expect(active).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
      expect(active).not.toHaveProperty('StateReason');
      expect(active.RevisionId).not.toBe(created.RevisionId);
    } finally {
      service.close();
    }
  });
});
