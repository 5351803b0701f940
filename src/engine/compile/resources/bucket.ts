import type { BucketProperties } from '../../config/schema/resources/bucket.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/**
 * `bucket` → AWS::S3::Bucket (+ AWS::S3::BucketPolicy for public access or policy statements):
 * versioning, encryption, CORS, lifecycle rules, EventBridge notifications, and the
 * accessibility mode turned into a public access block plus a bucket policy.
 */
export const bucketLogicalId = (name: string): string => logicalNames.bucket(name);
export const bucketPolicyLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::S3::BucketPolicy' });

/** The methods S3 CORS rules accept (no PATCH, no OPTIONS). */
const S3_CORS_METHODS = ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'];

type Rule = { type: string; properties?: Record<string, unknown> };

function corsRules(props: BucketProperties, at: ConfigPath, ctx: CompileContext): CfnValue[] | undefined {
  const cors = props.cors;
  if (!cors?.enabled) return undefined;
  const rules = cors.corsRules ?? [];
  // Enabled without rules: Stacktape's permissive default.
  if (rules.length === 0) return [{ AllowedOrigins: ['*'], AllowedMethods: S3_CORS_METHODS, AllowedHeaders: ['*'] }];
  return rules.map((raw, index) => {
    const rule = raw as {
      allowedOrigins?: string[];
      allowedHeaders?: string[];
      allowedMethods?: string[];
      exposedResponseHeaders?: string[];
      maxAge?: number;
    };
    const where = [...at, 'cors', 'corsRules', index];
    const methods = new Set<string>();
    for (const method of rule.allowedMethods ?? ['*']) {
      if (method === '*') S3_CORS_METHODS.forEach((m) => methods.add(m));
      else if (S3_CORS_METHODS.includes(method)) methods.add(method);
      else {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_INVALID_PROPERTY',
          message: `S3 CORS rules cannot allow ${method}.`,
          path: [...where, 'allowedMethods'],
          expected: `any of: ${S3_CORS_METHODS.join(', ')}, *`,
        });
      }
    }
    const out: Record<string, CfnValue> = {
      AllowedOrigins: rule.allowedOrigins ?? ['*'],
      AllowedMethods: [...methods],
    };
    if (rule.allowedHeaders) out.AllowedHeaders = rule.allowedHeaders;
    if (rule.exposedResponseHeaders) out.ExposedHeaders = rule.exposedResponseHeaders;
    if (rule.maxAge !== undefined) out.MaxAge = rule.maxAge;
    return out;
  });
}

const LIFECYCLE_FIELDS: Record<string, string[]> = {
  expiration: ['daysAfterUpload'],
  'non-current-version-expiration': ['daysAfterVersioned'],
  'class-transition': ['daysAfterUpload', 'storageClass'],
  'non-current-version-class-transition': ['daysAfterVersioned', 'storageClass'],
  'abort-incomplete-multipart-upload': ['daysAfterInitiation'],
};

