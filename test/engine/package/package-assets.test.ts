import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  NotFound,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetSpec } from '../../../src/engine/compile/compile-contract.js';
import { createEsbuildBundler, type Bundler } from '../../../src/engine/package/bundle-lambda.js';
import { formatPackageSummary, packageAssets, PackagingError } from '../../../src/engine/package/package-assets.js';
import { uploadTemplate } from '../../../src/engine/package/upload-template.js';
import { ASSET_REFRESH_DAYS } from '../../../src/aws/s3/deployment-bucket.js';
import { StpError } from '../../../src/errors/stp-error.js';
import { createFixtureProject, esmProjectFiles, type FixtureProject } from './fixture-project.js';

/** The real esbuild bundler, counting how often it runs. */
function countingBundler(): Bundler & { calls: string[] } {
  const real = createEsbuildBundler();
  const calls: string[] = [];
  return {
    id: real.id,
    calls,
    bundle: (request) => {
      calls.push(request.entryFile);
      return real.bundle(request);
    },
  };
}

let p: FixtureProject;
beforeEach(() => {
  p = createFixtureProject({
    ...esmProjectFiles,
    'src/other.ts': "export const handler = async () => 'other';\n",
    'artifact/bootstrap': '#!/bin/sh\n',
  });
});
afterEach(() => p.remove());

