import { randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import type { LambdaBackend, LambdaFunctionSpec, S3Backend } from '../../../../core/backends.js';
import { AwsServiceError } from '../../../../core/aws-error.js';
import { identityFor } from '../resource-identities.js';
import { handlerFailure, type Provisioner, ResourceFailure } from '../provisioner.js';
import { identityContext } from './record-only.js';

function awsRequestId(): string {
  return randomUUID();
}

/** Inline `Code.ZipFile` source becomes index.js (index.py for Python) in a zip, as Lambda does. */
function inlineZip(source: string, runtime: string | undefined): Buffer {
  const file = runtime?.startsWith('python') ? 'index.py' : 'index.js';
  return Buffer.from(zipSync({ [file]: strToU8(source) }));
}

function tagsOf(tags: unknown): Record<string, string> | undefined {
  if (!Array.isArray(tags)) return undefined;
  const out: Record<string, string> = {};
  for (const tag of tags as { Key?: unknown; Value?: unknown }[]) if (typeof tag.Key === 'string') out[tag.Key] = String(tag.Value ?? '');
  return out;
}

function specFrom(name: string, properties: Record<string, unknown>, s3: S3Backend, requestToken: string): LambdaFunctionSpec {
  const code = (properties.Code ?? {}) as { S3Bucket?: string; S3Key?: string; ZipFile?: string; ImageUri?: string };
  let specCode: LambdaFunctionSpec['Code'];
  if (typeof code.ZipFile === 'string') specCode = { ZipFile: inlineZip(code.ZipFile, properties.Runtime as string | undefined) };
  else if (code.S3Bucket && code.S3Key) {
    if (!s3.hasBucket(code.S3Bucket)) {
      throw handlerFailure(
        `Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist (Service: Lambda, Status Code: 400, Request ID: ${awsRequestId()})`,
        'InvalidRequest',
        requestToken,
      );
    }
    if (s3.getObject(code.S3Bucket, code.S3Key) === undefined) {
      throw handlerFailure(
        `Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist. (Service: Lambda, Status Code: 400, Request ID: ${awsRequestId()})`,
        'InvalidRequest',
        requestToken,
      );
    }
    specCode = { S3Bucket: code.S3Bucket, S3Key: code.S3Key };
  } else if (code.ImageUri) {
    throw new ResourceFailure(`The local cloud does not run container-image Lambda functions (Code.ImageUri ${code.ImageUri}); use a zip package.`);
  } else {
    throw handlerFailure('Please provide a source for function code.', 'InvalidRequest', requestToken);
  }
  const environment = properties.Environment as { Variables?: Record<string, unknown> } | undefined;
  const logging = properties.LoggingConfig as { LogGroup?: string } | undefined;
  return {
    FunctionName: name,
    Runtime: properties.Runtime as string | undefined,
    Handler: properties.Handler as string | undefined,
    Role: properties.Role as string | undefined,
    MemorySize: properties.MemorySize === undefined ? undefined : Number(properties.MemorySize),
    Timeout: properties.Timeout === undefined ? undefined : Number(properties.Timeout),
    Environment: environment?.Variables
      ? { Variables: Object.fromEntries(Object.entries(environment.Variables).map(([k, v]) => [k, String(v)])) }
      : undefined,
    Code: specCode,
    LoggingConfig: logging?.LogGroup ? { LogGroup: logging.LogGroup } : undefined,
    Tags: tagsOf(properties.Tags),
  };
}

function lambdaFailure(error: unknown, requestToken: string): never {
  if (error instanceof ResourceFailure) throw error;
  if (error instanceof AwsServiceError) {
    throw handlerFailure(`${error.message} (Service: Lambda, Status Code: ${error.status}, Request ID: ${awsRequestId()})`, error.code === 'ResourceConflictException' ? 'AlreadyExists' : 'InvalidRequest', requestToken);
  }
  throw error;
}

/** AWS::Lambda::Function → a real function in the emulator's Lambda (code from the emulator's S3). */
export function lambdaFunctionProvisioner(deps: { lambda: LambdaBackend; s3: S3Backend }, requestToken: () => string): Provisioner {
  const identity = identityFor('AWS::Lambda::Function');
  return {
    async create(request) {
      const ctx = identityContext(request);
      const name = identity.physicalId(ctx);
      const token = requestToken();
      if (deps.lambda.getFunction(name)) {
        throw handlerFailure(`Resource of type 'AWS::Lambda::Function' with identifier '${name}' already exists.`, 'AlreadyExists', token);
      }
      try {
        const created = deps.lambda.createFunction({ ...specFrom(name, request.properties, deps.s3, token), Region: request.stack.region });
        return { physicalId: name, attributes: { Arn: created.FunctionArn } };
      } catch (error) {
        lambdaFailure(error, token);
      }
    },
    async update(request) {
      const token = requestToken();
      try {
        const updated = deps.lambda.updateFunction({ ...specFrom(request.physicalId, request.properties, deps.s3, token), Region: request.stack.region });
        return { physicalId: request.physicalId, attributes: { Arn: updated.FunctionArn } };
      } catch (error) {
        lambdaFailure(error, token);
      }
    },
    async delete(request) {
      deps.lambda.deleteFunction(request.physicalId);
    },
  };
}
