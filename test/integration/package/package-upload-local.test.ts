/**
 * Packaging against the embedded local cloud's STS and S3 over real HTTP, through the same SDK
 * clients the CLI uses: bucket created on first use, archives uploaded once, skipped after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, GetPublicAccessBlockCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import { assetBucketParameter, assetKeyPlaceholder, type AssetSpec, type CfnTemplate } from '../../../src/engine/compile/compile-contract.js';
import { applyAssetLocations } from '../../../src/engine/package/apply-asset-locations.js';
import { formatPackageSummary, packageAssets } from '../../../src/engine/package/package-assets.js';
import { uploadTemplate } from '../../../src/engine/package/upload-template.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/start-emulator.js';
import { createFixtureProject, esmProjectFiles, type FixtureProject } from '../../engine/package/fixture-project.js';

let cloud: RunningEmulator;
let stateDir: string;
let clients: AwsClients;
let project: FixtureProject;

beforeEach(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'stp-package-local-'));
  cloud = await startEmulator({ port: 0, stateDir, services: ['sts', 's3'], log: () => {} });
  clients = createAwsClients({
    region: 'eu-west-1',
    endpoint: cloud.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    env: {},
  });
  project = createFixtureProject({ ...esmProjectFiles, 'artifact/run.sh': '#!/bin/sh\necho ok\n' });
});

afterEach(async () => {
  clients.destroy();
  await cloud.stop();
  rmSync(stateDir, { recursive: true, force: true });
  project.remove();
});

function assets(): AssetSpec[] {
  return [
    { kind: 'lambda-bundle', id: 'api', entryFile: join(project.dir, 'src/handler.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'ApiFunction' },
    { kind: 'custom-artifact', id: 'tool', path: join(project.dir, 'artifact'), logicalId: 'ToolFunction' },
  ];
}

describe('packaging against the local cloud', () => {
  it('creates the deployment bucket, uploads each archive once, and skips it on the next run', async () => {
    const upload = { s3: clients.s3, sts: clients.sts, region: 'eu-west-1' };
    const first = await packageAssets(assets(), { projectDir: project.dir, upload });
    const bucket = first.locations!.bucket;
    expect(bucket).toMatch(/^stp-assets-\d{12}-eu-west-1$/);
    expect(formatPackageSummary(first.summary)).toBe('1 function, 1 artifact, 1 rebuilt, 2 uploaded');
    expect(first.warnings).toEqual([]);

    const listed = await clients.s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual(first.assets.map((a) => a.key).sort());
    const stored = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: first.assets[0]!.key! }));
    expect(Buffer.from(await stored.Body!.transformToByteArray()).equals(Buffer.from(first.archives.get('api')!))).toBe(true);
    const block = await clients.s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(block.PublicAccessBlockConfiguration?.BlockPublicPolicy).toBe(true);

    const second = await packageAssets(assets(), { projectDir: project.dir, upload });
    expect(formatPackageSummary(second.summary)).toBe('1 function, 1 artifact, 0 rebuilt, 0 uploaded');
    expect(second.locations).toEqual(first.locations);

    const template: CfnTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { [assetBucketParameter]: { Type: 'String' } },
      Resources: { ApiFunction: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Bucket: { Ref: assetBucketParameter }, S3Key: assetKeyPlaceholder('api') } } } },
    };
    const applied = applyAssetLocations(template, second.locations!);
    expect(applied.template.Resources.ApiFunction!.Properties!.Code).toEqual({ S3Bucket: { Ref: assetBucketParameter }, S3Key: first.assets[0]!.key });
    expect(applied.parameters).toEqual({ [assetBucketParameter]: bucket });

    // The template itself goes by URL when it is too big to send inline.
    const body = JSON.stringify(applied.template);
    const location = await uploadTemplate(body, upload);
    expect(location.url).toBe(`${cloud.endpoint}/${bucket}/${location.key}`);
    const storedTemplate = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: location.key }));
    expect(await storedTemplate.Body!.transformToString()).toBe(body);
    expect((await uploadTemplate(body, upload)).uploaded).toBe(false);
  });
});