function assets(): AssetSpec[] {
  return [
    { kind: 'lambda-bundle', id: 'api', entryFile: join(p.dir, 'src/handler.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'ApiFunction' },
    { kind: 'lambda-bundle', id: 'worker', entryFile: join(p.dir, 'src/other.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'WorkerFunction' },
    { kind: 'custom-artifact', id: 'legacy', path: join(p.dir, 'artifact'), logicalId: 'LegacyFunction' },
  ];
}

describe('packageAssets: cache keyed by bundle inputs', () => {
  it('does not rebuild an unchanged function, and gives the same archive', async () => {
    const bundler = countingBundler();
    const first = await packageAssets(assets(), { projectDir: p.dir, bundler });
    expect(bundler.calls).toHaveLength(2);
    expect(first.summary).toEqual({ functions: 2, artifacts: 1, images: 0, rebuilt: 2, uploaded: 0 });

    const second = await packageAssets(assets(), { projectDir: p.dir, bundler });
    expect(bundler.calls).toHaveLength(2); // no esbuild run at all
    expect(second.summary.rebuilt).toBe(0);
    expect(second.assets.map((a) => a.key)).toEqual(first.assets.map((a) => a.key));
    expect(Buffer.from(second.archives.get('api')!).equals(Buffer.from(first.archives.get('api')!))).toBe(true);
    expect(formatPackageSummary(second.summary)).toBe('2 functions, 1 artifact, 0 rebuilt, 0 uploaded');
    expect(readdirSync(join(p.dir, '.stp', 'cache', 'packages')).some((f) => f.endsWith('.zip'))).toBe(true);
  });

  it('rebuilds only the function whose import graph changed (also inside node_modules)', async () => {
    const bundler = countingBundler();
    const first = await packageAssets(assets(), { projectDir: p.dir, bundler });
    p.write('node_modules/greeter/index.js', "exports.greet = (name) => 'hi ' + name;\n");
    const second = await packageAssets(assets(), { projectDir: p.dir, bundler });
    expect(bundler.calls.slice(2)).toEqual([join(p.dir, 'src/handler.ts')]);
    expect(second.assets.map((a) => a.rebuilt)).toEqual([true, false, false]);
    expect(second.assets[0]!.key).not.toBe(first.assets[0]!.key);
    expect(second.assets[1]!.key).toBe(first.assets[1]!.key);
  });

  it('rebuilds when options that change the output change (runtime)', async () => {
    const bundler = countingBundler();
    await packageAssets(assets(), { projectDir: p.dir, bundler });
    const changed = assets().map((a) => (a.id === 'worker' && a.kind === 'lambda-bundle' ? { ...a, runtime: 'nodejs20.x' } : a));
    await packageAssets(changed, { projectDir: p.dir, bundler });
    expect(bundler.calls.slice(2)).toEqual([join(p.dir, 'src/other.ts')]);
  });

  it('is byte-identical without the cache too (determinism across runs)', async () => {
    const a = await packageAssets(assets(), { projectDir: p.dir, useCache: false });
    const b = await packageAssets(assets(), { projectDir: p.dir, useCache: false });
    expect(a.summary.rebuilt).toBe(2);
    expect(b.assets.map((x) => x.sha256)).toEqual(a.assets.map((x) => x.sha256));
  });

  it('collects every failing asset into one error', async () => {
    const broken: AssetSpec[] = [
      ...assets(),
      { kind: 'lambda-bundle', id: 'py', entryFile: join(p.dir, 'x.py'), handlerExport: 'handler', runtime: 'python3.12', logicalId: 'PyFunction' },
      { kind: 'custom-artifact', id: 'gone', path: join(p.dir, 'nope'), logicalId: 'GoneFunction' },
    ];
    const error = await packageAssets(broken, { projectDir: p.dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackagingError);
    expect((error as PackagingError).failures.map((f) => f.id)).toEqual(['gone', 'py']);
  });
});

describe('packageAssets: upload to the deployment bucket', () => {
  const s3Mock = mockClient(S3Client);
  const stsMock = mockClient(STSClient);
  const notFound = () => new NotFound({ message: 'Not Found', $metadata: { httpStatusCode: 404 } });

  beforeEach(() => {
    s3Mock.reset();
    stsMock.reset();
    stsMock.on(GetCallerIdentityCommand).resolves({ Account: '123456789012', Arn: 'arn:aws:iam::123456789012:user/dev' });
  });

  function target(region = 'eu-central-1') {
    return { s3: new S3Client({ region }), sts: new STSClient({ region }), region };
  }

  it('creates the bucket on first use and uploads each new archive', async () => {
    s3Mock.on(HeadBucketCommand).rejects(notFound());
    s3Mock.on(CreateBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({});
    const result = await packageAssets(assets(), { projectDir: p.dir, upload: target() });

    expect(s3Mock.commandCalls(CreateBucketCommand)[0]!.args[0].input).toEqual({
      Bucket: 'stp-assets-123456789012-eu-central-1',
      CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' },
    });
    expect(s3Mock.commandCalls(PutPublicAccessBlockCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(PutBucketEncryptionCommand)).toHaveLength(1);
    const puts = s3Mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key).sort();
    expect(puts).toEqual(result.assets.map((a) => a.key).sort());
    expect(result.summary.uploaded).toBe(3);
    expect(result.locations).toEqual({
      bucket: 'stp-assets-123456789012-eu-central-1',
      keys: Object.fromEntries(result.assets.map((a) => [a.id, a.key])),
    });
  });

  it('skips archives already in the bucket (HeadObject hit): nothing rebuilt, nothing uploaded', async () => {
    await packageAssets(assets(), { projectDir: p.dir }); // warm the cache
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).resolves({ ContentLength: 10 });
    const bundler = countingBundler();
    const progress: string[] = [];
    const result = await packageAssets(assets(), {
      projectDir: p.dir,
      bundler,
      upload: target(),
      onProgress: (e) => progress.push(`${e.stage}:${e.id}${e.stage === 'packaged' ? `:${e.rebuilt}` : ''}`),
    });
    expect(progress.sort()).toEqual([
      'already-uploaded:api',
      'already-uploaded:legacy',
      'already-uploaded:worker',
      'packaged:api:false',
      'packaged:legacy:false',
      'packaged:worker:false',
    ]);
    expect(s3Mock.commandCalls(CreateBucketCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(s3Mock.commandCalls(HeadObjectCommand)).toHaveLength(3);
    expect(bundler.calls).toHaveLength(0);
    expect(formatPackageSummary(result.summary)).toBe('2 functions, 1 artifact, 0 rebuilt, 0 uploaded');
  });

  it('does not name a LocationConstraint in us-east-1, and tolerates a lost creation race', async () => {
    s3Mock.on(HeadBucketCommand).rejects(notFound());
    s3Mock.on(CreateBucketCommand).rejects(Object.assign(new Error('owned'), { name: 'BucketAlreadyOwnedByYou' }));
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({});
    await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target('us-east-1') });
    expect(s3Mock.commandCalls(CreateBucketCommand)[0]!.args[0].input).toEqual({ Bucket: 'stp-assets-123456789012-us-east-1' });
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('reports bucket hardening it could not apply as warnings, not failures', async () => {
    s3Mock.on(HeadBucketCommand).rejects(notFound());
    s3Mock.on(CreateBucketCommand).resolves({});
    s3Mock.on(PutPublicAccessBlockCommand).rejects(Object.assign(new Error('no'), { name: 'NotImplemented' }));
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({});
    const result = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target() });
    expect(result.warnings).toEqual(['could not block public access on stp-assets-123456789012-eu-central-1: NotImplemented']);
  });

  it('refuses a bucket that answers 403 to our expected owner: STP_ASSETS_BUCKET_NOT_OWNED, nothing uploaded', async () => {
    s3Mock.on(HeadBucketCommand).rejects(Object.assign(new Error('Forbidden'), { name: 'Forbidden', $metadata: { httpStatusCode: 403 } }));
    const error = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StpError);
    expect([(error as StpError).kind, (error as StpError).code, (error as StpError).resource]).toEqual([
      'aws',
      'STP_ASSETS_BUCKET_NOT_OWNED',
      'stp-assets-123456789012-eu-central-1',
    ]);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses an --assets-bucket in another region (HeadBucket 301), naming both regions', async () => {
    s3Mock.on(HeadBucketCommand).rejects(
      Object.assign(new Error('Moved'), { name: '301', $metadata: { httpStatusCode: 301 }, $response: { headers: { 'x-amz-bucket-region': 'us-west-2' } } }),
    );
    const error = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: { ...target(), bucket: 'team-assets' } }).catch((e: unknown) => e);
    expect([(error as StpError).code, (error as StpError).message]).toEqual([
      'STP_ASSETS_BUCKET_WRONG_REGION',
      'The assets bucket "team-assets" is in us-west-2, not eu-central-1: Lambda can only read function code from a bucket in the function\'s region.',
    ]);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses a default bucket name taken by another account (BucketAlreadyExists)', async () => {
    s3Mock.on(HeadBucketCommand).rejects(notFound());
    s3Mock.on(CreateBucketCommand).rejects(Object.assign(new Error('taken'), { name: 'BucketAlreadyExists', $metadata: { httpStatusCode: 409 } }));
    const error = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target() }).catch((e: unknown) => e);
    expect((error as StpError).code).toBe('STP_ASSETS_BUCKET_NOT_OWNED');
    expect((error as StpError).message).toContain('is taken by another AWS account');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('names the caller account as ExpectedBucketOwner on every S3 call, asking STS once', async () => {
    s3Mock.on(HeadBucketCommand).rejectsOnce(notFound()).resolves({});
    s3Mock.on(CreateBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).rejects(notFound());
    s3Mock.on(PutObjectCommand).resolves({});
    const upload = target();
    await packageAssets(assets(), { projectDir: p.dir, upload });
    await uploadTemplate('{"Resources":{}}', upload);
    const calls = s3Mock.calls().map((c) => c.args[0] as unknown as { constructor: { name: string }; input: Record<string, unknown> });
    const names = calls.map((c) => c.constructor.name);
    expect(names.filter((n) => n === 'CreateBucketCommand')).toHaveLength(1);
    expect(names).toContain('PutBucketOwnershipControlsCommand');
    expect(names).toContain('PutBucketLifecycleConfigurationCommand');
    // CreateBucket has no ExpectedBucketOwner in the S3 API; every other call names it.
    for (const call of calls.filter((c) => c.constructor.name !== 'CreateBucketCommand')) {
      expect([call.constructor.name, call.input.ExpectedBucketOwner]).toEqual([call.constructor.name, '123456789012']);
    }
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  it('re-writes an object older than the refresh age, so the lifecycle rule never expires code in use', async () => {
    s3Mock.on(HeadBucketCommand).resolves({});
    const now = Date.now();
    s3Mock.on(HeadObjectCommand).resolves({ LastModified: new Date(now - (ASSET_REFRESH_DAYS + 1) * 86_400_000) });
    s3Mock.on(PutObjectCommand).resolves({});
    const result = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target() });
    expect(result.summary.uploaded).toBe(1);
    s3Mock.reset();
    s3Mock.on(HeadBucketCommand).resolves({});
    s3Mock.on(HeadObjectCommand).resolves({ LastModified: new Date(now - (ASSET_REFRESH_DAYS - 1) * 86_400_000) });
    const fresh = await packageAssets(assets().slice(2), { projectDir: p.dir, upload: target() });
    expect(fresh.summary.uploaded).toBe(0);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
