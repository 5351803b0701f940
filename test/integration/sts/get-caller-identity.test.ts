import { GetCallerIdentityCommand, GetSessionTokenCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startLocalCloud, stopLocalCloud, stsClient, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
beforeEach(async () => {
  local = await startLocalCloud();
});
afterEach(() => stopLocalCloud(local));

it('answers GetCallerIdentity as the account root', async () => {
  const identity = await stsClient(local.cloud.endpoint).send(new GetCallerIdentityCommand({}));
  expect(identity).toMatchObject({ Account: '000000000000', Arn: 'arn:aws:iam::000000000000:root', UserId: '000000000000' });
  expect(identity.$metadata.httpStatusCode).toBe(200);
  expect(identity.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
});

it('answers an operation it does not emulate with InvalidAction and one log line', async () => {
  const error = await stsClient(local.cloud.endpoint)
    .send(new GetSessionTokenCommand({}))
    .catch((e: unknown) => e as Error & { $metadata: { httpStatusCode: number } });
  expect(error).toMatchObject({ name: 'InvalidAction', message: 'The action GetSessionToken is not valid for this web service.' });
  expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(400);
  expect(local.lines.filter((line) => line.includes('GetSessionToken'))).toEqual(['local cloud: unsupported operation sts GetSessionToken']);
});
