/**
 * SSM Parameter Store (awsJson1.1, `AmazonSSM.<Operation>`): PutParameter (Overwrite, String /
 * StringList / SecureString, versions), GetParameter and GetParameters (by name, `name:version` or
 * ARN; WithDecryption), DeleteParameter. Other SSM operations answer as unknown ones. Every error
 * is HTTP 400, as in AWS.
 */
import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';
import type { ParametersBackend, ParameterValue } from '../../core/backends.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorService, RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import { optionalBoolean, optionalString, optionalStringList, optionalTagList, requiredString, type JsonInput } from '../../protocols/json-input.js';
import { ParameterStore, type ParameterRecord, type ParameterStoreSnapshot, type ParameterType, type ParameterVersion } from './parameter-store.js';

const TYPES: readonly ParameterType[] = ['String', 'StringList', 'SecureString'];
const NAME_CHARS = /^[A-Za-z0-9_.\-/]+$/;
const MAX_VALUE_BYTES = 4096;

const validation = (message: string) => new AwsServiceError('ValidationException', message, 400);
// GetParameter answers a missing parameter with an empty message (recorded: LocalStack's cloudformation snapshots).
const parameterNotFound = () => new AwsServiceError('ParameterNotFound', '', 400);

export interface SsmHandle {
  service: EmulatorService;
  backend: ParametersBackend;
}

