/**
 * Node.js function bundles leave `@aws-sdk/*` out (Lambda's Node.js runtimes provide SDK v3), and
 * the local Lambda provides stp's own copy the same way. A copied example that imports
 * `@aws-sdk/client-s3`, in a folder without node_modules, packages (the issue: "Could not resolve")
 * and runs in the local Lambda through the real SDK; so does a CommonJS handler that requires it.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssetSpec } from '../../../src/engine/compile/compile-contract.js';
import { runtimeEntryFile } from '../../../src/engine/compile/runtime-assets.js';
import { packageAssets } from '../../../src/engine/package/package-assets.js';
import { createEsbuildBundler } from '../../../src/engine/package/bundle-lambda.js';
import { deterministicZip } from '../../../src/engine/package/deterministic-zip.js';
import { repoRoot } from '../../support/run-stp.js';
import { createActiveFunction, ROLE, startLambdaCloud, type LambdaCloud } from './lambda-local-cloud.js';

let cloud: LambdaCloud;
let project: string;
beforeAll(async () => {
  cloud = await startLambdaCloud();
  project = mkdtempSync(join(tmpdir(), 'stp-provided-sdk-'));
  mkdirSync(join(project, 'src'));
  copyFileSync(join(repoRoot, 'config/examples/upload-pipeline/src/ingest.ts'), join(project, 'src/ingest.ts'));
  writeFileSync(
    join(project, 'src/legacy.js'),
    "const { S3Client, ListBucketsCommand } = require('@aws-sdk/client-s3');\n" +
      'exports.handler = async () => ({ buckets: ((await new S3Client({}).send(new ListBucketsCommand({}))).Buckets || []).map((b) => b.Name) });\n',
  );
});
afterAll(async () => {
  await cloud?.stop();
  rmSync(project, { recursive: true, force: true });
});

const asset = (id: string, entry: string): AssetSpec => ({
  kind: 'lambda-bundle',
  id,
  entryFile: join(project, entry),
  handlerExport: 'handler',
  runtime: 'nodejs20.x',
  logicalId: `${id}Function`,
});

describe('the AWS SDK is provided, not bundled', () => {
  it('packages the example without node_modules: the bundle imports the SDK instead of containing it', async () => {
    const packaged = await packageAssets([asset('ingest', 'src/ingest.ts')], { projectDir: project, useCache: false });
    const files = unzipSync(packaged.archives.get('ingest')!);
    expect(Object.keys(files)).toEqual(['index.mjs']);
    const code = strFromU8(files['index.mjs']!);
    expect(code).toContain('import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";');
    // No SDK or Smithy code inside: only the handler and the re-export of its default.
    expect(code).not.toContain('@smithy/');
    expect(code).not.toMatch(/class S3Client\b/);
    expect(packaged.assets[0]!.bytes).toBeLessThan(4_000);

    // The same entry with the SDK bundled in (node_modules present) is hundreds of times larger.
    const withModules = mkdtempSync(join(tmpdir(), 'stp-provided-sdk-full-'));
    try {
      mkdirSync(join(withModules, 'src'));
      copyFileSync(join(project, 'src/ingest.ts'), join(withModules, 'src/ingest.ts'));
      symlinkSync(resolve(repoRoot, 'node_modules'), join(withModules, 'node_modules'), 'junction');
      const full = await createEsbuildBundler().bundle({
        entryFile: join(withModules, 'src/ingest.ts'),
        handlerExport: 'handler',
        runtime: 'nodejs20.x',
        workingDir: withModules,
      });
      expect(deterministicZip(full.files).byteLength).toBeGreaterThan(packaged.assets[0]!.bytes! * 20);
    } finally {
      rmSync(withModules, { recursive: true, force: true });
    }
  });

  it('runs the packaged ES module handler in the local Lambda, which provides the SDK it imports', async () => {
    const packaged = await packageAssets([asset('ingest', 'src/ingest.ts')], { projectDir: project, useCache: false });
    await cloud.s3.send(new CreateBucketCommand({ Bucket: 'uploads' }));
    await createActiveFunction(cloud.lambda, {
        FunctionName: 'ingest',
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: packaged.archives.get('ingest')! },
        Environment: { Variables: { STP_UPLOADS_NAME: 'uploads' } },
      });
    const result = await cloud.lambda.send(
      new InvokeCommand({ FunctionName: 'ingest', Payload: new TextEncoder().encode(JSON.stringify({ pathParameters: { name: 'a.txt' }, body: 'hello' })) }),
    );
    const payload = JSON.parse(new TextDecoder().decode(result.Payload)) as { statusCode: number; body: string };
    expect([result.FunctionError, payload.statusCode]).toEqual([undefined, 202]);
    const { key } = JSON.parse(payload.body) as { key: string };
    expect(key).toMatch(/^incoming\/\d+-a\.txt$/);
    const stored = await cloud.s3.send(new GetObjectCommand({ Bucket: 'uploads', Key: key }));
    expect(await stored.Body!.transformToString()).toBe('hello');
  });

  it('runs a CommonJS handler that requires the SDK (NODE_PATH, as on Lambda)', async () => {
    const packaged = await packageAssets([asset('legacy', 'src/legacy.js')], { projectDir: project, useCache: false });
    expect(Object.keys(unzipSync(packaged.archives.get('legacy')!))).toEqual(['index.js']);
    await createActiveFunction(cloud.lambda, { FunctionName: 'legacy', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: packaged.archives.get('legacy')! } });
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'legacy' }));
    expect(result.FunctionError).toBeUndefined();
    const listed = await cloud.s3.send(new ListObjectsV2Command({ Bucket: 'uploads' }));
    expect(JSON.parse(new TextDecoder().decode(result.Payload))).toEqual({ buckets: ['uploads'] });
    expect(listed.KeyCount).toBe(1);
  });

  it('does not provide other packages: a bare import the bundle left out still fails, as on AWS', async () => {
    const zip = deterministicZip([{ path: 'index.mjs', content: new TextEncoder().encode("import yaml from 'yaml';\nexport const handler = async () => typeof yaml;\n") }]);
    await createActiveFunction(cloud.lambda, { FunctionName: 'no-yaml', Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip } });
    const result = await cloud.lambda.send(new InvokeCommand({ FunctionName: 'no-yaml' }));
    expect(result.FunctionError).toBe('Unhandled');
    const error = JSON.parse(new TextDecoder().decode(result.Payload)) as { errorType: string; errorMessage: string };
    expect(error.errorType).toBe('Runtime.ImportModuleError');
    expect(error.errorMessage).toContain("Cannot find package 'yaml'");
  });
});

describe("stp's own functions", () => {
  it('bundle the SDK they were tested with (bundleAwsSdk), while the same entry as user code imports it', async () => {
    const entryFile = runtimeEntryFile('s3Notifications');
    const own: AssetSpec = { kind: 'lambda-bundle', id: 'own', entryFile, handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'Own', bundleAwsSdk: true };
    const user: AssetSpec = { kind: 'lambda-bundle', id: 'user', entryFile, handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'User' };
    const packaged = await packageAssets([own, user], { projectDir: project, useCache: false });
    const code = (id: string) => strFromU8(Object.values(unzipSync(packaged.archives.get(id)!))[0]!);
    expect(code('own')).not.toMatch(/from "@aws-sdk\//);
    expect(code('own')).toContain('@smithy/');
    expect(code('user')).toMatch(/from "@aws-sdk\/client-s3"/);
    expect(packaged.assets[0]!.bytes).toBeGreaterThan(packaged.assets[1]!.bytes! * 20);
  });
});
