import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import { assetKeyPlaceholder } from '../../../../src/engine/compile/compile-contract.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import { stackFixture } from '../stack-fixture.js';

const buildpack = (entry: string) => ({ type: 'stacktape-lambda-buildpack', properties: { entryfilePath: entry } });

describe('function compiler', () => {
  it('compiles a function with role, log group, env and an asset', () => {
    const result = compileStack(
      stackFixture({
        api: {
          type: 'function',
          properties: {
            packaging: buildpack('./src/api.ts'),
            memory: 512,
            timeout: 30,
            environment: [
              { name: 'MODE', value: 'prod' },
              { name: 'PORT', value: 3000 },
            ],
            logging: { retentionDays: 14 },
            iamRoleStatements: [{ Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'] }],
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    const r = result.template.Resources;
    expect(Object.keys(r)).toEqual(['ApiFunction', 'ApiLogGroup', 'ApiRole']);
    const fn = r.ApiFunction!.Properties!;
    expect(fn.FunctionName).toBe('app-dev-api');
    expect(fn.Runtime).toBe('nodejs22.x');
    expect(fn.Handler).toBe('index.handler');
    expect(fn.MemorySize).toBe(512);
    expect(fn.Timeout).toBe(30);
    expect(fn.Code).toEqual({ S3Bucket: { Ref: 'StpAssetsBucket' }, S3Key: assetKeyPlaceholder('api') });
    expect(fn.Environment).toEqual({ Variables: { MODE: 'prod', PORT: '3000' } });
    expect(fn.Tags).toEqual([
      { Key: 'stp:service', Value: 'app' },
      { Key: 'stp:stage', Value: 'dev' },
    ]);
    expect(r.ApiLogGroup!.Properties).toMatchObject({ LogGroupName: '/aws/lambda/app-dev-api', RetentionInDays: 14 });
    const policy = (r.ApiRole!.Properties!.Policies as { PolicyDocument: { Statement: { Action: string[] }[] } }[])[0]!;
    expect(policy.PolicyDocument.Statement.map((s) => s.Action)).toEqual([
      ['logs:CreateLogStream', 'logs:PutLogEvents'],
      ['s3:GetObject'],
    ]);
    expect(result.assets).toEqual([
      {
        kind: 'lambda-bundle',
        id: 'api',
        entryFile: '/project/src/api.ts',
        handlerExport: 'handler',
        runtime: 'nodejs22.x',
        logicalId: 'ApiFunction',
        configPath: ['resources', 'api', 'properties', 'packaging', 'properties', 'entryfilePath'],
      },
    ]);
    expect(result.template.Outputs?.ApiArn).toEqual({
      Value: { 'Fn::GetAtt': ['ApiFunction', 'Arn'] },
      Description: "$ResourceParam('api', 'arn')",
    });
    expect(result.template.Parameters).toHaveProperty('StpAssetsBucket');
    expect(result.template.Parameters).toHaveProperty('StpDeploymentId');
    expect(validateTemplate(result.template)).toEqual([]);
  });

  it('compiles schedule, event-bus (default bus), cloudwatch-log and cloudwatch-alarm events', () => {
    const result = compileStack(
      stackFixture({
        cron: {
          type: 'function',
          properties: {
            packaging: buildpack('cron.js'),
            events: [
              { type: 'schedule', properties: { scheduleRate: 'rate(5 minutes)', input: { a: 1 } } },
              { type: 'event-bus', properties: { useDefaultBus: true, eventPattern: { source: ['aws.s3'] } } },
              {
                type: 'cloudwatch-log',
                properties: { logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/x/y' },
              },
              { type: 'cloudwatch-alarm', properties: { alarmName: 'high-errors', onlyOnStates: ['ALARM'] } },
            ],
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    const r = result.template.Resources;
    expect(r.CronEvent0Rule!.Properties).toMatchObject({
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [{ Arn: { 'Fn::GetAtt': ['CronFunction', 'Arn'] }, Id: 'Function', Input: '{"a":1}' }],
    });
    expect(r.CronEvent0Permission!.Properties).toMatchObject({
      Principal: 'events.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['CronEvent0Rule', 'Arn'] },
    });
    expect(r.CronEvent1Rule!.Properties).toMatchObject({ EventPattern: { source: ['aws.s3'] } });
    expect(r.CronEvent1Rule!.Properties).not.toHaveProperty('EventBusName');
    expect(r.CronEvent2SubscriptionFilter!.Properties).toMatchObject({ LogGroupName: '/x/y' });
    expect(r.CronEvent3Rule!.Properties).toMatchObject({
      EventPattern: { source: ['aws.cloudwatch'], 'detail-type': ['CloudWatch Alarm State Change'], detail: { alarmName: ['high-errors'], state: { value: ['ALARM'] } } },
    });
    expect(validateTemplate(result.template)).toEqual([]);
  });

  it('reports s3 events and unknown gateways at the config position', () => {
    const result = compileStack(
      stackFixture({
        fn: {
          type: 'function',
          properties: {
            packaging: buildpack('a.ts'),
            events: [
              { type: 's3', properties: { bucketArn: 'my-bucket', s3EventType: 's3:ObjectCreated:*' } },
              { type: 'http-api-gateway', properties: { httpApiGatewayName: 'nope', method: 'GET', path: '/' } },
            ],
          },
        },
      }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['STP_COMPILE_UNSUPPORTED', ['resources', 'fn', 'properties', 'events', 0, 'properties', 'bucketArn']],
      ['STP_COMPILE_UNKNOWN_RESOURCE', ['resources', 'fn', 'properties', 'events', 1, 'properties', 'httpApiGatewayName']],
    ]);
  });

  it('compiles s3 events through the notifications custom resource, and destinations', () => {
    const arnOf = (name: string, param: string) => ({
      kind: 'directive' as const,
      name: 'ResourceParam' as const,
      args: [name, param],
      path: [],
      source: `$ResourceParam('${name}', '${param}')`,
    });
    const result = compileStack(
      stackFixture({
        files: { type: 'bucket', properties: {} },
        dlq: { type: 'sqs-queue', properties: {} },
        fn: {
          type: 'function',
          properties: {
            packaging: buildpack('a.ts'),
            destinations: { onFailure: arnOf('dlq', 'arn') },
            events: [{ type: 's3', properties: { bucketArn: arnOf('files', 'arn'), s3EventType: 's3:ObjectCreated:*', filterRule: { prefix: 'in/' } } }],
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    // Put by a custom resource: the bucket itself does not depend on the function (no cycle with connectTo).
    expect(r.FilesBucket!.Properties).not.toHaveProperty('NotificationConfiguration');
    expect(r.FnFilesS3NotificationsCustomResource).toEqual({
      Type: 'Custom::StpS3Notifications',
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['StpS3NotificationsFunction', 'Arn'] },
        BucketName: { Ref: 'FilesBucket' },
        Notifications: [
          {
            Id: 'FnFilesS3NotificationsCustomResource-0',
            Events: ['s3:ObjectCreated:*'],
            LambdaFunctionArn: { 'Fn::GetAtt': ['FnFunction', 'Arn'] },
            Prefix: 'in/',
          },
        ],
      },
      DependsOn: ['FnEvent0Permission'],
    });
    expect(r.FnEvent0Permission!.Properties).toMatchObject({ Principal: 's3.amazonaws.com', SourceArn: { 'Fn::GetAtt': ['FilesBucket', 'Arn'] } });
    expect(result.assets.map((a) => a.id)).toContain('stp:s3-notifications');
    expect(r.FnEventInvokeConfig!.Properties).toMatchObject({
      Qualifier: '$LATEST',
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['DlqQueue', 'Arn'] } } },
    });
    expect(JSON.stringify(r.FnRole!.Properties!.Policies)).toContain('sqs:SendMessage');
  });

  it('puts a cognito JWT authorizer on an http-api-gateway route', () => {
    const result = compileStack(
      stackFixture({
        api: { type: 'http-api-gateway', properties: {} },
        pool: { type: 'user-auth-pool', properties: {} },
        me: {
          type: 'function',
          properties: {
            packaging: buildpack('me.ts'),
            events: [
              {
                type: 'http-api-gateway',
                properties: { httpApiGatewayName: 'api', method: 'GET', path: '/me', authorizer: { type: 'cognito', properties: { userPoolName: 'pool' } } },
              },
            ],
          },
        },
      }),
    );
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    expect(r.StpMeGetMeRoute!.Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: 'StpMeGetMeAuthorizer' } });
    expect(r.StpMeGetMeAuthorizer!.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: 'PoolUserPoolClient' }] },
    });
  });

  it('refuses a Python entry file for the Node.js bundler with a clear diagnostic', () => {
    const result = compileStack(
      stackFixture({ py: { type: 'function', properties: { packaging: buildpack('main.py'), runtime: 'python3.12' } } }),
    );
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: 'STP_COMPILE_UNSUPPORTED',
      path: ['resources', 'py', 'properties', 'packaging', 'properties', 'entryfilePath'],
    });
    expect(result.template.Resources).toEqual({});
  });

  it('cuts long physical names deterministically with a hash', () => {
    const name = 'x'.repeat(70);
    const result = compileStack(stackFixture({ [name]: { type: 'function', properties: { packaging: buildpack('a.ts') } } }));
    const fnName = Object.values(result.template.Resources).find((r) => r.Type === 'AWS::Lambda::Function')!.Properties!
      .FunctionName as string;
    // Lambda's 64-character limit, exactly: the name is cut and a hash of the full name keeps it unique.
    expect(fnName).toBe(`app-dev-${'x'.repeat(47)}-2acf6212`);
    expect(fnName).toHaveLength(64);
  });

  it('is deterministic', () => {
    const stack = stackFixture({
      b: { type: 'function', properties: { packaging: buildpack('b.ts') } },
      a: { type: 'function', properties: { packaging: buildpack('a.ts'), events: [{ type: 'schedule', properties: { scheduleRate: 'rate(1 hour)' } }] } },
    });
    expect(JSON.stringify(compileStack(stack))).toBe(JSON.stringify(compileStack(stack)));
  });
});
