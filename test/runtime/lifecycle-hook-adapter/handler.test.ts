import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { adaptHook } from '../../../src/runtime/lifecycle-hook-adapter/handler.js';

const mock = mockClient(LambdaClient);
const lambda = new LambdaClient({ region: 'eu-west-1' });
// The SDK types Payload as a blob adapter; the bytes are what the client actually returns.
const payload = (v: unknown) => new TextEncoder().encode(JSON.stringify(v)) as InvokeCommandOutput['Payload'];
const ecsEvent = { serviceArn: 'arn:aws:ecs:eu-west-1:1:service/c/s', lifecycleStage: 'POST_TEST_TRAFFIC_SHIFT' };

beforeEach(() => mock.reset());

describe('lifecycle hook adapter', () => {
  it('maps a normal return to SUCCEEDED and forwards the ECS payload', async () => {
    mock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ checked: true }) });
    await expect(adaptHook(lambda, 'arn:fn', ecsEvent)).resolves.toEqual({ hookStatus: 'SUCCEEDED' });
    const input = mock.commandCalls(InvokeCommand)[0]!.args[0].input;
    expect(input.FunctionName).toBe('arn:fn');
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual(ecsEvent);
  });

  it('maps a thrown error to FAILED', async () => {
    mock.on(InvokeCommand).resolves({ FunctionError: 'Unhandled', Payload: payload({ errorMessage: 'smoke test failed' }) });
    await expect(adaptHook(lambda, 'arn:fn', ecsEvent)).resolves.toEqual({ hookStatus: 'FAILED' });
  });

  it('passes an ECS-style answer through (IN_PROGRESS with a callback delay)', async () => {
    mock.on(InvokeCommand).resolves({ Payload: payload({ hookStatus: 'IN_PROGRESS', callBackDelay: 60 }) });
    await expect(adaptHook(lambda, 'arn:fn', ecsEvent)).resolves.toEqual({ hookStatus: 'IN_PROGRESS', callBackDelay: 60 });
  });

  it('treats an empty return as success and an invoke failure as FAILED', async () => {
    mock.on(InvokeCommand).resolvesOnce({ StatusCode: 200 }).rejectsOnce(new Error('throttled'));
    await expect(adaptHook(lambda, 'arn:fn', ecsEvent)).resolves.toEqual({ hookStatus: 'SUCCEEDED' });
    await expect(adaptHook(lambda, 'arn:fn', ecsEvent)).resolves.toEqual({ hookStatus: 'FAILED' });
  });
});
