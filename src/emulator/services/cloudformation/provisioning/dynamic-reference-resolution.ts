/**
 * Resolves dynamic references in the properties a provisioner receives, against the local Secrets
 * Manager and SSM Parameter Store, as CloudFormation does when it creates or updates a resource.
 * The deployer keeps recording the properties as written (references, not values), so nothing
 * resolved reaches stack events, DescribeStackResource or the state file's stack records.
 *
 * A reference that cannot be resolved fails the resource with the service's error, in the form
 * CloudFormation shows it: "<message> (Service: AWSSecretsManager; Status Code: 400; Error Code:
 * <code>; Request ID: <id>; Proxy: null)".
 */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { ParametersBackend, SecretsBackend } from '../../../core/backends.js';
import { isCustomResourceType } from '../../../../cloudformation/custom-resource-type.js';
import { parseDynamicReference, resolveDynamicReferencesDeep } from '../template/dynamic-references.js';
import { ResourceFailure, type Provisioner, type ProvisionRequest } from './provisioner.js';
import type { ProvisionerRegistry } from './provisioner-registry.js';

export interface DynamicReferenceStores {
  secrets?: SecretsBackend;
  parameters?: ParametersBackend;
}

/** The registry, with every provisioner receiving resolved properties on create and update. */
export function withDynamicReferences(registry: ProvisionerRegistry, stores: DynamicReferenceStores): ProvisionerRegistry {
  return {
    provisionerFor(type) {
      const inner = registry.provisionerFor(type);
      const resolve = (request: ProvisionRequest) => resolveProperties(request.properties, { type, region: request.stack.region, stores });
      const wrapped: Provisioner = {
        create: (request) => inner.create({ ...request, properties: resolve(request) }),
        update: (request) =>
          inner.update({
            ...request,
            properties: resolve(request),
            // The old values as they were provisioned (a reference that no longer resolves stays as written).
            oldProperties: resolveProperties(request.oldProperties, { type, region: request.stack.region, stores, lenient: true }),
          }),
        delete: (request) => inner.delete(request),
      };
      return wrapped;
    },
  };
}

export function resolveProperties(
  properties: Record<string, unknown>,
  options: { type: string; region: string; stores: DynamicReferenceStores; lenient?: boolean },
): Record<string, unknown> {
  // AWS: "Dynamic references for secure values, such as ssm-secure and secretsmanager, aren't
  // currently supported in custom resources" — those reach the provider as written.
  const custom = isCustomResourceType(options.type);
  return resolveDynamicReferencesDeep(properties, (text) => {
    const reference = parseDynamicReference(text);
    if (custom && reference.service !== 'ssm') return undefined;
    try {
      return resolveReference(reference, options.region, options.stores);
    } catch (error) {
      if (options.lenient) return undefined;
      throw error;
    }
  }) as Record<string, unknown>;
}

function resolveReference(reference: ReturnType<typeof parseDynamicReference>, region: string, stores: DynamicReferenceStores): string {
  if (reference.service === 'secretsmanager') {
    if (!stores.secrets) throw new ResourceFailure(`The local cloud was started without Secrets Manager; it cannot resolve ${reference.text}.`);
    const secrets = stores.secrets;
    const value = serviceCall('AWSSecretsManager', () =>
      secrets.getSecretValue(region, reference.secretId, { versionId: reference.versionId, versionStage: reference.versionStage }),
    );
    const text = value.secretString ?? Buffer.from(value.secretBinary ?? '', 'base64').toString('utf8');
    if (reference.jsonKey === undefined) return text;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    const field = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>)[reference.jsonKey] : undefined;
    if (field === undefined) throw new ResourceFailure('Could not find a value associated with JSONKey in SecretString');
    return typeof field === 'string' ? field : JSON.stringify(field);
  }
  if (!stores.parameters) throw new ResourceFailure(`The local cloud was started without SSM; it cannot resolve ${reference.text}.`);
  const parameters = stores.parameters;
  const parameter = serviceCall('AWSSimpleSystemsManagement', () => parameters.getParameter(region, reference.name, reference.version));
  if (reference.service === 'ssm' && parameter.type === 'SecureString') {
    throw new ResourceFailure(`Parameters [${reference.name}] referenced by template have types not supported by CloudFormation.`);
  }
  if (reference.service === 'ssm-secure' && parameter.type !== 'SecureString') {
    throw new ResourceFailure(`Parameters [${reference.name}] referenced by template have types not supported by CloudFormation.`);
  }
  return parameter.value;
}

function serviceCall<T>(service: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof AwsServiceError)) throw error;
    const message = error.message === '' ? '' : `${error.message} `;
    throw new ResourceFailure(
      `${message}(Service: ${service}; Status Code: ${error.status}; Error Code: ${error.code}; Request ID: ${randomUUID()}; Proxy: null)`,
    );
  }
}
