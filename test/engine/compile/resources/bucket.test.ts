import { describe, expect, it } from 'vitest';
import { bucketCompiler } from '../../../../src/engine/compile/resources/bucket.js';
import { compileWith, errors } from './compile-data-fixture.js';

describe('bucket', () => {
  it('compiles a private bucket with versioning, encryption, CORS defaults and lifecycle rules', () => {
    const result = compileWith([bucketCompiler], {
      uploads: {
        type: 'bucket',
        properties: {
          versioning: true,
          encryption: true,
          cors: { enabled: true },
          enableEventBusNotifications: true,
          lifecycleRules: [
            { type: 'expiration', properties: { daysAfterUpload: 30, prefix: 'tmp/' } },
            { type: 'class-transition', properties: { daysAfterUpload: 60, storageClass: 'GLACIER', tags: [{ key: 'k', value: 'v' }] } },
            { type: 'non-current-version-expiration', properties: { daysAfterVersioned: 7 } },
            { type: 'abort-incomplete-multipart-upload', properties: { daysAfterInitiation: 2 } },
          ],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const props = result.template.Resources.UploadsBucket?.Properties;
    expect(props).toMatchObject({
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      CorsConfiguration: { CorsRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET', 'PUT', 'HEAD', 'POST', 'DELETE'], AllowedHeaders: ['*'] }] },
      NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });
    expect(props?.LifecycleConfiguration).toEqual({
      Rules: [
        { Id: 'expiration-0', Status: 'Enabled', Prefix: 'tmp/', ExpirationInDays: 30 },
        {
          Id: 'class-transition-1',
          Status: 'Enabled',
          TagFilters: [{ Key: 'k', Value: 'v' }],
          Transitions: [{ StorageClass: 'GLACIER', TransitionInDays: 60 }],
        },
        { Id: 'non-current-version-expiration-2', Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 7 } },
        { Id: 'abort-incomplete-multipart-upload-3', Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 2 } },
      ],
    });
    expect(result.template.Resources.UploadsBucketPolicy).toBeUndefined();
    expect(result.template.Outputs?.UploadsName?.Value).toEqual({ Ref: 'UploadsBucket' });
  });

  it('opens a public-read bucket through a policy and keeps ACLs blocked', () => {
    const result = compileWith([bucketCompiler], {
      assets: {
        type: 'bucket',
        properties: {
          accessibility: {
            accessibilityMode: 'public-read',
            accessPolicyStatements: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['s3:PutObject'] }],
          },
        },
      },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.AssetsBucket?.Properties?.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: false,
      RestrictPublicBuckets: false,
    });
    const arn = { 'Fn::GetAtt': ['AssetsBucket', 'Arn'] };
    const objects = { 'Fn::Join': ['', [arn, '/*']] };
    expect(result.template.Resources.AssetsBucketPolicy?.Properties).toEqual({
      Bucket: { Ref: 'AssetsBucket' },
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'PublicObjectAccess', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: objects },
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: ['s3:PutObject'], Resource: [arn, objects] },
        ],
      },
    });
  });

  it('puts a CloudFront distribution in front of a private bucket through an origin access control', () => {
    const result = compileWith([bucketCompiler], {
      site: { type: 'bucket', properties: { cdn: { enabled: true, errorDocument: '/404.html', indexDocument: 'index.html', cloudfrontPriceClass: 'PriceClass_100' } } },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    const config = r.SiteCdnDistribution0?.Properties?.DistributionConfig as Record<string, unknown>;
    expect(config).toMatchObject({
      Enabled: true,
      PriceClass: 'PriceClass_100',
      DefaultRootObject: 'index.html',
      Origins: [
        {
          Id: 'bucket',
          DomainName: { 'Fn::GetAtt': ['SiteBucket', 'RegionalDomainName'] },
          OriginAccessControlId: { 'Fn::GetAtt': ['SiteCdnOriginAccessControl', 'Id'] },
        },
      ],
      DefaultCacheBehavior: { TargetOriginId: 'bucket', ViewerProtocolPolicy: 'redirect-to-https' },
      CustomErrorResponses: [
        { ErrorCode: 403, ResponseCode: 404, ResponsePagePath: '/404.html' },
        { ErrorCode: 404, ResponseCode: 404, ResponsePagePath: '/404.html' },
      ],
    });
    // The bucket stays private; only this distribution may read it.
    expect(r.SiteBucket?.Properties?.PublicAccessBlockConfiguration).toMatchObject({ BlockPublicPolicy: true });
    const statement = (r.SiteBucketPolicy?.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: ['s3:GetObject'],
      Condition: { StringEquals: { 'AWS:SourceArn': { 'Fn::Sub': 'arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${SiteCdnDistribution0}' } } },
    });
    expect(result.template.Outputs?.SiteCdnDomain?.Value).toEqual({ 'Fn::GetAtt': ['SiteCdnDistribution0', 'DomainName'] });
  });

  it('reports PATCH in CORS, unknown lifecycle types, directoryUpload and cdn', () => {
    const result = compileWith([bucketCompiler], {
      b: {
        type: 'bucket',
        properties: {
          cors: { enabled: true, corsRules: [{ allowedMethods: ['GET', 'PATCH'] }] },
          lifecycleRules: [{ type: 'expire', properties: {} }, { type: 'expiration', properties: {} }],
          directoryUpload: { directoryPath: './public' },
          cdn: { enabled: true, routeRewrites: [{ path: '/api/*' }] },
        },
      },
    });
    // What stp cannot compile yet is found first (capabilities/), before the compilers run.
    expect(result.diagnostics.map((d) => [d.code, d.path?.slice(3).join('.')])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', 'directoryUpload'],
      ['STP_COMPILE_UNSUPPORTED', 'cdn.routeRewrites'],
      ['STP_COMPILE_INVALID_PROPERTY', 'cors.corsRules.0.allowedMethods'],
      ['STP_COMPILE_INVALID_PROPERTY', 'lifecycleRules.0.type'],
      ['STP_COMPILE_MISSING_PROPERTY', 'lifecycleRules.1.properties'],
    ]);
  });
});

