/**
 * Bucket sniping, on the local cloud through the real SDK: another account creates
 * `stp-assets-<our account>-<region>` first and lets anyone write to it. stp must refuse it
 * (nothing uploaded, a clear error naming the bucket and --assets-bucket), and a bucket stp creates
 * gets every setting it promises (read back with the Get* calls).
 */
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetBucketEncryptionCommand,
  GetBucketLifecycleConfigurationCommand,
  GetBucketOwnershipControlsCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListObjectsV2Command,
  PutBucketPolicyCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import type { AssetSpec } from '../../../src/engine/compile/compile-contract.js';
import { packageAssets } from '../../../src/engine/package/package-assets.js';
import { uploadTemplate } from '../../../src/engine/package/upload-template.js';
import { StpError } from '../../../src/errors/stp-error.js';
import { runStp } from '../../support/run-stp.js';
import { createFixtureProject, esmProjectFiles, type FixtureProject } from '../../engine/package/fixture-project.js';
import { startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

const REGION = 'eu-west-1';
const OWN = '000000000000';
const ATTACKER = '222222222222';
const SNIPED = `stp-assets-${OWN}-${REGION}`;

let local: LocalCloud;
let clients: AwsClients;
let attacker: S3Client;
let project: FixtureProject;

beforeEach(async () => {
  local = await startLocalCloud();
  clients = createAwsClients({ region: REGION, endpoint: local.cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, env: {} });
  attacker = new S3Client({
    endpoint: local.cloud.endpoint,
    region: REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: ATTACKER, secretAccessKey: 'x' },
  });
  project = createFixtureProject(esmProjectFiles);
});
afterEach(async () => {
  clients.destroy();
  attacker.destroy();
  project.remove();
  await stopLocalCloud(local);
});

function assets(): AssetSpec[] {
  return [{ kind: 'lambda-bundle', id: 'api', entryFile: join(project.dir, 'src/handler.ts'), handlerExport: 'handler', runtime: 'nodejs22.x', logicalId: 'ApiFunction' }];
}

async function snipe(bucket: string): Promise<void> {
  await attacker.send(new CreateBucketCommand({ Bucket: bucket, CreateBucketConfiguration: { LocationConstraint: REGION } }));
  await attacker.send(
    new PutBucketPolicyCommand({
      Bucket: bucket,
      Policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:*'], Resource: '*' }] }),
    }),
  );
}

async function attackerKeys(bucket: string): Promise<string[]> {
  const listed = await attacker.send(new ListObjectsV2Command({ Bucket: bucket }));
  return (listed.Contents ?? []).map((o) => o.Key!);
}

describe('the assets bucket of another account', () => {
  it('is refused with STP_ASSETS_BUCKET_NOT_OWNED, and nothing is uploaded to it', async () => {
    await snipe(SNIPED);
    const upload = { s3: clients.s3, sts: clients.sts, region: REGION };
    const error = await packageAssets(assets(), { projectDir: project.dir, upload }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StpError);
    const stp = error as StpError;
    expect([stp.kind, stp.code, stp.resource, stp.exitCode]).toEqual(['aws', 'STP_ASSETS_BUCKET_NOT_OWNED', SNIPED, 1]);
    expect(stp.message).toContain(`The assets bucket "${SNIPED}" is not owned by your account ${OWN}`);
    expect(stp.message).toContain('would give your function code to whoever owns the bucket');
    expect(stp.fix).toContain('--assets-bucket NAME');
    expect(await attackerKeys(SNIPED)).toEqual([]);

    // Templates go to the same bucket and are refused the same way.
    const templateError = await uploadTemplate('{"Resources":{}}', upload).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((templateError as StpError).code).toBe('STP_ASSETS_BUCKET_NOT_OWNED');
    expect(await attackerKeys(SNIPED)).toEqual([]);
  });

  it('is refused by `stp compile --upload` (exit 1, the bucket and the fix on screen), and --assets-bucket uploads to a bucket of ours instead', async () => {
    await snipe(SNIPED);
    project.write(
      'stacktape.yml',
      ['serviceName: sniped', 'resources:', '  api:', '    type: function', '    properties:', '      packaging:', '        type: stacktape-lambda-buildpack', '        properties:', '          entryfilePath: src/handler.ts', ''].join('\n'),
    );
    const env = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, CI: '1' };
    const args = ['compile', '--upload', '--region', REGION, '--endpoint-url', local.cloud.endpoint, '--out', join(project.dir, 'template.json')];
    const refused = await runStp(args, { cwd: project.dir, env });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`The assets bucket "${SNIPED}" is not owned by your account ${OWN}`);
    expect(await attackerKeys(SNIPED)).toEqual([]);

    const ok = await runStp([...args, '--assets-bucket', 'my-team-assets'], { cwd: project.dir, env });
    expect(ok.stderr).toContain('1 uploaded to my-team-assets');
    expect(ok.code).toBe(0);
    const ours = await clients.s3.send(new ListObjectsV2Command({ Bucket: 'my-team-assets', ExpectedBucketOwner: OWN }));
    expect(ours.Contents?.length).toBe(1);
    expect(await attackerKeys(SNIPED)).toEqual([]);
  });
});

describe('the assets bucket stp creates', () => {
  it('is owner-enforced, private, encrypted, unversioned, and expires old assets', async () => {
    const upload = { s3: clients.s3, sts: clients.sts, region: REGION };
    const result = await packageAssets(assets(), { projectDir: project.dir, upload });
    expect(result.warnings).toEqual([]);
    const owned = { Bucket: SNIPED, ExpectedBucketOwner: OWN };
    expect((await clients.s3.send(new GetBucketOwnershipControlsCommand(owned))).OwnershipControls?.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect((await clients.s3.send(new GetPublicAccessBlockCommand(owned))).PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    expect((await clients.s3.send(new GetBucketEncryptionCommand(owned))).ServerSideEncryptionConfiguration?.Rules).toEqual([
      { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
    expect((await clients.s3.send(new GetBucketVersioningCommand(owned))).Status).toBeUndefined();
    expect((await clients.s3.send(new GetBucketLifecycleConfigurationCommand(owned))).Rules).toEqual([
      {
        ID: 'stp-expire-unused-assets',
        Status: 'Enabled',
        Filter: { Prefix: '' },
        Expiration: { Days: 180 },
        AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
      },
    ]);
  });
});
