import { GetAccountSettingsCommand, ListVersionsByFunctionCommand, paginateListVersionsByFunction, ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActiveFunction, ROLE, startLambdaCloud, zipOf, type LambdaCloud } from './lambda-local-cloud.js';

let cloud: LambdaCloud;
beforeAll(async () => {
  cloud = await startLambdaCloud({ timeScale: 50 });
});
afterAll(async () => {
  await cloud?.stop();
});

describe('Lambda operations a console calls (issue 8, item 7)', () => {
  it('GetAccountSettings: AWS default limits and the usage of the functions here', async () => {
    const before = await cloud.lambda.send(new GetAccountSettingsCommand({}));
    expect(before.AccountLimit).toEqual({
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000,
    });
    expect(before.AccountUsage).toEqual({ TotalCodeSize: 0, FunctionCount: 0 });
    const zip = zipOf({ 'index.js': 'exports.handler = async () => 1;' });
    await createActiveFunction(cloud.lambda, { FunctionName: 'counted', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip } });
    expect((await cloud.lambda.send(new GetAccountSettingsCommand({}))).AccountUsage).toEqual({ TotalCodeSize: zip.length, FunctionCount: 1 });
  });

  it('ListVersionsByFunction lists $LATEST (the only version here) and 404s a missing function', async () => {
    await createActiveFunction(cloud.lambda, { FunctionName: 'versioned', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zipOf({ 'index.js': 'exports.handler = async () => 1;' }) } });
    const versions: string[] = [];
    for await (const page of paginateListVersionsByFunction({ client: cloud.lambda }, { FunctionName: 'versioned' })) versions.push(...(page.Versions ?? []).map((v) => `${v.FunctionName}:${v.Version}`));
    expect(versions).toEqual(['versioned:$LATEST']);
    const missing = await cloud.lambda.send(new ListVersionsByFunctionCommand({ FunctionName: 'ghost' })).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe('Function not found: arn:aws:lambda:us-east-1:000000000000:function:ghost');
  });
});