describe('bucket events through EventBridge', () => {
  it('turns S3 event types and key filters into an EventBridge pattern', async () => {
    const { s3EventPattern } = await import('../../../../src/engine/compile/resources/bucket.js');
    expect(s3EventPattern('uploads', 's3:ObjectCreated:*', { prefix: 'incoming/' })).toEqual({
      ok: true,
      pattern: {
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: { bucket: { name: [{ Ref: 'UploadsBucket' }] }, object: { key: [{ prefix: 'incoming/' }] } },
      },
    });
    expect(s3EventPattern('uploads', 's3:ObjectRemoved:Delete', { prefix: 'a*', suffix: '.png' })).toMatchObject({
      pattern: { 'detail-type': ['Object Deleted'], detail: { 'deletion-type': ['Permanently Deleted'], object: { key: [{ wildcard: 'a\\**.png' }] } } },
    });
    expect(s3EventPattern('uploads', 's3:ReducedRedundancyLostObject').ok).toBe(false);
  });

  it('enables EventBridge delivery on a bucket compiled before or after the request', async () => {
    const { enableBucketEventBridge } = await import('../../../../src/engine/compile/resources/bucket.js');
    const requester = {
      type: 'function',
      compile: (_r: unknown, ctx: Parameters<typeof enableBucketEventBridge>[0]) => {
        enableBucketEventBridge(ctx, 'uploads');
        enableBucketEventBridge(ctx, 'uploads');
      },
    };
    const result = compileWith([bucketCompiler, requester], {
      aFn: { type: 'function', properties: {} },
      uploads: { type: 'bucket', properties: { versioning: true } },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.UploadsBucket?.Properties?.NotificationConfiguration).toEqual({
      EventBridgeConfiguration: { EventBridgeEnabled: true },
    });
  });
});
