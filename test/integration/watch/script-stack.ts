/**
 * A stack with a deployment script wired the way compile wires it (src/engine/compile/resources/
 * deployment-script.ts): the user's script function, stp's real runner (bundled from src/runtime,
 * uploaded to S3) as the service token, and a Custom::StpDeploymentScript after everything else.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { build } from 'esbuild';
import { strToU8, zipSync } from 'fflate';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const RUNNER_BUCKET = 'watch-test-assets';
export const RUNNER_KEY = 'runner.zip';

/** Bundles stp's deployment-script runner and uploads it (once per cloud). */
export async function uploadRunner(s3: S3Client): Promise<void> {
  const bundled = await build({
    entryPoints: [path.join(repoRoot, 'src/runtime/deployment-script-runner/handler.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  await s3.send(new CreateBucketCommand({ Bucket: RUNNER_BUCKET }));
  await s3.send(new PutObjectCommand({ Bucket: RUNNER_BUCKET, Key: RUNNER_KEY, Body: zipSync({ 'index.js': strToU8(bundled.outputFiles[0]!.text) }) }));
}

/** The script: prints a header, five numbered steps and a multi-line block; throws when told to. */
export const SCRIPT_SOURCE = `
exports.handler = async (event) => {
  console.log('migrating ' + event.table);
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  for (let i = 1; i <= 5; i++) console.log('step ' + i + ' of 5');
  console.log('summary:\\n  tables: 1\\n  rows: 42');
  if (event.fail) throw new Error('migration failed: table ' + event.table + ' is locked');
  // Fails from its second run on (a rerun), remembered in a marker file.
  if (event.failAgainMarker) {
    const fs = require('node:fs');
    if (fs.existsSync(event.failAgainMarker)) throw new Error('already migrated: ' + event.table);
    fs.writeFileSync(event.failAgainMarker, 'ran');
  }
  return { ok: true };
};
`;

const role = (name: string) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    RoleName: name,
    AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
  },
});

export function scriptStackTemplate(functionName: string, parameters: Record<string, unknown>, deploymentId = 'd1') {
  return {
    Resources: {
      ScriptRole: role(`${functionName}-role`),
      MigrateFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { FunctionName: functionName, Runtime: 'nodejs20.x', Handler: 'index.handler', Role: { 'Fn::GetAtt': ['ScriptRole', 'Arn'] }, Timeout: 900, Code: { ZipFile: SCRIPT_SOURCE } },
      },
      RunnerRole: role(`${functionName}-runner-role`),
      Runner: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: `${functionName}-runner`,
          Runtime: 'nodejs20.x',
          Handler: 'index.handler',
          Role: { 'Fn::GetAtt': ['RunnerRole', 'Arn'] },
          Timeout: 900,
          MemorySize: 256,
          Code: { S3Bucket: RUNNER_BUCKET, S3Key: RUNNER_KEY },
        },
      },
      MigrateScript: {
        Type: 'Custom::StpDeploymentScript',
        DependsOn: ['ScriptRole', 'MigrateFunction', 'RunnerRole', 'Runner'],
        Properties: {
          ServiceToken: { 'Fn::GetAtt': ['Runner', 'Arn'] },
          ScriptFunctionName: { Ref: 'MigrateFunction' },
          ScriptFunctionArn: { 'Fn::GetAtt': ['MigrateFunction', 'Arn'] },
          Trigger: 'after:deploy',
          ParametersJson: JSON.stringify(parameters),
          DeploymentId: deploymentId,
        },
      },
    },
    Outputs: { MigrateScriptParameters: { Value: JSON.stringify(parameters) } },
  };
}
