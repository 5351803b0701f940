/**
 * The example stacks (config/examples), compiled by stp's own compiler, deploy, update and
 * delete on the local CloudFormation through the real SDK client. Function code is a stand-in
 * zip (packaging is not under test here) whose handler answers custom-resource requests.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  type Parameter,
} from '@aws-sdk/client-cloudformation';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileStack } from '../../../src/engine/compile/compile-stack.js';
import { deployParameters } from '../../../src/engine/compile/stack-parameters.js';
import { stackInputFromResolved } from '../../../src/engine/compile/stack-input-from-resolved.js';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';
import { applyAssetLocations, findAssetPlaceholders } from '../../../src/engine/package/apply-asset-locations.js';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { allEvents, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = path.join(repoRoot, 'config', 'examples');
const examples = readdirSync(examplesDir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();

const STAND_IN_HANDLER = `
exports.handler = async (event) => {
  if (event && event.ResponseURL) {
    const body = JSON.stringify({ Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId || event.LogicalResourceId, StackId: event.StackId, RequestId: event.RequestId, LogicalResourceId: event.LogicalResourceId });
    await fetch(event.ResponseURL, { method: 'PUT', body });
  }
  // An ECS lifecycle hook must answer with a hookStatus (the local ECS runs them for real).
  if (event && event.lifecycleStage) return { hookStatus: 'SUCCEEDED' };
  return {};
};`;

async function compiledTemplate(example: string, local: CfnLocalCloud, deploymentId: string) {
  const loaded = await loadStackConfig({ cwd: repoRoot, configPath: path.join(examplesDir, example), stage: 'dev', region: 'us-east-1' });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const compiled = compileStack(stackInputFromResolved(loaded.resolved!));
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const keys: Record<string, string> = {};
  for (const id of findAssetPlaceholders(compiled.template)) {
    keys[id] = `${id}.zip`;
    await local.s3.send(new PutObjectCommand({ Bucket: 'stp-example-assets', Key: keys[id], Body: zipSync({ 'index.js': strToU8(STAND_IN_HANDLER) }) }));
  }
  const applied = applyAssetLocations(compiled.template, { bucket: 'stp-example-assets', keys });
  const values: Record<string, string> = { ...applied.parameters };
  for (const parameter of deployParameters(applied.template)) values[parameter.name] ??= parameter.name === 'StpDeploymentId' ? deploymentId : 'local';
  const parameters: Parameter[] = Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));
  return { body: JSON.stringify(applied.template), parameters, resourceCount: Object.keys(applied.template.Resources).length };
}

/** What a new deployment id changes: only the after:deploy script of api-smoke-test runs again. */
const CHANGED_BY_A_NEW_DEPLOYMENT: Record<string, string[]> = {
  'api-smoke-test': ['Modify SmokeTestScriptCustomResource'],
  'canary-workload': [],
  // Its after:deploy script takes the deployment id, so each deploy runs it again.
  'hello-script': ['Modify GreetScriptCustomResource'],
  'upload-pipeline': [],
};

describe('compiled example stacks on the local CloudFormation', () => {
  let local: CfnLocalCloud;
  beforeAll(async () => {
    local = await startCfnLocalCloud({ timeScale: 2000 });
    // upload-pipeline's $Secret('upload-pipeline.db-password') resolves against the local Secrets Manager.
    const secrets = new SecretsManagerClient(clientConfig(local.cloud.endpoint));
    await secrets.send(new CreateSecretCommand({ Name: 'upload-pipeline', SecretString: JSON.stringify({ 'db-password': 'local-db-password' }) }));
    secrets.destroy();

    await local.s3.send(new CreateBucketCommand({ Bucket: 'stp-example-assets' }));
  });
  afterAll(async () => {
    await local.stop();
  });

  it('has the four examples to deploy', () => {
    expect(examples).toEqual(['api-smoke-test', 'canary-workload', 'hello-script', 'upload-pipeline']);
  });

  for (const example of examples) {
    it(`${example}: create, update (new deployment id), delete`, async () => {
      const { cfn } = local;
      const stackName = `example-${example}`;
      const capabilities = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'] as const;
      const first = await compiledTemplate(example, local, 'deploy-1');
      const create = await cfn.send(
        new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'create', ChangeSetType: 'CREATE', TemplateBody: first.body, Parameters: first.parameters, Capabilities: [...capabilities] }),
      );
      const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: create.Id }));
      expect([described.Status, described.StatusReason]).toEqual(['CREATE_COMPLETE', undefined]);
      expect(described.Changes).toHaveLength(first.resourceCount);
      await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: create.Id }));
      const created = await waitForStackToSettle(cfn, stackName, 60_000);
      const failures = (await allEvents(cfn, stackName)).filter((e) => e.ResourceStatus?.endsWith('FAILED')).map((e) => `${e.LogicalResourceId}: ${e.ResourceStatusReason}`);
      expect(failures).toEqual([]);
      expect(created).toBe('CREATE_COMPLETE');

      const second = await compiledTemplate(example, local, 'deploy-2');
      const update = await cfn.send(
        new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: 'update', TemplateBody: second.body, Parameters: second.parameters, Capabilities: [...capabilities] }),
      );
      const updateSet = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: update.Id }));
      const changed = (updateSet.Changes ?? []).map((c) => `${c.ResourceChange?.Action} ${c.ResourceChange?.LogicalResourceId}`);
      expect(changed).toEqual(CHANGED_BY_A_NEW_DEPLOYMENT[example]);
      if (changed.length > 0) {
        await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: update.Id }));
        expect(await waitForStackToSettle(cfn, stackName, 60_000)).toBe('UPDATE_COMPLETE');
      } else {
        // Only the deployment id changed and nothing uses it: CloudFormation's no-change answer.
        expect([updateSet.Status, updateSet.StatusReason]).toEqual([
          'FAILED',
          "The submitted information didn't contain changes. Submit different information to create a change set.",
        ]);
      }

      const { StackId } = (await cfn.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0]!;
      await cfn.send(new DeleteStackCommand({ StackName: stackName }));
      expect(await waitForStackToSettle(cfn, StackId!, 60_000)).toBe('DELETE_COMPLETE');
    }, 90_000);
  }
});
