import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../../src/emulator/core/clock.js';
import type { LambdaBackend, LambdaInvokeResult } from '../../../../../src/emulator/core/backends.js';
import { CustomResourceBroker } from '../../../../../src/emulator/services/cloudformation/custom-resource/custom-resource-broker.js';
import { customResourceProvisioner } from '../../../../../src/emulator/services/cloudformation/provisioning/types/custom-resource.js';

/** A clock on which CloudFormation's hour has always already passed: only the order of events decides. */
const hourAlwaysOver: Clock = { timeScale: Number.MAX_SAFE_INTEGER, now: () => new Date(0), sleep: async () => undefined, toWallMs: () => 0 };

/** A service-token Lambda whose Event invocation runs until the test ends it, optionally answering first. */
function handler(broker: CustomResourceBroker) {
  let endRun!: () => void;
  const run = new Promise<void>((resolve) => (endRun = resolve));
  let responseUrl = '';
  const lambda = {
    async invokeFunction(_name: string, payload: Buffer): Promise<LambdaInvokeResult> {
      responseUrl = (JSON.parse(payload.toString('utf8')) as { ResponseURL: string }).ResponseURL;
      return { statusCode: 202, payload: Buffer.alloc(0), executedVersion: '$LATEST', finished: run };
    },
  } as unknown as LambdaBackend;
  return {
    lambda,
    async respond(body: Record<string, unknown>) {
      await broker.deliver(responseUrl.slice(responseUrl.lastIndexOf('/') + 1), Buffer.from(JSON.stringify(body)));
    },
    endRun,
  };
}

const request = () => ({
  logicalId: 'Greeting',
  type: 'Custom::Greeting',
  properties: { ServiceToken: 'arn:aws:lambda:us-east-1:000000000000:function:greeter' },
  stack: { stackId: 'arn:aws:cloudformation:us-east-1:000000000000:stack/s/1', stackName: 's', region: 'us-east-1', accountId: '000000000000' },
  signal: new AbortController().signal,
});

describe('custom resources and the scaled one-hour wait', () => {
  it('takes the response of a handler that is still running, however far the scaled hour has gone', async () => {
    const broker = new CustomResourceBroker();
    const fn = handler(broker);
    const provisioner = customResourceProvisioner({ lambda: fn.lambda, broker, clock: hourAlwaysOver, endpoint: () => 'http://127.0.0.1:1' });
    const created = provisioner.create(request());
    await new Promise((resolve) => setImmediate(resolve));
    await fn.respond({ Status: 'SUCCESS', PhysicalResourceId: 'greeting-1', Data: { Greeting: 'hello' } });
    fn.endRun();
    await expect(created).resolves.toEqual({ physicalId: 'greeting-1', attributes: { Greeting: 'hello' } });
  });

  it('times out once the handler has ended without answering and the hour is over', async () => {
    const broker = new CustomResourceBroker();
    const fn = handler(broker);
    const provisioner = customResourceProvisioner({ lambda: fn.lambda, broker, clock: hourAlwaysOver, endpoint: () => 'http://127.0.0.1:1' });
    const created = provisioner.create(request());
    fn.endRun();
    await expect(created).rejects.toThrow(/^CloudFormation did not receive a response from your Custom Resource\. Please check your logs for requestId \[[0-9a-f-]{36}\]/);
    expect(broker.pending).toBe(0);
  });
});
