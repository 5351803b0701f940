import { describe, expect, it } from 'vitest';
import type { StackConfig } from '../../../../src/engine/config/schema/index.js';
import { resolveConnections, resolveScriptConnections } from '../../../../src/engine/config/connect-to/resolve-connections.js';

const targets: Record<string, { type: string; properties: Record<string, unknown> }> = {
  files: { type: 'bucket', properties: {} },
  table: { type: 'dynamo-db-table', properties: { primaryKey: {} } },
  streamed: { type: 'dynamo-db-table', properties: { streamType: 'NEW_IMAGE' } },
  myDatabase: { type: 'relational-database', properties: { engine: { type: 'postgres', properties: {} } } },
  aurora: { type: 'relational-database', properties: { engine: { type: 'aurora-mysql', properties: { port: 3307 } } } },
  cache: { type: 'redis-cluster', properties: {} },
  shardedCache: { type: 'redis-cluster', properties: { enableSharding: true, port: 6380 } },
  worker: { type: 'function', properties: {} },
  jobs: { type: 'batch-job', properties: {} },
  bus: { type: 'event-bus', properties: {} },
  users: { type: 'user-auth-pool', properties: {} },
  jobQueue: { type: 'sqs-queue', properties: {} },
  topic: { type: 'sns-topic', properties: {} },
  internal: { type: 'private-service', properties: { port: 8080 } },
  web: { type: 'web-service', properties: {} },
  mcw: {
    type: 'multi-container-workload',
    properties: { containers: [{ events: [{ type: 'workload-internal', properties: { containerPort: 9000 } }] }] },
  },
  gateway: { type: 'http-api-gateway', properties: {} },
};

function connect(connectTo: string[], sourceType = 'function') {
  const config = { resources: { ...targets, src: { type: sourceType, properties: { connectTo } } } } as unknown as StackConfig;
  const result = resolveConnections(config).src;
  expect(result).toBeDefined();
  return result!;
}

const names = (connectTo: string[], sourceType?: string) => connect(connectTo, sourceType).variables.map((v) => v.name);

describe('injected variables per target type (workloads)', () => {
  it.each([
    ['files', ['STP_FILES_NAME', 'STP_FILES_ARN']],
    ['table', ['STP_TABLE_NAME', 'STP_TABLE_ARN']],
    ['streamed', ['STP_STREAMED_NAME', 'STP_STREAMED_ARN', 'STP_STREAMED_STREAM_ARN']],
    ['myDatabase', ['STP_MY_DATABASE_CONNECTION_STRING', 'STP_MY_DATABASE_HOST', 'STP_MY_DATABASE_PORT']],
    [
      'aurora',
      ['STP_AURORA_CONNECTION_STRING', 'STP_AURORA_HOST', 'STP_AURORA_PORT', 'STP_AURORA_READER_CONNECTION_STRING', 'STP_AURORA_READER_HOST'],
    ],
    ['cache', ['STP_CACHE_HOST', 'STP_CACHE_READER_HOST', 'STP_CACHE_PORT']],
    ['shardedCache', ['STP_SHARDED_CACHE_HOST', 'STP_SHARDED_CACHE_PORT']],
    ['worker', ['STP_WORKER_ARN']],
    ['jobs', ['STP_JOBS_JOB_DEFINITION_ARN', 'STP_JOBS_STATE_MACHINE_ARN']],
    ['bus', ['STP_BUS_ARN']],
    ['users', ['STP_USERS_ID', 'STP_USERS_CLIENT_ID', 'STP_USERS_ARN']],
    ['jobQueue', ['STP_JOB_QUEUE_ARN', 'STP_JOB_QUEUE_NAME', 'STP_JOB_QUEUE_URL']],
    ['topic', ['STP_TOPIC_ARN', 'STP_TOPIC_NAME']],
    ['internal', ['STP_INTERNAL_ADDRESS']],
    ['web', []],
    ['mcw', []],
    ['aws:ses', []],
  ])('%s', (target, expected) => {
    expect(names([target])).toEqual(expected);
  });

  it('makes each variable a $ResourceParam directive', () => {
    expect(connect(['myDatabase']).variables[0]).toEqual({
      name: 'STP_MY_DATABASE_CONNECTION_STRING',
      target: 'myDatabase',
      value: {
        kind: 'directive',
        name: 'ResourceParam',
        args: ['myDatabase', 'connectionString'],
        path: [],
        source: "$ResourceParam('myDatabase', 'connectionString')",
      },
    });
  });
});

