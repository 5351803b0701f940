import type { BucketProperties } from '../../config/schema/resources/bucket.js';
import { S3_EVENTS, SUPPORTED_S3_EVENT_TYPES } from './bucket-s3-events.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName, logicalNames } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/**
 * `bucket` → AWS::S3::Bucket (+ AWS::S3::BucketPolicy for public access or policy statements):
 * versioning, encryption, CORS, lifecycle rules, EventBridge notifications, the accessibility
 * mode turned into a public access block plus a bucket policy, and an optional CloudFront CDN.
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
  // directoryUpload and some cdn options are not compiled yet (capabilities/ reports them).

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
  if (props.cdn?.enabled) {
    const distributionId = compileCdn(ctx, resource, props, logicalId, [...at, 'cdn']);
    // CloudFront reads objects through its origin access control, for this distribution only.
    statements.push({
      Sid: 'CdnRead',
      Effect: 'Allow',
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: ['s3:GetObject'],
      Resource: objectsArn,
      Condition: {
        StringEquals: {
          'AWS:SourceArn': { 'Fn::Sub': `arn:\${AWS::Partition}:cloudfront::\${AWS::AccountId}:distribution/\${${distributionId}}` },
        },
      },
    });
  }
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

export const bucketCdnLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: 'CDN' }, cfnType: 'AWS::CloudFront::Distribution', index: 0 });
const bucketCdnAccessLogicalId = (name: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: 'CDN' }, cfnType: 'AWS::CloudFront::OriginAccessControl' });

/** CloudFront's managed CachingOptimized policy: long TTLs, compression, no cookies or query strings. */
const CACHING_OPTIMIZED_POLICY = '658327ea-f89d-4fab-a63d-7e88639e58f6';
/** The cdn options stp compiles; the others are reported where they are set. */

/**
 * `cdn` of a bucket: a CloudFront distribution reading the bucket through an origin access
 * control (the bucket stays private), HTTPS only, with CloudFront's managed caching policy.
 * Invalidation after deploy is a deploy step stp does not run.
 */
function compileCdn(ctx: CompileContext, resource: ResourceView, props: BucketProperties, bucketId: string, at: ConfigPath): string {
  const cdn = props.cdn as NonNullable<BucketProperties['cdn']>;
  const accessId = bucketCdnAccessLogicalId(resource.name);
  ctx.addResource(
    accessId,
    {
      Type: 'AWS::CloudFront::OriginAccessControl',
      Properties: {
        OriginAccessControlConfig: {
          Name: physicalName([ctx.stack.stackName, resource.name], 64),
          OriginAccessControlOriginType: 's3',
          SigningBehavior: 'always',
          SigningProtocol: 'sigv4',
        },
      },
    },
    at,
  );
  const origin: Record<string, CfnValue> = {
    Id: 'bucket',
    DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
    // An empty identity: access goes through the origin access control instead.
    S3OriginConfig: { OriginAccessIdentity: '' },
    OriginAccessControlId: { 'Fn::GetAtt': [accessId, 'Id'] },
  };
  if (cdn.defaultRoutePrefix !== undefined) {
    if (!/^\/[^*]*[^/]$/.test(cdn.defaultRoutePrefix)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${cdn.defaultRoutePrefix}" cannot be an origin path.`,
        path: [...at, 'defaultRoutePrefix'],
        expected: 'a path starting with "/" and not ending with "/", e.g. /site',
      });
    } else {
      origin.OriginPath = cdn.defaultRoutePrefix;
    }
  }
  const config: Record<string, CfnValue> = {
    Enabled: true,
    Comment: physicalName([ctx.stack.stackName, resource.name], 128),
    HttpVersion: 'http2and3',
    PriceClass: cdn.cloudfrontPriceClass ?? 'PriceClass_All',
    Origins: [origin],
    DefaultCacheBehavior: {
      TargetOriginId: 'bucket',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS'],
      CachedMethods: ['GET', 'HEAD'],
      Compress: true,
      CachePolicyId: CACHING_OPTIMIZED_POLICY,
    },
  };
  if (cdn.indexDocument !== undefined) config.DefaultRootObject = cdn.indexDocument.replace(/^\//, '');
  if (cdn.errorDocument !== undefined) {
    const page = cdn.errorDocument.startsWith('/') ? cdn.errorDocument : `/${cdn.errorDocument}`;
    // A private bucket answers 403 for a missing key, so both codes show the error page as a 404.
    config.CustomErrorResponses = [403, 404].map((code) => ({ ErrorCode: code, ResponseCode: 404, ResponsePagePath: page }));
  }
  const distributionId = bucketCdnLogicalId(resource.name);
  ctx.addResource(distributionId, { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: config } }, at);
  return distributionId;
}

