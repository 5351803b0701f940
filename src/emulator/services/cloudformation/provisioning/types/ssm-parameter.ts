import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../../../core/aws-error.js';
import type { ParametersBackend } from '../../../../core/backends.js';
import { identityFor } from '../resource-identities.js';
import { handlerFailure, type Provisioner } from '../provisioner.js';
import { identityContext } from './record-only.js';

/**
 * AWS::SSM::Parameter → a real parameter in the local Parameter Store, so `{{resolve:ssm:…}}` and
 * GetParameter read what a stack wrote. Names as the identity table gives them (Name, or
 * `CFN-<LogicalId>-<random>`).
 */
export function ssmParameterProvisioner(parameters: ParametersBackend, requestToken: () => string): Provisioner {
  const identity = identityFor('AWS::SSM::Parameter');
  const write = (region: string, name: string, properties: Record<string, unknown>, overwrite: boolean) => {
    try {
      parameters.putParameter(region, {
        name,
        type: String(properties.Type),
        value: String(properties.Value),
        description: typeof properties.Description === 'string' ? properties.Description : undefined,
        overwrite,
      });
    } catch (error) {
      if (!(error instanceof AwsServiceError)) throw error;
      const code = error.code === 'ParameterAlreadyExists' ? 'AlreadyExists' : 'InvalidRequest';
      throw handlerFailure(`${error.message} (Service: Ssm, Status Code: ${error.status}, Request ID: ${randomUUID()})`, code, requestToken());
    }
  };
  return {
    async create(request) {
      const ctx = identityContext(request);
      const name = identity.physicalId(ctx);
      write(request.stack.region, name, request.properties, false);
      return { physicalId: name, attributes: identity.attributes(name, ctx) };
    },
    async update(request) {
      write(request.stack.region, request.physicalId, request.properties, true);
      return { physicalId: request.physicalId, attributes: identity.attributes(request.physicalId, identityContext(request)) };
    },
    async delete(request) {
      parameters.deleteParameter(request.stack.region, request.physicalId);
    },
  };
}