/** `parameter/a/b` for `/a/b`, `parameter/name` for `name`. */
export function parameterArn(region: string, accountId: string, name: string): string {
  return `arn:aws:ssm:${region}:${accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

export function createSsmService(ctx: EmulatorRuntimeContext): SsmHandle {
  const store = new ParameterStore(() => ctx.state.markDirty());
  ctx.state.register<ParameterStoreSnapshot>('ssm', { serialize: () => store.serialize(), restore: (saved) => store.restore(saved) });

  /** A name, `name:version` or an ARN → the record and the version asked for (latest when none). */
  const lookup = (region: string, reference: string): { parameter: ParameterRecord; version: ParameterVersion; selector?: string } => {
    let name = reference;
    let selector: string | undefined;
    if (reference.startsWith('arn:')) {
      const match = /^arn:aws[a-z-]*:ssm:[^:]*:\d*:parameter(\/[^:]*)(?::([^:]+))?$/.exec(reference);
      if (!match) throw parameterNotFound();
      const path = match[1]!;
      selector = match[2];
      name = store.get(region, path) ? path : path.slice(1);
    } else {
      const colon = reference.lastIndexOf(':');
      if (colon > 0) {
        name = reference.slice(0, colon);
        selector = reference.slice(colon + 1);
      }
    }
    const parameter = store.get(region, name);
    if (!parameter) throw parameterNotFound();
    if (selector === undefined) return { parameter, version: parameter.versions[parameter.versions.length - 1]! };
    if (!/^\d+$/.test(selector)) throw new UnsupportedOperationError('ssm', 'GetParameter', `parameter labels (${selector}); only name:version is supported`);
    const version = parameter.versions.find((candidate) => candidate.version === Number(selector));
    if (!version) {
      throw new AwsServiceError('ParameterVersionNotFound', `Systems Manager could not find version ${selector} of ${name}. Verify the version and try again.`, 400);
    }
    return { parameter, version, selector: `:${selector}` };
  };

  const describe = (region: string, found: { parameter: ParameterRecord; version: ParameterVersion; selector?: string }, decrypt: boolean) => ({
    Name: found.parameter.name,
    Type: found.version.type,
    Value: found.version.type === 'SecureString' && !decrypt ? found.version.ciphertext : found.version.value,
    Version: found.version.version,
    ...(found.selector !== undefined ? { Selector: found.selector } : {}),
    LastModifiedDate: new Date(found.version.lastModified),
    ARN: parameterArn(region, ctx.accountId, found.parameter.name),
    DataType: found.parameter.dataType,
  });

  function putParameter(region: string, input: JsonInput): unknown {
    const name = requiredString(input, 'Name');
    const value = requiredString(input, 'Value');
    const type = optionalString(input, 'Type');
    const overwrite = optionalBoolean(input, 'Overwrite') ?? false;
    const tags = optionalTagList(input, 'Tags');
    validateName(name);
    if (value.length === 0) {
      throw validation("1 validation error detected: Value '' at 'value' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) {
      throw validation(`1 validation error detected: Value at 'value' failed to satisfy constraint: Member must have length less than or equal to ${MAX_VALUE_BYTES}`);
    }
    if (type !== undefined && !TYPES.includes(type as ParameterType)) {
      throw validation(`1 validation error detected: Value '${type}' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]`);
    }
    if (tags && overwrite) {
      throw validation(
        'Invalid parameter: Tags and overwrite can\'t be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.',
      );
    }
    const existing = store.get(region, name);
    if (existing && !overwrite) {
      throw new AwsServiceError('ParameterAlreadyExists', 'The parameter already exists. To overwrite this value, set the overwrite option in the request to true.', 400);
    }
    const latest = existing?.versions[existing.versions.length - 1];
    const resolvedType = (type ?? latest?.type) as ParameterType | undefined;
    if (!resolvedType) throw validation('A parameter type is required when you create a parameter.');
    const version: ParameterVersion = {
      version: (latest?.version ?? 0) + 1,
      type: resolvedType,
      value,
      ...(resolvedType === 'SecureString' ? { ciphertext: randomBytes(96).toString('base64'), keyId: optionalString(input, 'KeyId') ?? 'alias/aws/ssm' } : {}),
      description: optionalString(input, 'Description') ?? latest?.description,
      lastModified: ctx.clock.now().getTime(),
    };
    const record: ParameterRecord = existing ?? {
      region,
      name,
      dataType: optionalString(input, 'DataType') ?? 'text',
      tier: optionalString(input, 'Tier') ?? 'Standard',
      tags: tags ?? [],
      versions: [],
    };
    record.versions.push(version);
    store.put(record);
    return { Version: version.version, Tier: record.tier };
  }

  async function handle(operation: string, input: JsonInput, request: RequestInfo): Promise<unknown> {
    const region = request.region;
    switch (operation) {
      case 'PutParameter':
        return putParameter(region, input);
      case 'GetParameter':
        return { Parameter: describe(region, lookup(region, requiredString(input, 'Name')), optionalBoolean(input, 'WithDecryption') ?? false) };
      case 'GetParameters': {
        const names = optionalStringList(input, 'Names');
        if (!names || names.length === 0 || names.length > 10) {
          throw validation(
            `1 validation error detected: Value '[${(names ?? []).join(', ')}]' at 'names' failed to satisfy constraint: Member must have length ${names && names.length > 10 ? 'less than or equal to 10' : 'greater than or equal to 1'}`,
          );
        }
        const decrypt = optionalBoolean(input, 'WithDecryption') ?? false;
        const parameters: unknown[] = [];
        const invalid: string[] = [];
        for (const name of new Set(names)) {
          try {
            parameters.push(describe(region, lookup(region, name), decrypt));
          } catch (error) {
            if (!(error instanceof AwsServiceError)) throw error;
            invalid.push(name);
          }
        }
        return { Parameters: parameters, InvalidParameters: invalid };
      }
      case 'DeleteParameter': {
        const parameter = store.get(region, requiredString(input, 'Name'));
        if (!parameter) throw parameterNotFound();
        store.delete(parameter);
        return {};
      }
      default:
        throw new UnsupportedOperationError('ssm', operation);
    }
  }

  const backend: ParametersBackend = {
    getParameter(region, name, version): ParameterValue {
      const found = lookup(region, version === undefined ? name : `${name}:${version}`);
      return { name: found.parameter.name, type: found.version.type, value: found.version.value, version: found.version.version };
    },
    putParameter(region, parameter) {
      const output = putParameter(region, {
        Name: parameter.name,
        Type: parameter.type,
        Value: parameter.value,
        Description: parameter.description,
        Overwrite: parameter.overwrite,
      }) as { Version: number };
      return output.Version;
    },
    deleteParameter(region, name) {
      const parameter = store.get(region, name);
      if (parameter) store.delete(parameter);
    },
  };

  return { service: { signingName: 'ssm', handle }, backend };
}

function validateName(name: string): void {
  if (name.length > 2048) {
    throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 2048`);
  }
  if (!NAME_CHARS.test(name) || /^\/?(aws|ssm)/i.test(name)) {
    throw validation(
      'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_',
    );
  }
  if (name.includes('/') && !name.startsWith('/')) throw validation('Parameter name must be a fully qualified name.');
}