const cdnEnabled = (properties: Record<string, unknown>): boolean => (properties as BucketProperties).cdn?.enabled === true;

export const bucketCompiler: ResourceCompiler = {
  type: 'bucket',
  compile,
  referenceableParams: {
    name: ({ resourceName }) => ({ Ref: bucketLogicalId(resourceName) }),
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [bucketLogicalId(resourceName), 'Arn'] }),
    cdnDomain: ({ resourceName, properties }) =>
      cdnEnabled(properties) ? { 'Fn::GetAtt': [bucketCdnLogicalId(resourceName), 'DomainName'] } : undefined,
    cdnUrl: ({ resourceName, properties }) =>
      cdnEnabled(properties) ? { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [bucketCdnLogicalId(resourceName), 'DomainName'] }]] } : undefined,
  },
};

/**
 * S3 events of a bucket in this stack, delivered through EventBridge rather than a bucket
 * notification: a notification to a Lambda needs the function's permission before the bucket and
 * the permission needs the bucket's ARN, a cycle CloudFormation cannot create without a custom
 * resource. Compilers of `s3` events call `enableBucketEventBridge` and build an AWS::Events::Rule
 * with `s3EventPattern`.
 */
export function enableBucketEventBridge(ctx: CompileContext, bucketName: string): void {
  ctx.once(`bucket-eventbridge:${bucketName}`, () => {
    ctx.addFinalizer((resources) => {
      const bucket = resources[bucketLogicalId(bucketName)];
      if (!bucket) return;
      const props = (bucket.Properties ??= {});
      const existing = (props.NotificationConfiguration ?? {}) as Record<string, CfnValue>;
      props.NotificationConfiguration = { ...existing, EventBridgeConfiguration: { EventBridgeEnabled: true } };
    });
    return true;
  });
}



/**
 * The EventBridge pattern matching `s3EventType` on the bucket, optionally filtered by key prefix
 * and suffix (both together become one wildcard, since EventBridge ORs list entries).
 */
export function s3EventPattern(
  bucketName: string,
  s3EventType: string,
  filterRule?: { prefix?: string; suffix?: string },
): { ok: true; pattern: CfnValue } | { ok: false; expected: string } {
  const event = S3_EVENTS[s3EventType];
  if (!event) return { ok: false, expected: `one of: ${SUPPORTED_S3_EVENT_TYPES.join(', ')}` };
  const detail: Record<string, CfnValue> = { bucket: { name: [{ Ref: bucketLogicalId(bucketName) }] }, ...event.detail };
  const prefix = filterRule?.prefix;
  const suffix = filterRule?.suffix;
  const escape = (s: string) => s.replace(/[\\*]/g, (c) => `\\${c}`);
  if (prefix !== undefined && suffix !== undefined) detail.object = { key: [{ wildcard: `${escape(prefix)}*${escape(suffix)}` }] };
  else if (prefix !== undefined) detail.object = { key: [{ prefix }] };
  else if (suffix !== undefined) detail.object = { key: [{ suffix }] };
  return { ok: true, pattern: { source: ['aws.s3'], 'detail-type': [event.detailType], detail } };
}
