import { identityFor, type IdentityContext } from '../resource-identities.js';
import type { Provisioner, ProvisionRequest } from '../provisioner.js';

function identityContext(request: ProvisionRequest): IdentityContext {
  return { stackName: request.stack.stackName, logicalId: request.logicalId, region: request.stack.region, accountId: request.stack.accountId, properties: request.properties };
}

/**
 * Resources the local cloud only records (IAM roles and policies, permissions, networking…):
 * they get AWS-shaped physical IDs and attributes from the identity table, and nothing else
 * in the emulator needs them to exist.
 */
export function recordOnlyProvisioner(): Provisioner {
  return {
    async create(request) {
      const ctx = identityContext(request);
      const identity = identityFor(request.type);
      const physicalId = identity.physicalId(ctx);
      return { physicalId, attributes: identity.attributes(physicalId, ctx) };
    },
    async update(request) {
      const ctx = identityContext(request);
      // Keep generated values (e.g. an IAM RoleId) stable across in-place updates.
      return { physicalId: request.physicalId, attributes: { ...identityFor(request.type).attributes(request.physicalId, ctx), ...stableAttributes(request.attributes) } };
    },
    async delete() {},
  };
}

function stableAttributes(attributes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['RoleId', 'Endpoint.Address', 'DNSName', 'DefaultSecurityGroup', 'StreamArn']) {
    if (attributes[key] !== undefined) out[key] = attributes[key];
  }
  return out;
}

export { identityContext };
