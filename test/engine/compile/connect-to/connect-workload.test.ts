import { describe, expect, it } from 'vitest';
import type { ResourceCompiler } from '../../../../src/engine/compile/resource-compiler.js';
import { connectWorkload } from '../../../../src/engine/compile/connect-to/connect-workload.js';
import { bucketCompiler } from '../../../../src/engine/compile/resources/bucket.js';
import { dynamoDbTableCompiler } from '../../../../src/engine/compile/resources/dynamo-db-table.js';
import { relationalDatabaseCompiler } from '../../../../src/engine/compile/resources/relational-database.js';
import { redisClusterCompiler } from '../../../../src/engine/compile/resources/redis-cluster.js';
import { workloadSecurityGroup } from '../../../../src/engine/compile/workload/security-group.js';
import { compileWith, directive, errors } from '../resources/compile-data-fixture.js';

/** A minimal workload: a role with connectTo's statements and a function with its variables. */
const workloadCompiler: ResourceCompiler = {
  type: 'function',
  compile(resource, ctx) {
    const access = connectWorkload(ctx, resource);
    if (resource.properties.joinDefaultVpc === true) workloadSecurityGroup(ctx, resource, []);
    const role = ctx.names.lambdaRole(resource.name);
    ctx.addResource(role, {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
        ...(access.statements.length > 0 ? { Policies: [{ PolicyName: 'connect', PolicyDocument: { Version: '2012-10-17', Statement: access.statements } }] } : {}),
      },
    });
    ctx.addResource(ctx.names.lambda(resource.name), {
      Type: 'AWS::Lambda::Function',
      Properties: {
        Role: { 'Fn::GetAtt': [role, 'Arn'] },
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'exports.handler = async () => 1;' },
        Environment: { Variables: access.environment },
      },
    });
  },
};

const db = {
  type: 'relational-database',
  properties: {
    credentials: { masterUserPassword: directive('Secret', 'db.password') },
    engine: { type: 'postgres', properties: { version: '16.4', primaryInstance: { instanceSize: 'db.t4g.micro' } } },
    accessibility: { accessibilityMode: 'scoping-workloads-in-vpc' },
  },
};

describe('connectWorkload', () => {
  it('gives IAM statements and STP_ variables for buckets, tables and SES', () => {
    const result = compileWith([workloadCompiler, bucketCompiler, dynamoDbTableCompiler], {
      api: { type: 'function', properties: { connectTo: ['uploads', 'orders', 'aws:ses'] } },
      uploads: { type: 'bucket', properties: {} },
      orders: { type: 'dynamo-db-table', properties: { primaryKey: { partitionKey: { name: 'id', type: 'string' } }, streamType: 'NEW_IMAGE' } },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const vars = result.template.Resources.ApiFunction?.Properties?.Environment as { Variables: Record<string, unknown> };
    expect(vars.Variables).toEqual({
      STP_UPLOADS_NAME: { Ref: 'UploadsBucket' },
      STP_UPLOADS_ARN: { 'Fn::GetAtt': ['UploadsBucket', 'Arn'] },
      STP_ORDERS_NAME: { Ref: 'OrdersTable' },
      STP_ORDERS_ARN: { 'Fn::GetAtt': ['OrdersTable', 'Arn'] },
      STP_ORDERS_STREAM_ARN: { 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] },
    });
    const policy = (result.template.Resources.ApiRole?.Properties?.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown[] }[] } }[])[0]!;
    const statements = policy.PolicyDocument.Statement;
    expect(statements.map((s) => s.Resource)).toEqual([
      [{ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }],
      [{ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['UploadsBucket', 'Arn'] }, '/*']] }],
      [{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, '/index/*']] }],
      [{ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] }],
      ['*'],
    ]);
    expect(statements[4]?.Action).toContain('ses:SendEmail');
    expect(statements[1]?.Action).toContain('s3:PutObject');
  });

  it('injects the database connection string as a dynamic reference and opens the port from the workload', () => {
    const result = compileWith([workloadCompiler, relationalDatabaseCompiler], {
      api: { type: 'function', properties: { joinDefaultVpc: true, connectTo: ['mainDb'] } },
      mainDb: db,
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const vars = (result.template.Resources.ApiFunction?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars)).toEqual(['STP_MAIN_DB_CONNECTION_STRING', 'STP_MAIN_DB_HOST', 'STP_MAIN_DB_PORT']);
    expect(JSON.stringify(vars.STP_MAIN_DB_CONNECTION_STRING)).toContain('{{resolve:secretsmanager:db:SecretString:password}}');
    expect(result.template.Resources.MainDbApiPort5432SecurityGroupIngress?.Properties).toEqual({
      GroupId: { 'Fn::GetAtt': ['MainDbSecurityGroup', 'GroupId'] },
      IpProtocol: 'tcp',
      FromPort: 5432,
      ToPort: 5432,
      SourceSecurityGroupId: { 'Fn::GetAtt': ['ApiSecurityGroup', 'GroupId'] },
      Description: 'connectTo from api',
    });
  });

  it('drops the rule and warns when the workload is not in the VPC but the data store is VPC-only', () => {
    const result = compileWith([workloadCompiler, relationalDatabaseCompiler, redisClusterCompiler], {
      api: { type: 'function', properties: { connectTo: ['mainDb', 'cache'] } },
      mainDb: db,
      cache: { type: 'redis-cluster', properties: { defaultUserPassword: directive('Secret', 'redis.password'), instanceSize: 'cache.t3.micro' } },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.MainDbApiPort5432SecurityGroupIngress).toBeUndefined();
    expect(result.template.Resources.CacheApiPort6379SecurityGroupIngress).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path?.join('.'), d.hint])).toEqual([
      ['STP_COMPILE_CONNECT_OUTSIDE_VPC', 'warning', 'resources.api.properties.connectTo.0', 'set joinDefaultVpc: true'],
      ['STP_COMPILE_CONNECT_OUTSIDE_VPC', 'warning', 'resources.api.properties.connectTo.1', 'set joinDefaultVpc: true'],
    ]);
    const vars = (result.template.Resources.ApiFunction?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(Object.keys(vars)).toEqual([
      'STP_MAIN_DB_CONNECTION_STRING',
      'STP_MAIN_DB_HOST',
      'STP_MAIN_DB_PORT',
      'STP_CACHE_HOST',
      'STP_CACHE_READER_HOST',
      'STP_CACHE_PORT',
    ]);
  });

  it('returns nothing for a workload without connectTo', () => {
    const result = compileWith([workloadCompiler], { api: { type: 'function', properties: {} } });
    expect(result.template.Resources.ApiRole?.Properties?.Policies).toBeUndefined();
  });
});
