/**
 * Secrets Manager (awsJson1.1, `secretsmanager.<Operation>`): CreateSecret, PutSecretValue,
 * GetSecretValue (by VersionId and/or VersionStage), DescribeSecret, ListSecrets,
 * ListSecretVersionIds, DeleteSecret (recovery window or ForceDeleteWithoutRecovery) and RestoreSecret. Every error is HTTP 400, as
 * in AWS. Messages are AWS's where a recording exists (LocalStack's test_secretsmanager snapshots);
 * the others are listed as unverified in the emulator README.
 */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';
import type { SecretsBackend, SecretValue } from '../../core/backends.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorService, RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import {
  optionalBoolean,
  optionalNumber,
  optionalString,
  optionalStringList,
  optionalTagList,
  requiredString,
  type JsonInput,
} from '../../protocols/json-input.js';
import { secretArn, SecretStore, type SecretRecord, type SecretStoreSnapshot, type SecretVersion } from './secret-store.js';

const NAME = /^[A-Za-z0-9/_+=.@!-]+$/;
const DAY_MS = 86_400_000;
const CURRENT = 'AWSCURRENT';
const PREVIOUS = 'AWSPREVIOUS';

const notFound = () => new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.", 400);
const markedForDeletion = () =>
  new AwsServiceError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.", 400);
const invalidName = () =>
  new AwsServiceError('ValidationException', 'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!', 400);
const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterException', message, 400);
const invalidRequest = (message: string) => new AwsServiceError('InvalidRequestException', message, 400);

export interface SecretsManagerHandle {
  service: EmulatorService;
  backend: SecretsBackend;
}

