import {
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  DescribeStackResourceCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  type CloudFormationClient,
} from '@aws-sdk/client-cloudformation';
import { GetFunctionConfigurationCommand, InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { CreateSecretCommand, GetSecretValueCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { allEvents, startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from './cfn-local-cloud.js';

let local: CfnLocalCloud;
let sm: SecretsManagerClient;
let ssm: SSMClient;
let lambda: LambdaClient;
beforeAll(async () => {
  local = await startCfnLocalCloud();
  sm = new SecretsManagerClient(clientConfig(local.cloud.endpoint));
  ssm = new SSMClient(clientConfig(local.cloud.endpoint));
  lambda = new LambdaClient(clientConfig(local.cloud.endpoint));
  await sm.send(new CreateSecretCommand({ Name: 'db-creds', SecretString: JSON.stringify({ user: 'admin', password: 'hunter2', port: 5432 }) }));
  await sm.send(new CreateSecretCommand({ Name: 'api-token', SecretString: 'tok-v1' }));
  await ssm.send(new PutParameterCommand({ Name: '/app/host', Value: 'db-v1.internal', Type: 'String' }));
  await ssm.send(new PutParameterCommand({ Name: '/app/host', Value: 'db-v2.internal', Type: 'String', Overwrite: true }));
  await ssm.send(new PutParameterCommand({ Name: '/app/secure', Value: 'very-secret', Type: 'SecureString' }));
});
afterAll(async () => {
  sm.destroy();
  ssm.destroy();
  lambda.destroy();
  await local.stop();
});

async function deploy(cfn: CloudFormationClient, stackName: string, template: object, create = true): Promise<string> {
  const cs = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: `cs-${Math.random().toString(36).slice(2, 10)}`, ChangeSetType: create ? 'CREATE' : 'UPDATE', TemplateBody: JSON.stringify(template) }),
  );
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: cs.Id }));
  return waitForStackToSettle(cfn, stackName);
}

const functionWith = (name: string, variables: Record<string, unknown>) => ({
  Resources: {
    Fn: {
      Type: 'AWS::Lambda::Function',
      Properties: {
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Handler: 'index.handler',
        Role: 'arn:aws:iam::000000000000:role/r',
        Code: { ZipFile: 'exports.handler = async () => process.env;' },
        Environment: { Variables: variables },
      },
    },
  },
});

