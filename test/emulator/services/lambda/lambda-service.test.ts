import { afterEach, describe, expect, it } from 'vitest';
import { createBody, createHarness, zipOf, type Harness } from './lambda-test-harness.js';

let harness: Harness;
afterEach(() => harness?.close());

describe('lambda service over REST JSON', () => {
  it('creates a function and invokes it', async () => {
    harness = createHarness();
    const zip = zipOf({ 'index.js': "exports.handler = async (event) => { console.log('hello', event.name); return { ok: true, name: event.name }; };" });
    const created = await harness.http('POST', '/2015-03-31/functions', { body: createBody('fn1', zip) });
    expect(created.status).toBe(201);
    expect(created.json()).toMatchObject({ FunctionName: 'fn1', FunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn1', State: 'Active' });
    const invoked = await harness.http('POST', '/2015-03-31/functions/fn1/invocations', {
      body: { name: 'x' },
      headers: { 'X-Amz-Log-Type': 'Tail' },
    });
    expect(invoked.status).toBe(200);
    expect(invoked.json()).toEqual({ ok: true, name: 'x' });
    const tail = Buffer.from(invoked.headers?.['X-Amz-Log-Result'] ?? '', 'base64').toString('utf8');
    console.info(tail);
    console.info(harness.logLines('/aws/lambda/fn1'));
  });
});
