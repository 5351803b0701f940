/**
 * Secrets Manager calls behind `stp secret:*`, with the failures a user can act on turned into
 * StpErrors (name, region and a fix). Values pass through untouched and are never logged.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { StpError } from '../../errors/stp-error.js';

export interface SecretWhere {
  client: SecretsManagerClient;
  /** For messages only. */
  region: string;
}

export interface StoredSecret {
  arn: string;
  name: string;
  versionId?: string;
}

export async function createSecret(where: SecretWhere, name: string, value: string, options: { description?: string; overwrite?: boolean } = {}): Promise<StoredSecret & { created: boolean }> {
  try {
    const created = await where.client.send(new CreateSecretCommand({ Name: name, SecretString: value, Description: options.description }));
    return { arn: created.ARN!, name: created.Name!, versionId: created.VersionId, created: true };
  } catch (error) {
    if (errorName(error) === 'ResourceExistsException' && options.overwrite) {
      const put = await guarded(where, name, () => where.client.send(new PutSecretValueCommand({ SecretId: name, SecretString: value })));
      return { arn: put.ARN!, name: put.Name!, versionId: put.VersionId, created: false };
    }
    if (errorName(error) === 'ResourceExistsException') {
      throw new StpError('aws', `Secret ${name} already exists in ${where.region}.`, {
        code: 'STP_SECRET_EXISTS',
        resource: name,
        fix: `Add --overwrite to store a new value (the current one stays readable as AWSPREVIOUS), or pick another name.`,
        cause: error,
      });
    }
    throw known(where, name, error);
  }
}

export async function getSecret(where: SecretWhere, name: string, version: { versionId?: string; versionStage?: string } = {}): Promise<StoredSecret & { value: string; binary: boolean }> {
  const got = await guarded(where, name, () => where.client.send(new GetSecretValueCommand({ SecretId: name, VersionId: version.versionId, VersionStage: version.versionStage })));
  const binary = got.SecretString === undefined;
  const value = binary ? Buffer.from(got.SecretBinary ?? new Uint8Array()).toString('base64') : got.SecretString!;
  return { arn: got.ARN!, name: got.Name!, versionId: got.VersionId, value, binary };
}

export async function deleteSecret(where: SecretWhere, name: string, options: { force?: boolean; recoveryDays?: number } = {}): Promise<StoredSecret & { deletionDate?: Date }> {
  const deleted = await guarded(where, name, () =>
    where.client.send(
      new DeleteSecretCommand({ SecretId: name, ...(options.force ? { ForceDeleteWithoutRecovery: true } : { RecoveryWindowInDays: options.recoveryDays ?? 30 }) }),
    ),
  );
  return { arn: deleted.ARN!, name: deleted.Name!, deletionDate: deleted.DeletionDate };
}

async function guarded<T>(where: SecretWhere, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw known(where, name, error);
  }
}

/** The secret-specific failures as StpErrors; anything else (credentials, network) passes on as it was. */
function known(where: SecretWhere, name: string, error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  switch (errorName(error)) {
    case 'ResourceNotFoundException':
      return new StpError('aws', `Secret ${name} was not found in ${where.region}: ${message}`, {
        code: 'STP_SECRET_NOT_FOUND',
        resource: name,
        fix: `Check the name and the region (--region); stp secret:create ${name} creates it.`,
        cause: error,
      });
    case 'InvalidRequestException':
      return new StpError('aws', `Secret ${name} in ${where.region} cannot be used: ${message}`, {
        code: 'STP_SECRET_UNAVAILABLE',
        resource: name,
        fix: `A secret scheduled for deletion can be restored (aws secretsmanager restore-secret --secret-id ${name}) until its recovery window ends.`,
        cause: error,
      });
    case 'ValidationException':
    case 'InvalidParameterException':
      return new StpError('usage', `Secrets Manager refused secret ${name}: ${message}`, {
        code: 'STP_SECRET_INVALID',
        resource: name,
        fix: 'Secret names may use letters, digits and / _ + = . @ - (up to 512 characters).',
        cause: error,
      });
    default:
      return error;
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