describe('dynamic references resolved by the local CloudFormation', () => {
  it('resolves secretsmanager (whole, JSON key, stage, version id, built with Fn::Join), ssm (latest, version) into the function, and never shows the values', async () => {
    const { cfn } = local;
    const rotated = await sm.send(new PutSecretValueCommand({ SecretId: 'api-token', SecretString: 'tok-v2' }));
    const template = functionWith('resolver', {
      PASSWORD: '{{resolve:secretsmanager:db-creds:SecretString:password}}',
      PORT: '{{resolve:secretsmanager:db-creds:SecretString:port}}',
      WHOLE: '{{resolve:secretsmanager:api-token}}',
      PREVIOUS: '{{resolve:secretsmanager:api-token:SecretString::AWSPREVIOUS}}',
      BY_ID: `{{resolve:secretsmanager:api-token:SecretString:::${rotated.VersionId}}}`,
      JOINED: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', 'db-creds', ':SecretString:user}}']] },
      HOST: 'postgres://{{resolve:ssm:/app/host}}:5432',
      HOST_V1: '{{resolve:ssm:/app/host:1}}',
    });
    expect(await deploy(cfn, 'resolver', template)).toBe('CREATE_COMPLETE');
    const config = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'resolver' }));
    expect(config.Environment?.Variables).toEqual({
      PASSWORD: 'hunter2',
      PORT: '5432',
      WHOLE: 'tok-v2',
      PREVIOUS: 'tok-v1',
      BY_ID: 'tok-v2',
      JOINED: 'admin',
      HOST: 'postgres://db-v2.internal:5432',
      HOST_V1: 'db-v1.internal',
    });
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: 'resolver' }));
    expect(JSON.parse(Buffer.from(invoked.Payload!).toString()).PASSWORD).toBe('hunter2');

    // What CloudFormation shows keeps the references as written.
    const shown = JSON.stringify([
      await allEvents(cfn, 'resolver'),
      await cfn.send(new DescribeStackResourceCommand({ StackName: 'resolver', LogicalResourceId: 'Fn' })),
      await cfn.send(new GetTemplateCommand({ StackName: 'resolver' })),
    ]);
    expect(shown).not.toContain('hunter2');
    expect(shown).not.toContain('tok-v');
    // Nor does the stack's record in the state file.
    await local.cloud.flush();
    const state = JSON.parse(readFileSync(join(local.stateDir, 'state.json'), 'utf8')) as { namespaces: Record<string, unknown> };
    expect(state.namespaces.cloudformation).toBeDefined();
    expect(JSON.stringify(state.namespaces.cloudformation)).not.toContain('hunter2');
  });

  it('fails the resource with the service error when a secret, a JSON key or a parameter is missing, and rolls back', async () => {
    const { cfn } = local;
    const reasonFor = async (stack: string, variables: Record<string, unknown>) => {
      expect(await deploy(cfn, stack, functionWith(stack, variables))).toBe('ROLLBACK_COMPLETE');
      return (await allEvents(cfn, stack)).find((event) => event.ResourceStatus === 'CREATE_FAILED')?.ResourceStatusReason;
    };
    expect(await reasonFor('no-secret', { X: '{{resolve:secretsmanager:nope}}' })).toMatch(
      /^Secrets Manager can't find the specified secret\. \(Service: AWSSecretsManager; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect(await reasonFor('no-key', { X: '{{resolve:secretsmanager:db-creds:SecretString:nokey}}' })).toBe('Could not find a value associated with JSONKey in SecretString');
    expect(await reasonFor('no-stage', { X: '{{resolve:secretsmanager:db-creds:SecretString::AWSPENDING}}' })).toMatch(
      /^Secrets Manager can't find the specified secret value for staging label: AWSPENDING \(Service: AWSSecretsManager; Status Code: 400; Error Code: ResourceNotFoundException;/,
    );
    expect(await reasonFor('no-param', { X: '{{resolve:ssm:/app/ghost}}' })).toMatch(
      /^\(Service: AWSSimpleSystemsManagement; Status Code: 400; Error Code: ParameterNotFound; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  it('refuses a malformed SSM reference at CreateChangeSet, and fails the change set for ssm-secure outside the properties AWS allows', async () => {
    const { cfn } = local;
    const malformed = await cfn
      .send(new CreateChangeSetCommand({ StackName: 'bad-ref', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(functionWith('bad-ref', { X: '{{resolve:ssm-secure:/app/secure:}}' })) }))
      .catch((error: Error) => error);
    expect([(malformed as Error).name, (malformed as Error).message]).toEqual(['ValidationError', 'Incorrect format is used in the following SSM reference: [{{resolve:ssm-secure:/app/secure:}}]']);

    const cs = await cfn.send(
      new CreateChangeSetCommand({ StackName: 'secure-env', ChangeSetName: 'c', ChangeSetType: 'CREATE', TemplateBody: JSON.stringify(functionWith('secure-env', { API_KEY: '{{resolve:ssm-secure:/app/secure:1}}' })) }),
    );
    const described = await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: cs.Id }));
    expect([described.Status, described.StatusReason]).toEqual(['FAILED', 'SSM Secure reference is not supported in: [AWS::Lambda::Function/Properties/Environment/Variables/API_KEY]']);
  });

  it('resolves ssm-secure where AWS allows it (an RDS master password)', async () => {
    const { cfn } = local;
    const template = {
      Resources: {
        Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', MasterUsername: 'admin', MasterUserPassword: '{{resolve:ssm-secure:/app/secure}}' } },
      },
    };
    expect(await deploy(cfn, 'secure-db', template)).toBe('CREATE_COMPLETE');
    const resource = await cfn.send(new DescribeStackResourceCommand({ StackName: 'secure-db', LogicalResourceId: 'Db' }));
    expect(JSON.stringify(resource)).not.toContain('very-secret');
  });

  it('creates real secrets (GenerateSecretString) and parameters from a stack, which other resources then resolve; deleting the stack removes them', async () => {
    const { cfn } = local;
    const template = {
      Resources: {
        DbSecret: {
          Type: 'AWS::SecretsManager::Secret',
          Properties: { Name: 'stack-db', GenerateSecretString: { SecretStringTemplate: '{"username":"admin"}', GenerateStringKey: 'password', PasswordLength: 24, ExcludePunctuation: true } },
        },
        Endpoint: { Type: 'AWS::SSM::Parameter', Properties: { Name: '/stack/endpoint', Type: 'String', Value: 'db.stack.internal' } },
        Fn: {
          Type: 'AWS::Lambda::Function',
          DependsOn: ['Endpoint'],
          Properties: {
            FunctionName: 'stack-reader',
            Runtime: 'nodejs20.x',
            Handler: 'index.handler',
            Role: 'arn:aws:iam::000000000000:role/r',
            Code: { ZipFile: 'exports.handler = async () => 1;' },
            Environment: {
              Variables: {
                PASSWORD: { 'Fn::Sub': '{{resolve:secretsmanager:${DbSecret}:SecretString:password}}' },
                ENDPOINT: '{{resolve:ssm:/stack/endpoint}}',
              },
            },
          },
        },
      },
      Outputs: { SecretArn: { Value: { Ref: 'DbSecret' } } },
    };
    expect(await deploy(cfn, 'owns-secrets', template)).toBe('CREATE_COMPLETE');
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: 'owns-secrets' }));
    const arn = Stacks![0]!.Outputs!.find((output) => output.OutputKey === 'SecretArn')!.OutputValue!;
    expect(arn).toMatch(/^arn:aws:secretsmanager:us-east-1:000000000000:secret:stack-db-[A-Za-z0-9]{6}$/);
    const stored = JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: arn }))).SecretString!) as { username: string; password: string };
    expect(stored.username).toBe('admin');
    expect(stored.password).toMatch(/^[A-Za-z0-9]{24}$/);
    expect((await ssm.send(new GetParameterCommand({ Name: '/stack/endpoint' }))).Parameter).toMatchObject({ Value: 'db.stack.internal', Version: 1 });
    const env = (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: 'stack-reader' }))).Environment?.Variables;
    expect(env).toEqual({ PASSWORD: stored.password, ENDPOINT: 'db.stack.internal' });

    await cfn.send(new DeleteStackCommand({ StackName: 'owns-secrets' }));
    expect(await waitForStackToSettle(cfn, Stacks![0]!.StackId!)).toBe('DELETE_COMPLETE');
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'stack-db' })).catch((error: Error) => error)) as Error).toMatchObject({ name: 'ResourceNotFoundException' });
    expect((await ssm.send(new GetParameterCommand({ Name: '/stack/endpoint' })).catch((error: Error) => error)) as Error).toMatchObject({ name: 'ParameterNotFound' });
  });
});