function lifecycleRule(rule: Rule, index: number, where: ConfigPath, ctx: CompileContext): CfnValue | undefined {
  const required = LIFECYCLE_FIELDS[rule.type];
  if (!required) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `"${rule.type}" is not a lifecycle rule type.`,
      path: [...where, 'type'],
      expected: `one of: ${Object.keys(LIFECYCLE_FIELDS).join(', ')}`,
    });
    return undefined;
  }
  const p = rule.properties ?? {};
  const missing = required.filter((field) => p[field] === undefined);
  if (missing.length > 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: `The ${rule.type} lifecycle rule needs ${missing.join(' and ')}.`,
      path: [...where, 'properties'],
    });
    return undefined;
  }
  const out: Record<string, CfnValue> = { Id: `${rule.type}-${index}`, Status: 'Enabled' };
  if (typeof p.prefix === 'string') out.Prefix = p.prefix;
  if (Array.isArray(p.tags)) {
    out.TagFilters = (p.tags as { key: string; value: string }[]).map((t) => ({ Key: t.key, Value: t.value }));
  }
  switch (rule.type) {
    case 'expiration':
      out.ExpirationInDays = p.daysAfterUpload;
      break;
    case 'non-current-version-expiration':
      out.NoncurrentVersionExpiration = { NoncurrentDays: p.daysAfterVersioned };
      break;
    case 'class-transition':
      out.Transitions = [{ StorageClass: p.storageClass, TransitionInDays: p.daysAfterUpload }];
      break;
    case 'non-current-version-class-transition':
      out.NoncurrentVersionTransitions = [{ StorageClass: p.storageClass, TransitionInDays: p.daysAfterVersioned }];
      break;
    case 'abort-incomplete-multipart-upload':
      out.AbortIncompleteMultipartUpload = { DaysAfterInitiation: p.daysAfterInitiation };
      break;
  }
  return out;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as BucketProperties;
  const at = [...resource.path, 'properties'];
  const logicalId = bucketLogicalId(resource.name);
  if (props.directoryUpload) {
    ctx.unsupported([...at, 'directoryUpload'], 'directoryUpload (syncing a directory into the bucket on deploy)');
  }
  if (props.cdn?.enabled) ctx.unsupported([...at, 'cdn'], 'a CDN (CloudFront) in front of a bucket');

  const properties: Record<string, CfnValue> = {};
  if (props.versioning) properties.VersioningConfiguration = { Status: 'Enabled' };
  if (props.encryption) {
    properties.BucketEncryption = {
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    };
  }
  const cors = corsRules(props, at, ctx);
  if (cors) properties.CorsConfiguration = { CorsRules: cors };
  const lifecycle = (props.lifecycleRules ?? [])
    .map((rule, index) => lifecycleRule(rule, index, [...at, 'lifecycleRules', index], ctx))
    .filter((rule): rule is CfnValue => rule !== undefined);
  const versionRules = (props.lifecycleRules ?? []).findIndex((r) => r.type.startsWith('non-current-version'));
  if (versionRules !== -1 && !props.versioning) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      severity: 'warning',
      message: 'A non-current-version lifecycle rule has no effect without versioning.',
      path: [...at, 'lifecycleRules', versionRules],
      hint: 'set versioning: true',
    });
  }
  if (lifecycle.length > 0) properties.LifecycleConfiguration = { Rules: lifecycle };
  if (props.enableEventBusNotifications) {
    properties.NotificationConfiguration = { EventBridgeConfiguration: { EventBridgeEnabled: true } };
  }

  const mode = props.accessibility?.accessibilityMode ?? 'private';
  const isPublic = mode !== 'private';
  // Public modes grant access through the bucket policy, never through ACLs.
  properties.PublicAccessBlockConfiguration = {
    BlockPublicAcls: true,
    IgnorePublicAcls: true,
    BlockPublicPolicy: !isPublic,
    RestrictPublicBuckets: !isPublic,
  };
  ctx.addResource(logicalId, { Type: 'AWS::S3::Bucket', Properties: properties }, resource.path);

  const bucketArn = { 'Fn::GetAtt': [logicalId, 'Arn'] };
  const objectsArn = { 'Fn::Join': ['', [bucketArn, '/*']] };
  const statements: CfnValue[] = [];
  if (isPublic) {
    const actions = mode === 'public-read-write' ? ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'] : ['s3:GetObject'];
    statements.push({ Sid: 'PublicObjectAccess', Effect: 'Allow', Principal: '*', Action: actions, Resource: objectsArn });
  }
  (props.accessibility?.accessPolicyStatements ?? []).forEach((statement, index) => {
    const resolved = ctx.resolveValue(statement, [...at, 'accessibility', 'accessPolicyStatements', index]) as Record<string, CfnValue>;
    statements.push(resolved.Resource === undefined ? { ...resolved, Resource: [bucketArn, objectsArn] } : resolved);
  });
  if (statements.length > 0) {
    ctx.addResource(
      bucketPolicyLogicalId(resource.name),
      {
        Type: 'AWS::S3::BucketPolicy',
        Properties: { Bucket: { Ref: logicalId }, PolicyDocument: { Version: '2012-10-17', Statement: statements } },
      },
      [...at, 'accessibility'],
    );
  }
}

export const bucketCompiler: ResourceCompiler = {
  type: 'bucket',
  compile,
  referenceableParams: {
    name: ({ resourceName }) => ({ Ref: bucketLogicalId(resourceName) }),
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [bucketLogicalId(resourceName), 'Arn'] }),
  },
};
