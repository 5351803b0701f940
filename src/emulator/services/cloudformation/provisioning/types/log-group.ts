import type { LogsBackend } from '../../../../core/backends.js';
import { identityFor } from '../resource-identities.js';
import type { Provisioner } from '../provisioner.js';
import { handlerFailure } from '../provisioner.js';
import { identityContext } from './record-only.js';

function retention(properties: Record<string, unknown>): number | undefined {
  return properties.RetentionInDays === undefined ? undefined : Number(properties.RetentionInDays);
}

/** AWS::Logs::LogGroup → a real group in the emulator's CloudWatch Logs. */
export function logGroupProvisioner(logs: LogsBackend, requestToken: () => string): Provisioner {
  const identity = identityFor('AWS::Logs::LogGroup');
  return {
    async create(request) {
      const ctx = identityContext(request);
      const name = identity.physicalId(ctx);
      if (logs.hasLogGroup(name)) {
        throw handlerFailure(`Resource of type 'AWS::Logs::LogGroup' with identifier '{"/properties/LogGroupName":"${name}"}' already exists.`, 'AlreadyExists', requestToken());
      }
      logs.ensureLogGroup(name, { retentionInDays: retention(request.properties) });
      return { physicalId: name, attributes: identity.attributes(name, ctx) };
    },
    async update(request) {
      logs.ensureLogGroup(request.physicalId, { retentionInDays: retention(request.properties) });
      return { physicalId: request.physicalId, attributes: identity.attributes(request.physicalId, identityContext(request)) };
    },
    async delete(request) {
      logs.deleteLogGroup(request.physicalId);
    },
  };
}
