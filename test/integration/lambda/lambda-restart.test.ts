import { rmSync } from 'node:fs';
import { GetFunctionCommand, InvokeCommand } from '@aws-sdk/client-lambda';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { describe, expect, it } from 'vitest';
import { createActiveFunction, ROLE, startLambdaCloud, zipOf } from './lambda-local-cloud.js';

describe('Lambda state across an emulator restart', () => {
  it('keeps functions, their code and their logs', async () => {
    const first = await startLambdaCloud();
    const dir = first.dir;
    try {
      await createActiveFunction(first.lambda, {
          FunctionName: 'survivor',
          Runtime: 'nodejs22.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async (e) => { console.log("run", e.n); return e.n + 1; };' }) },
        });
      await first.lambda.send(new InvokeCommand({ FunctionName: 'survivor', Payload: new TextEncoder().encode('{"n":1}') }));
      await first.stop({ keepState: true });

      const second = await startLambdaCloud({ dir });
      try {
        const got = await second.lambda.send(new GetFunctionCommand({ FunctionName: 'survivor' }));
        expect(got.Configuration?.Runtime).toBe('nodejs22.x');
        const result = await second.lambda.send(new InvokeCommand({ FunctionName: 'survivor', Payload: new TextEncoder().encode('{"n":41}') }));
        expect(new TextDecoder().decode(result.Payload)).toBe('42');
        const runs = await second.logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/survivor', filterPattern: 'run' }));
        expect(runs.events?.map((event) => event.message?.split('\t').slice(2).join('\t'))).toEqual(['INFO\trun 1', 'INFO\trun 41']);
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