describe('deployment scripts', () => {
  it('also get JDBC connection strings and web-service URLs', () => {
    expect(names(['myDatabase', 'aurora', 'web'], 'deployment-script')).toEqual([
      'STP_MY_DATABASE_CONNECTION_STRING',
      'STP_MY_DATABASE_HOST',
      'STP_MY_DATABASE_PORT',
      'STP_MY_DATABASE_JDBC_CONNECTION_STRING',
      'STP_AURORA_CONNECTION_STRING',
      'STP_AURORA_HOST',
      'STP_AURORA_PORT',
      'STP_AURORA_READER_CONNECTION_STRING',
      'STP_AURORA_READER_HOST',
      'STP_AURORA_JDBC_CONNECTION_STRING',
      'STP_AURORA_READER_JDBC_CONNECTION_STRING',
      'STP_WEB_URL',
    ]);
  });

  it('top-level scripts get the script variables too', () => {
    const config = {
      resources: targets,
      scripts: { migrate: { type: 'local-script', properties: { executeCommand: 'x', connectTo: ['myDatabase'] } } },
    } as unknown as StackConfig;
    expect(resolveScriptConnections(config).migrate!.variables.map((v) => v.name)).toContain('STP_MY_DATABASE_JDBC_CONNECTION_STRING');
  });
});

describe('grants', () => {
  it('bucket: bucket-level and object-level statements', () => {
    expect(connect(['files']).grants).toEqual([
      { kind: 'iam', target: 'files', actions: ['s3:ListBucket', 's3:GetBucketLocation'], resources: [{ target: 'files', param: 'arn' }] },
      {
        kind: 'iam',
        target: 'files',
        actions: expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']),
        resources: [{ target: 'files', param: 'arn', suffix: '/*' }],
      },
    ]);
  });

  it('dynamo: item, query and scan actions on the table and its indexes; stream reads when streamed', () => {
    const [items, stream] = connect(['streamed']).grants;
    expect(items).toMatchObject({
      kind: 'iam',
      actions: expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan']),
      resources: [
        { target: 'streamed', param: 'arn' },
        { target: 'streamed', param: 'arn', suffix: '/index/*' },
      ],
    });
    expect(stream).toMatchObject({ actions: expect.arrayContaining(['dynamodb:GetRecords']), resources: [{ param: 'streamArn' }] });
    expect(connect(['table']).grants).toHaveLength(1);
  });

  it.each([
    ['jobQueue', ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], 'arn'],
    ['topic', ['sns:Publish'], 'arn'],
    ['bus', ['events:PutEvents'], 'arn'],
    ['worker', ['lambda:InvokeFunction'], 'arn'],
    ['jobs', ['states:StartExecution'], 'stateMachineArn'],
    ['users', ['cognito-idp:AdminCreateUser', 'cognito-idp:AdminGetUser'], 'arn'],
  ])('%s: IAM actions on its %s', (target, actions, param) => {
    const [grant] = connect([target]).grants;
    expect(grant).toMatchObject({ kind: 'iam', target, actions: expect.arrayContaining(actions) });
    expect(grant!.kind === 'iam' && grant!.resources[0]).toEqual({ target, param });
  });

  it.each([
    ['myDatabase', 5432],
    ['aurora', 3307],
    ['cache', 6379],
    ['shardedCache', 6380],
    ['internal', 8080],
    ['mcw', 9000],
  ])('%s: security-group ingress on port %i, no IAM', (target, port) => {
    expect(connect([target]).grants).toEqual([{ kind: 'security-group', target, port }]);
  });

  it('aws:ses: SES sending on any identity, no variables', () => {
    expect(connect(['aws:ses'])).toEqual({
      variables: [],
      grants: [{ kind: 'iam', target: 'aws:ses', actions: expect.arrayContaining(['ses:SendEmail', 'ses:SendRawEmail']), resources: [{ any: true }] }],
    });
  });

  it('skips what semantics already reported, and duplicates', () => {
    expect(connect(['nope', 'gateway', 'aws:sqs', 'files', 'files']).variables.map((v) => v.name)).toEqual(['STP_FILES_NAME', 'STP_FILES_ARN']);
  });

  it('only resources with connectTo appear', () => {
    const config = { resources: { a: { type: 'function', properties: {} } } } as unknown as StackConfig;
    expect(resolveConnections(config)).toEqual({});
  });
});

describe('consistency with $ResourceParam', () => {
  it('every injected param is one $ResourceParam accepts for that type', async () => {
    const { REFERENCEABLE_PARAMS } = await import('../../../../src/engine/config/semantics/referenceable-params.js');
    for (const [name, target] of Object.entries(targets)) {
      for (const sourceType of ['function', 'deployment-script']) {
        for (const v of connect([name], sourceType).variables) {
          expect(REFERENCEABLE_PARAMS[target.type], `${name}.${v.value.args[1]}`).toContain(v.value.args[1]);
        }
      }
    }
  });
});