export function createSecretsManagerService(ctx: EmulatorRuntimeContext): SecretsManagerHandle {
  const clock = ctx.clock;
  const store = new SecretStore(
    () => clock.now().getTime(),
    () => ctx.state.markDirty(),
  );
  ctx.state.register<SecretStoreSnapshot>('secretsmanager', { serialize: () => store.serialize(), restore: (saved) => store.restore(saved) });

  const existing = (region: string, secretId: string): SecretRecord => {
    // Every operation checks the shape of a name before looking it up (recorded: test_invalid_secret_name).
    if (!secretId.startsWith('arn:') && (secretId.length > 512 || !NAME.test(secretId))) throw invalidName();
    const secret = store.find(region, secretId);
    if (!secret) throw notFound();
    return secret;
  };

  const live = (region: string, secretId: string): SecretRecord => {
    const secret = existing(region, secretId);
    if (secret.deletedAt !== undefined) throw markedForDeletion();
    return secret;
  };

  /** The version GetSecretValue names (AWSCURRENT when neither VersionId nor VersionStage is given). */
  const selectVersion = (secret: SecretRecord, versionId: string | undefined, versionStage: string | undefined): SecretVersion => {
    if (versionId !== undefined) {
      const version = secret.versions.find((candidate) => candidate.versionId === versionId);
      if (!version) throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for VersionId: ${versionId}`, 400);
      if (versionStage !== undefined && !version.stages.includes(versionStage)) {
        throw invalidRequest('You provided a VersionStage that is not associated to the provided VersionId.');
      }
      return version;
    }
    const stage = versionStage ?? CURRENT;
    const version = secret.versions.find((candidate) => candidate.stages.includes(stage));
    if (!version) throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for staging label: ${stage}`, 400);
    return version;
  };

  const readValue = (region: string, secretId: string, versionId?: string, versionStage?: string): { secret: SecretRecord; version: SecretVersion } => {
    const secret = live(region, secretId);
    const version = selectVersion(secret, versionId, versionStage);
    const today = Math.floor(clock.now().getTime() / DAY_MS) * DAY_MS;
    if (secret.lastAccessedAt !== today) {
      secret.lastAccessedAt = today;
      store.touch();
    }
    return { secret, version };
  };

  /** Adds a version; the stages it takes are removed from the others, and a moved AWSCURRENT leaves AWSPREVIOUS behind. */
  const addVersion = (secret: SecretRecord, version: SecretVersion): void => {
    const previousCurrent = version.stages.includes(CURRENT) ? secret.versions.find((candidate) => candidate.stages.includes(CURRENT)) : undefined;
    for (const other of secret.versions) other.stages = other.stages.filter((stage) => !version.stages.includes(stage));
    if (previousCurrent) {
      for (const other of secret.versions) other.stages = other.stages.filter((stage) => stage !== PREVIOUS);
      previousCurrent.stages.push(PREVIOUS);
    }
    secret.versions.push(version);
    secret.lastChangedAt = version.createdAt;
  };

  const valueOf = (input: JsonInput): Pick<SecretVersion, 'secretString' | 'secretBinary'> | undefined => {
    const secretString = optionalString(input, 'SecretString');
    const secretBinary = optionalString(input, 'SecretBinary');
    if (secretString !== undefined && secretBinary !== undefined) {
      throw invalidParameter("You can't specify both a binary secret value and a string secret value in the same secret.");
    }
    if (secretString === undefined && secretBinary === undefined) return undefined;
    return secretString !== undefined ? { secretString } : { secretBinary };
  };

  const versionsToStages = (secret: SecretRecord): Record<string, string[]> =>
    Object.fromEntries(secret.versions.filter((version) => version.stages.length > 0).map((version) => [version.versionId, [...version.stages]]));

  const description = (secret: SecretRecord, versionsKey: 'VersionIdsToStages' | 'SecretVersionsToStages') => ({
    ARN: secret.arn,
    Name: secret.name,
    ...(secret.description !== undefined ? { Description: secret.description } : {}),
    ...(secret.kmsKeyId !== undefined ? { KmsKeyId: secret.kmsKeyId } : {}),
    LastChangedDate: new Date(secret.lastChangedAt),
    ...(secret.lastAccessedAt !== undefined ? { LastAccessedDate: new Date(secret.lastAccessedAt) } : {}),
    ...(secret.deletedAt !== undefined ? { DeletedDate: new Date(secret.deletedAt) } : {}),
    ...(secret.tags.length > 0 ? { Tags: secret.tags } : {}),
    [versionsKey]: versionsToStages(secret),
    CreatedDate: new Date(secret.createdAt),
  });

  async function handle(operation: string, input: JsonInput, request: RequestInfo): Promise<unknown> {
    return handleSync(operation, input, request);
  }

  function handleSync(operation: string, input: JsonInput, request: RequestInfo): unknown {
    const region = request.region;
    switch (operation) {
      case 'CreateSecret': {
        const name = requiredString(input, 'Name');
        if (name.length > 512 || !NAME.test(name)) throw invalidName();
        const value = valueOf(input);
        const found = store.find(region, name);
        if (found?.deletedAt !== undefined) {
          throw invalidRequest("You can't create this secret because a secret with this name is already scheduled for deletion.");
        }
        if (found) throw new AwsServiceError('ResourceExistsException', `The operation failed because the secret ${name} already exists.`, 400);
        const now = clock.now().getTime();
        const secret: SecretRecord = {
          region,
          name,
          arn: secretArn(region, ctx.accountId, name),
          description: optionalString(input, 'Description'),
          kmsKeyId: optionalString(input, 'KmsKeyId'),
          tags: optionalTagList(input, 'Tags') ?? [],
          createdAt: now,
          lastChangedAt: now,
          versions: [],
        };
        const versionId = optionalString(input, 'ClientRequestToken') ?? randomUUID();
        if (value) addVersion(secret, { versionId, ...value, createdAt: now, stages: [CURRENT] });
        store.put(secret);
        return { ARN: secret.arn, Name: secret.name, ...(value ? { VersionId: versionId } : {}) };
      }
      case 'PutSecretValue': {
        const secret = live(region, requiredString(input, 'SecretId'));
        const value = valueOf(input);
        if (!value) throw invalidRequest('You must provide either SecretString or SecretBinary.');
        const versionId = optionalString(input, 'ClientRequestToken') ?? randomUUID();
        const stages = optionalStringList(input, 'VersionStages') ?? [CURRENT];
        const same = secret.versions.find((version) => version.versionId === versionId);
        if (same) {
          // An idempotent retry answers the version it made; another value under the same token is refused.
          if (same.secretString !== value.secretString || same.secretBinary !== value.secretBinary) {
            throw new AwsServiceError('ResourceExistsException', "You can't modify an existing version, you can only create a new version.", 400);
          }
          return { ARN: secret.arn, Name: secret.name, VersionId: same.versionId, VersionStages: [...same.stages] };
        }
        addVersion(secret, { versionId, ...value, createdAt: clock.now().getTime(), stages: [...new Set(stages)] });
        store.put(secret);
        // AWS answers the labels sorted (recorded: ["SAMPLESTAGE1", "SAMPLESTAGE0"] came back as 0, 1).
        return { ARN: secret.arn, Name: secret.name, VersionId: versionId, VersionStages: [...new Set(stages)].sort() };
      }
      case 'GetSecretValue': {
        const { secret, version } = readValue(region, requiredString(input, 'SecretId'), optionalString(input, 'VersionId'), optionalString(input, 'VersionStage'));
        return {
          ARN: secret.arn,
          Name: secret.name,
          VersionId: version.versionId,
          ...(version.secretString !== undefined ? { SecretString: version.secretString } : { SecretBinary: version.secretBinary }),
          VersionStages: [...version.stages],
          CreatedDate: new Date(version.createdAt),
        };
      }
      case 'ListSecretVersionIds': {
        const secret = existing(region, requiredString(input, 'SecretId'));
        const includeDeprecated = optionalBoolean(input, 'IncludeDeprecated') ?? false;
        return {
          ARN: secret.arn,
          Name: secret.name,
          Versions: secret.versions
            .filter((version) => includeDeprecated || version.stages.length > 0)
            .map((version) => ({ VersionId: version.versionId, VersionStages: [...version.stages], CreatedDate: new Date(version.createdAt) })),
        };
      }
      case 'DescribeSecret':
        return description(existing(region, requiredString(input, 'SecretId')), 'VersionIdsToStages');
      case 'ListSecrets':
        return listSecrets(region, input);
      case 'DeleteSecret': {
        const secret = existing(region, requiredString(input, 'SecretId'));
        const window = optionalNumber(input, 'RecoveryWindowInDays');
        const force = optionalBoolean(input, 'ForceDeleteWithoutRecovery') ?? false;
        if (force && window !== undefined) {
          throw invalidParameter("You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        if (window !== undefined && (window < 7 || window > 30)) {
          throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
        }
        const now = clock.now().getTime();
        if (force) {
          store.remove(secret);
          return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(now) };
        }
        if (secret.deletedAt !== undefined) throw markedForDeletion();
        const days = window ?? 30;
        secret.deletedAt = now;
        secret.deletionDate = now + days * DAY_MS;
        secret.purgeAt = now + clock.toWallMs(days * DAY_MS);
        store.put(secret);
        return { ARN: secret.arn, Name: secret.name, DeletionDate: new Date(secret.deletionDate) };
      }
      case 'TagResource': {
        const secret = live(region, requiredString(input, 'SecretId'));
        for (const tag of optionalTagList(input, 'Tags') ?? []) {
          secret.tags = [...secret.tags.filter((other) => other.Key !== tag.Key), tag];
        }
        store.put(secret);
        return {};
      }
      case 'UntagResource': {
        const secret = live(region, requiredString(input, 'SecretId'));
        const keys = optionalStringList(input, 'TagKeys') ?? [];
        secret.tags = secret.tags.filter((tag) => !keys.includes(tag.Key));
        store.put(secret);
        return {};
      }
      case 'RestoreSecret': {
        const secret = existing(region, requiredString(input, 'SecretId'));
        delete secret.deletedAt;
        delete secret.deletionDate;
        delete secret.purgeAt;
        store.put(secret);
        return { ARN: secret.arn, Name: secret.name };
      }
      default:
        throw new UnsupportedOperationError('secretsmanager', operation);
    }
  }

  function listSecrets(region: string, input: JsonInput): unknown {
    const maxResults = optionalNumber(input, 'MaxResults') ?? 100;
    if (maxResults < 1 || maxResults > 100) {
      throw new AwsServiceError(
        'ValidationException',
        `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${maxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`,
        400,
      );
    }
    const includeDeleted = optionalBoolean(input, 'IncludePlannedDeletion') ?? false;
    const filters = (input.Filters ?? []) as { Key?: string; Values?: string[] }[];
    let secrets = store.list(region).filter((secret) => includeDeleted || secret.deletedAt === undefined);
    for (const filter of filters) {
      if (filter.Key !== 'name') throw new UnsupportedOperationError('secretsmanager', 'ListSecrets', `filter key ${String(filter.Key)}; only "name" is supported`);
      const prefixes = filter.Values ?? [];
      secrets = secrets.filter((secret) => prefixes.some((prefix) => (prefix.startsWith('!') ? !secret.name.startsWith(prefix.slice(1)) : secret.name.startsWith(prefix))));
    }
    // Oldest first (AWS documents no default order).
    secrets.sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
    const token = optionalString(input, 'NextToken');
    const start = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid NextToken.');
    const page = secrets.slice(start, start + maxResults);
    const more = start + maxResults < secrets.length;
    return {
      SecretList: page.map((secret) => description(secret, 'SecretVersionsToStages')),
      ...(more ? { NextToken: Buffer.from(String(start + maxResults), 'utf8').toString('base64url') } : {}),
    };
  }

  const request = (region: string): RequestInfo => ({ requestId: randomUUID(), region, accountId: ctx.accountId, headers: {} });
  const backend: SecretsBackend = {
    getSecretValue(region, secretId, options = {}): SecretValue {
      const { secret, version } = readValue(region, secretId, options.versionId, options.versionStage);
      return { arn: secret.arn, name: secret.name, versionId: version.versionId, secretString: version.secretString, secretBinary: version.secretBinary };
    },
    createSecret(region, secret) {
      const created = handleSync('CreateSecret', { Name: secret.name, SecretString: secret.secretString, Description: secret.description, Tags: secret.tags }, request(region)) as {
        ARN: string;
        VersionId?: string;
      };
      return { arn: created.ARN, versionId: created.VersionId };
    },
    updateSecret(region, secretId, change) {
      const secret = live(region, secretId);
      if (change.description !== undefined && change.description !== secret.description) {
        secret.description = change.description;
        secret.lastChangedAt = clock.now().getTime();
        store.put(secret);
      }
      if (change.secretString !== undefined) handleSync('PutSecretValue', { SecretId: secretId, SecretString: change.secretString }, request(region));
    },
    forceDeleteSecret(region, secretId) {
      const secret = store.find(region, secretId);
      if (secret) store.remove(secret);
    },
  };

  return { service: { signingName: 'secretsmanager', handle }, backend };
}
