/**
 * Secrets Manager and SSM Parameter Store, replayed from LocalStack's test_secretsmanager.py and
 * test_ssm.py recordings against AWS: the stores behind `{{resolve:…}}` and `stp secret:*`.
 */
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, GetParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { errorText } from '../support/aws-error.js';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { recordedError } from '../support/lambda-logs-shapes.js';
import { loadFixture } from '../support/recorded-fixture.js';

const secrets = loadFixture('secretsmanager/secretsmanager.json');
const parameters = loadFixture('ssm/ssm.json');

/** The subset of a response a typed dict kept (LocalStack's select_from_typed_dict). */
const pick = <T extends object, K extends keyof T>(value: T, keys: K[]) => Object.fromEntries(keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]));

describe('Secrets Manager and SSM Parameter Store, as AWS answers them', () => {
  let local: ConformanceCloud;
  let sm: SecretsManagerClient;
  let ssm: SSMClient;
  beforeAll(async () => {
    local = await startConformanceCloud();
    sm = local.client(SecretsManagerClient);
    ssm = local.client(SSMClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  it('TestSecretsManager::test_secret_not_found', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_secret_not_found');
    const get = sm.send(new GetSecretValueCommand({ SecretId: `s-${shortUid()}` }));
    scenario.expect('get_secret_value_not_found_ex', await recordedError(get, scenario.recorded('get_secret_value_not_found_ex')));
    const list = sm.send(new ListSecretVersionIdsCommand({ SecretId: `s-${shortUid()}` }));
    scenario.expect('list_secret_version_ids_not_found_ex', await recordedError(list, scenario.recorded('list_secret_version_ids_not_found_ex')));
  });

  it('TestSecretsManager::test_secret_version_not_found: no value yet, unknown version id, unknown stage', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_secret_version_not_found');
    const name = `s-${shortUid()}`;
    await sm.send(new CreateSecretCommand({ Name: name }));
    const versionId = randomUUID();
    scenario.bind('version-id', versionId);
    scenario.expect('get_secret_value_no_version_ex', await errorText(sm.send(new GetSecretValueCommand({ SecretId: name })), 'GetSecretValue'));
    scenario.expect('get_secret_value_version_not_found_ex', await errorText(sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: versionId })), 'GetSecretValue'));
    scenario.expect('get_secret_value_stage_not_found_ex', await errorText(sm.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPENDING' })), 'GetSecretValue'));
  });

  it('TestSecretsManager::test_get_secret_value_errors: a stage nobody holds, a stage the version lacks', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_get_secret_value_errors');
    const name = shortUid();
    const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'test' }));
    const previous = sm.send(new GetSecretValueCommand({ SecretId: created.ARN, VersionStage: 'AWSPREVIOUS' }));
    scenario.expect('error_get_secret_value_non_existing', await recordedError(previous, scenario.recorded('error_get_secret_value_non_existing')));
    const mismatch = sm.send(new GetSecretValueCommand({ SecretId: name, VersionId: created.VersionId, VersionStage: 'AWSPREVIOUS' }));
    scenario.expect('mismatch_version_id_and_stage', await recordedError(mismatch, scenario.recorded('mismatch_version_id_and_stage')));
  });

  it('TestSecretsManager::test_can_recreate_delete_secret: a force-deleted name is free again, with a new ARN', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_can_recreate_delete_secret');
    const name = `s-${shortUid()}`;
    scenario.bind('SecretId-0idx', name);
    const request = { Name: name, SecretString: `secretstr-${shortUid()}` };
    scenario.expect('create_secret_res_0', pick(await sm.send(new CreateSecretCommand(request)), ['ARN', 'Name', 'VersionId']));
    scenario.expect('delete_res_1', pick(await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })), ['ARN', 'DeletionDate', 'Name']));
    scenario.expect('create_secret_res_1', pick(await sm.send(new CreateSecretCommand(request)), ['ARN', 'Name', 'VersionId']));
  });

  it('TestSecretsManager::test_exp_raised_on_creation_of_secret_scheduled_for_deletion', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_exp_raised_on_creation_of_secret_scheduled_for_deletion');
    const name = `s-${shortUid()}`;
    scenario.bind('SecretId-0idx', name);
    const request = { Name: name, SecretString: `secretstr-${shortUid()}` };
    await sm.send(new CreateSecretCommand(request));
    scenario.expect('delete_res', pick(await sm.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 })), ['ARN', 'DeletionDate', 'Name']));
    scenario.expect('invalid_req_ex', await recordedError(sm.send(new CreateSecretCommand(request)), scenario.recorded('invalid_req_ex')));
  });

  it('TestSecretsManager::test_put_secret_value_with_version_stages: custom stages leave AWSCURRENT alone', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_put_secret_value_with_version_stages');
    const name = `s-${shortUid()}`;
    scenario.bind('SecretId-0idx', name);
    scenario.expect('create_secret_rs_0', await sm.send(new CreateSecretCommand({ Name: name, SecretString: 'secret_string_v0' })));
    scenario.expect('get_secret_value_res_0', await sm.send(new GetSecretValueCommand({ SecretId: name })));
    const puts: [string, string[] | undefined][] = [
      ['secret_string_v1', ['SAMPLESTAGE1', 'SAMPLESTAGE0']],
      ['secret_string_v2', ['SAMPLESTAGE1', 'SAMPLESTAGE0']],
      ['secret_string_v3', ['AWSPENDING']],
      ['secret_string_v4', undefined],
    ];
    for (const [index, [value, stages]] of puts.entries()) {
      const put = await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: value, VersionStages: stages, ClientRequestToken: randomUUID() }));
      scenario.expect(`put_secret_value_res_${index + 1}`, put);
      scenario.expect(`get_secret_value_res_${index + 1}`, await sm.send(new GetSecretValueCommand({ SecretId: name })));
    }
    scenario.expect('delete_secret_res_1', await sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true })));
  });

  it('TestSecretsManager::test_force_delete_deleted_secret: scheduled, described, then force-deleted', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_force_delete_deleted_secret');
    const name = `s-${shortUid()}`;
    scenario.bind('SecretId-0idx', name);
    const created = await sm.send(new CreateSecretCommand({ Name: name, SecretString: `secretstr-${shortUid()}` }));
    scenario.expect('create_secret_response', created);
    scenario.expect('delete_secret_response', await sm.send(new DeleteSecretCommand({ SecretId: created.ARN })));
    scenario.expect('describe_secret_response', await sm.send(new DescribeSecretCommand({ SecretId: created.ARN })));
    scenario.expect('force_delete_secret_response', await sm.send(new DeleteSecretCommand({ SecretId: created.ARN, ForceDeleteWithoutRecovery: true })));
  });

  it('TestSecretsManager::test_invalid_secret_name[Inv Name]: every operation checks the name', async () => {
    const scenario = secrets.scenario('TestSecretsManager::test_invalid_secret_name[Inv Name]');
    const name = 'Inv Name';
    const calls: [string, Promise<unknown>][] = [
      ['ex_log_1', sm.send(new CreateSecretCommand({ Name: name, SecretString: 'MySecretString' }))],
      ['ex_log_2', sm.send(new DeleteSecretCommand({ SecretId: name, ForceDeleteWithoutRecovery: true }))],
      ['ex_log_3', sm.send(new DescribeSecretCommand({ SecretId: name }))],
      ['ex_log_4', sm.send(new GetSecretValueCommand({ SecretId: name }))],
      ['ex_log_5', sm.send(new ListSecretVersionIdsCommand({ SecretId: name, IncludeDeprecated: true }))],
      ['ex_log_6', sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: 'MySecretString' }))],
    ];
    for (const [key, call] of calls) scenario.expect(key, await recordedError(call, scenario.recorded(key)));
  });

  it('TestSSM::test_get_parameter_by_arn', async () => {
    const scenario = parameters.scenario('TestSSM::test_get_parameter_by_arn');
    const name = `param-${shortUid()}`;
    await ssm.send(new PutParameterCommand({ Name: name, Value: 'test', Type: 'String' }));
    const byName = await ssm.send(new GetParameterCommand({ Name: name }));
    scenario.expect('Parameter', (await ssm.send(new GetParameterCommand({ Name: byName.Parameter!.ARN! }))).Parameter);
  });

  it('TestSSM::test_parameters_with_path: by name and by ARN, one and many', async () => {
    const scenario = parameters.scenario('TestSSM::test_parameters_with_path');
    const name = `/test/param-${shortUid()}`;
    scenario.expect('put-parameter-response', await ssm.send(new PutParameterCommand({ Name: name, Description: 'test', Value: '123', Type: 'String' })));
    const got = await ssm.send(new GetParameterCommand({ Name: name }));
    scenario.expect('get-parameter-response', got);
    scenario.expect('get-parameter-by-arn-response', await ssm.send(new GetParameterCommand({ Name: got.Parameter!.ARN! })));
    scenario.expect('get-parameters-response', await ssm.send(new GetParametersCommand({ Names: [name] })));
    scenario.expect('get-parameters-by-arn-response', await ssm.send(new GetParametersCommand({ Names: [got.Parameter!.ARN!] })));
  });
});
