import { randomUUID } from 'node:crypto';
import type { S3Backend } from '../../../../core/backends.js';
import { AwsServiceError } from '../../../../core/aws-error.js';
import { identityFor } from '../resource-identities.js';
import type { Provisioner } from '../provisioner.js';
import { handlerFailure } from '../provisioner.js';
import { identityContext } from './record-only.js';

/** AWS::S3::Bucket → a real bucket in the emulator's S3; a non-empty bucket fails to delete, as on AWS. */
export function s3BucketProvisioner(s3: S3Backend, requestToken: () => string): Provisioner {
  const identity = identityFor('AWS::S3::Bucket');
  return {
    async create(request) {
      const ctx = identityContext(request);
      const name = identity.physicalId(ctx);
      if (s3.hasBucket(name)) {
        throw handlerFailure(`${name} already exists`, 'AlreadyExists', requestToken());
      }
      s3.ensureBucket(name);
      return { physicalId: name, attributes: identity.attributes(name, ctx) };
    },
    async update(request) {
      return { physicalId: request.physicalId, attributes: identity.attributes(request.physicalId, identityContext(request)) };
    },
    async delete(request) {
      try {
        s3.deleteBucket(request.physicalId);
      } catch (error) {
        if (error instanceof AwsServiceError && error.code === 'BucketNotEmpty') {
          throw handlerFailure(
            `The bucket you tried to delete is not empty (Service: S3, Status Code: 409, Request ID: ${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()})`,
            'GeneralServiceException',
            requestToken(),
          );
        }
        throw error;
      }
    },
  };
}
