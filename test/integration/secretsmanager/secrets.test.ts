import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  paginateListSecrets,
  PutSecretValueCommand,
  RestoreSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientConfig, failure, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let sm: SecretsManagerClient;
async function start(timeScale = 1): Promise<void> {
  local = await startLocalCloud({ services: ['sts', 'secretsmanager'], timeScale });
  sm = new SecretsManagerClient(clientConfig(local.cloud.endpoint));
}
beforeEach(() => start());
afterEach(async () => {
  sm.destroy();
  await stopLocalCloud(local);
});

const ARN = /^arn:aws:secretsmanager:us-east-1:000000000000:secret:db\/password-[A-Za-z0-9]{6}$/;

describe('Secrets Manager through the real SDK client', () => {
  it('creates a secret, reads it by name, ARN and partial ARN, and describes it', async () => {
    const created = await sm.send(new CreateSecretCommand({ Name: 'db/password', SecretString: 's3cret', Description: 'the db' }));
    expect(created.ARN).toMatch(ARN);
    expect(created.Name).toBe('db/password');
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);
    for (const id of ['db/password', created.ARN!, created.ARN!.slice(0, -7)]) {
      const value = await sm.send(new GetSecretValueCommand({ SecretId: id }));
      expect(value).toMatchObject({ ARN: created.ARN, Name: 'db/password', SecretString: 's3cret', VersionId: created.VersionId, VersionStages: ['AWSCURRENT'] });
      expect(value.CreatedDate).toBeInstanceOf(Date);
    }
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'db/password' }));
    expect(described).toMatchObject({ ARN: created.ARN, Name: 'db/password', Description: 'the db', VersionIdsToStages: { [created.VersionId!]: ['AWSCURRENT'] } });
    // AWS reports the day of the last read (00:00 UTC).
    expect(described.LastAccessedDate?.getUTCHours()).toBe(0);
  });

  it('moves AWSCURRENT on PutSecretValue, keeps AWSPREVIOUS, and reads versions by stage and id', async () => {
    const first = await sm.send(new CreateSecretCommand({ Name: 'api-key', SecretString: 'v1' }));
    const second = await sm.send(new PutSecretValueCommand({ SecretId: 'api-key', SecretString: 'v2' }));
    expect(second.VersionStages).toEqual(['AWSCURRENT']);
    const pending = await sm.send(new PutSecretValueCommand({ SecretId: 'api-key', SecretString: 'v3', VersionStages: ['AWSPENDING'] }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'api-key' }))).SecretString).toBe('v2');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'AWSPREVIOUS' }))).SecretString).toBe('v1');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'AWSPENDING' }))).SecretString).toBe('v3');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionId: first.VersionId }))).SecretString).toBe('v1');
    const described = await sm.send(new DescribeSecretCommand({ SecretId: 'api-key' }));
    expect(described.VersionIdsToStages).toEqual({
      [first.VersionId!]: ['AWSPREVIOUS'],
      [second.VersionId!]: ['AWSCURRENT'],
      [pending.VersionId!]: ['AWSPENDING'],
    });
    const mismatch = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionId: first.VersionId, VersionStage: 'AWSCURRENT' })));
    expect([mismatch.name, mismatch.message]).toEqual(['InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.']);
    const noStage = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionStage: 'NOPE' })));
    expect([noStage.name, noStage.message]).toEqual(['ResourceNotFoundException', "Secrets Manager can't find the specified secret value for staging label: NOPE"]);
    const noVersion = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'api-key', VersionId: 'a'.repeat(32) })));
    expect(noVersion.message).toBe(`Secrets Manager can't find the specified secret value for VersionId: ${'a'.repeat(32)}`);
  });

  it('answers AWS errors for missing, duplicate and badly named secrets, and for a secret without a value', async () => {
    const missing = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'nope' })));
    expect([missing.name, missing.message, missing.$metadata?.httpStatusCode]).toEqual(['ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 400]);
    await sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'x' }));
    const duplicate = await failure(sm.send(new CreateSecretCommand({ Name: 'dup', SecretString: 'x' })));
    expect([duplicate.name, duplicate.message]).toEqual(['ResourceExistsException', 'The operation failed because the secret dup already exists.']);
    const badName = await failure(sm.send(new CreateSecretCommand({ Name: 'Inv Name', SecretString: 'x' })));
    expect([badName.name, badName.message]).toEqual(['ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!']);
    const empty = await sm.send(new CreateSecretCommand({ Name: 'empty' }));
    expect(empty.VersionId).toBeUndefined();
    const noValue = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'empty' })));
    expect(noValue.message).toBe("Secrets Manager can't find the specified secret value for staging label: AWSCURRENT");
  });

  it('deletes with a recovery window (restorable, name blocked) or at once with ForceDeleteWithoutRecovery', async () => {
    await sm.send(new CreateSecretCommand({ Name: 'windowed', SecretString: 'x' }));
    const before = Date.now();
    const deleted = await sm.send(new DeleteSecretCommand({ SecretId: 'windowed', RecoveryWindowInDays: 7 }));
    expect(deleted.DeletionDate!.getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    const read = await failure(sm.send(new GetSecretValueCommand({ SecretId: 'windowed' })));
    expect([read.name, read.message]).toEqual(['InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion."]);
    const recreate = await failure(sm.send(new CreateSecretCommand({ Name: 'windowed', SecretString: 'y' })));
    expect(recreate.message).toBe("You can't create this secret because a secret with this name is already scheduled for deletion.");
    expect((await sm.send(new DescribeSecretCommand({ SecretId: 'windowed' }))).DeletedDate).toBeInstanceOf(Date);
    expect((await sm.send(new ListSecretsCommand({}))).SecretList?.map((secret) => secret.Name)).toEqual([]);
    expect((await sm.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList?.map((secret) => secret.Name)).toEqual(['windowed']);
    await sm.send(new RestoreSecretCommand({ SecretId: 'windowed' }));
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'windowed' }))).SecretString).toBe('x');

    const both = await failure(sm.send(new DeleteSecretCommand({ SecretId: 'windowed', RecoveryWindowInDays: 7, ForceDeleteWithoutRecovery: true })));
    expect(both.name).toBe('InvalidParameterException');
    const outOfRange = await failure(sm.send(new DeleteSecretCommand({ SecretId: 'windowed', RecoveryWindowInDays: 3 })));
    expect(outOfRange.name).toBe('InvalidParameterException');
    await sm.send(new DeleteSecretCommand({ SecretId: 'windowed', ForceDeleteWithoutRecovery: true }));
    expect((await failure(sm.send(new DescribeSecretCommand({ SecretId: 'windowed' })))).name).toBe('ResourceNotFoundException');
    await sm.send(new CreateSecretCommand({ Name: 'windowed', SecretString: 'again' }));
  });

  it('purges a scheduled deletion when the recovery window has passed on the emulator clock', async () => {
    sm.destroy();
    await stopLocalCloud(local);
    // A day of emulated time is one millisecond here: the 7-day window ends after 7 ms.
    await start(86_400_000);
    await sm.send(new CreateSecretCommand({ Name: 'short-lived', SecretString: 'x' }));
    await sm.send(new DeleteSecretCommand({ SecretId: 'short-lived', RecoveryWindowInDays: 7 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await failure(sm.send(new DescribeSecretCommand({ SecretId: 'short-lived' })))).name).toBe('ResourceNotFoundException');
  });

  it('pages ListSecrets with MaxResults and NextToken, and keeps binary secrets binary', async () => {
    for (const name of ['a', 'b', 'c']) await sm.send(new CreateSecretCommand({ Name: name, SecretBinary: Buffer.from(`bin-${name}`) }));
    const names: string[] = [];
    for await (const page of paginateListSecrets({ client: sm, pageSize: 2 }, {})) {
      expect(page.SecretList!.length).toBeLessThanOrEqual(2);
      names.push(...page.SecretList!.map((secret) => secret.Name!));
    }
    expect(names).toEqual(['a', 'b', 'c']);
    const value = await sm.send(new GetSecretValueCommand({ SecretId: 'b' }));
    expect(Buffer.from(value.SecretBinary!).toString()).toBe('bin-b');
    expect(value.SecretString).toBeUndefined();
  });
});
