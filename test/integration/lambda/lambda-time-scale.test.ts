import { InvokeCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveFunction, ROLE, startLambdaCloud, zipOf, type LambdaCloud } from './lambda-local-cloud.js';

let cloud: LambdaCloud;
beforeAll(async () => {
  cloud = await startLambdaCloud({ timeScale: 60 });
});
afterAll(async () => {
  await cloud?.stop();
});

describe('Lambda timeouts on a compressed clock', () => {
  it('times out after the configured emulated seconds (120 s at scale 60 is 2 s of wall time)', async () => {
    await createActiveFunction(cloud.lambda, {
        FunctionName: 'slow',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Timeout: 120,
        Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = () => new Promise(() => {});' }) },
      });
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'slow', LogType: 'Tail' }));
    expect(result.FunctionError).toBe('Unhandled');
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Error: Task timed out after 120\.00 seconds$/),
    });
    expect(Buffer.from(result.LogResult ?? '', 'base64').toString()).toMatch(/\tDuration: 120000\.00 ms\tBilled Duration: 120000 ms\t.*Status: timeout\n$/);
  });
});
