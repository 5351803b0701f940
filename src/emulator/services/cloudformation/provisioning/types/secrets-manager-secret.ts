import { randomInt, randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../../../core/aws-error.js';
import type { SecretsBackend } from '../../../../core/backends.js';
import { generatedName } from '../physical-names.js';
import { handlerFailure, type Provisioner } from '../provisioner.js';

interface GenerateSecretString {
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludeLowercase?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeNumbers?: boolean;
  ExcludePunctuation?: boolean;
  IncludeSpace?: boolean;
  RequireEachIncludedType?: boolean;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/** GetRandomPassword's rules (defaults: 32 characters, every type, each at least once). */
export function generatePassword(options: GenerateSecretString = {}): string {
  const exclude = new Set(options.ExcludeCharacters ?? '');
  const classes = [
    options.ExcludeLowercase ? '' : LOWER,
    options.ExcludeUppercase ? '' : UPPER,
    options.ExcludeNumbers ? '' : DIGITS,
    options.ExcludePunctuation ? '' : PUNCTUATION,
    options.IncludeSpace ? ' ' : '',
  ]
    .map((chars) => [...chars].filter((char) => !exclude.has(char)).join(''))
    .filter((chars) => chars !== '');
  const length = options.PasswordLength ?? 32;
  const all = classes.join('');
  if (all === '' || length < 1 || length > 4096) throw new AwsServiceError('InvalidParameterException', 'The password cannot be generated with these options.', 400);
  const chars = (options.RequireEachIncludedType ?? true) ? classes.slice(0, length).map((set) => set[randomInt(set.length)]!) : [];
  while (chars.length < length) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function secretString(properties: Record<string, unknown>): string | undefined {
  if (typeof properties.SecretString === 'string') return properties.SecretString;
  const generate = properties.GenerateSecretString as GenerateSecretString | undefined;
  if (!generate) return undefined;
  const password = generatePassword(generate);
  if (generate.SecretStringTemplate === undefined || generate.GenerateStringKey === undefined) return password;
  const template = JSON.parse(generate.SecretStringTemplate) as Record<string, unknown>;
  return JSON.stringify({ ...template, [generate.GenerateStringKey]: password });
}

/**
 * AWS::SecretsManager::Secret → a real secret in the local Secrets Manager (Ref is its ARN), with
 * GenerateSecretString honoured; `{{resolve:secretsmanager:…}}` of other resources then reads it.
 * A stack deletes its secrets without a recovery window.
 */
export function secretsManagerSecretProvisioner(secrets: SecretsBackend, requestToken: () => string): Provisioner {
  const guarded = <T>(call: () => T): T => {
    try {
      return call();
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      const code = error.code === 'ResourceExistsException' ? 'AlreadyExists' : error.code === 'ResourceNotFoundException' ? 'NotFound' : 'InvalidRequest';
      throw handlerFailure(`${error.message} (Service: SecretsManager, Status Code: ${error.status}, Request ID: ${randomUUID()})`, code, requestToken());
    }
  };
  return {
    async create(request) {
      const given = request.properties.Name;
      const name = typeof given === 'string' && given !== '' ? given : generatedName(request.stack.stackName, request.logicalId);
      const created = guarded(() =>
        secrets.createSecret(request.stack.region, {
          name,
          secretString: secretString(request.properties),
          description: typeof request.properties.Description === 'string' ? request.properties.Description : undefined,
          tags: request.properties.Tags as { Key: string; Value: string }[] | undefined,
        }),
      );
      return { physicalId: created.arn, attributes: { Id: created.arn } };
    },
    async update(request) {
      const changed = JSON.stringify(request.properties.SecretString ?? request.properties.GenerateSecretString) !==
        JSON.stringify(request.oldProperties.SecretString ?? request.oldProperties.GenerateSecretString);
      guarded(() =>
        secrets.updateSecret(request.stack.region, request.physicalId, {
          secretString: changed ? secretString(request.properties) : undefined,
          description: typeof request.properties.Description === 'string' ? request.properties.Description : undefined,
        }),
      );
      return { physicalId: request.physicalId, attributes: { Id: request.physicalId } };
    },
    async delete(request) {
      secrets.forceDeleteSecret(request.stack.region, request.physicalId);
    },
  };
}
