import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from '@aws-sdk/client-cloudformation';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ALL_LOCAL_SERVICES } from '../../../src/emulator/start-emulator.js';
import { clientConfig, startLocalCloud, stopLocalCloud, stsClient, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
beforeEach(async () => {
  local = await startLocalCloud({ services: ALL_LOCAL_SERVICES });
});
afterEach(() => stopLocalCloud(local));

it('serves every service on one endpoint, each reached by its own SDK client', async () => {
  const endpoint = local.cloud.endpoint;
  expect((await stsClient(endpoint).send(new GetCallerIdentityCommand({}))).Account).toBe('000000000000');
  const cfn = new CloudFormationClient(clientConfig(endpoint));
  expect((await cfn.send(new ListStacksCommand({}))).StackSummaries ?? []).toEqual([]);
  const missing = await cfn.send(new DescribeStacksCommand({ StackName: 'nope' })).catch((e: Error) => e);
  expect((missing as Error).name).toBe('ValidationError');
  const lambda = new LambdaClient(clientConfig(endpoint));
  expect((await lambda.send(new ListFunctionsCommand({}))).Functions ?? []).toEqual([]);
});
