import { describe, expect, it } from 'vitest';
import { relationalDatabaseCompiler, dbIdentifier } from '../../../../src/engine/compile/resources/relational-database.js';
import { sqsQueueCompiler } from '../../../../src/engine/compile/resources/sqs-queue.js';
import { compileWith, directive, errors } from './compile-data-fixture.js';

const secret = (ref: string) => directive('Secret', ref);

describe('relational-database', () => {
  it('compiles RDS postgres with a secret password as a dynamic reference, snapshot policies and log groups', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      mainDatabase: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserName: secret('db.user'), masterUserPassword: secret('db.password') },
          engine: { type: 'postgres', properties: { version: '16.4', primaryInstance: { instanceSize: 'db.t4g.micro' } } },
          accessibility: { accessibilityMode: 'vpc', whitelistedIps: ['203.0.113.7'] },
          logging: { retentionDays: 14 },
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const r = result.template.Resources;
    const db = r.MainDatabaseDbInstance;
    expect(db?.DeletionPolicy).toBe('Snapshot');
    expect(db?.UpdateReplacePolicy).toBe('Snapshot');
    expect(db?.DependsOn).toEqual(['MainDatabaseInstancePostgresqlLogGroup']);
    expect(db?.Properties).toMatchObject({
      DBInstanceIdentifier: 'shop-dev-maindatabase',
      Engine: 'postgres',
      EngineVersion: '16.4',
      DBInstanceClass: 'db.t4g.micro',
      AllocatedStorage: '20',
      MaxAllocatedStorage: 200,
      MasterUsername: '{{resolve:secretsmanager:db:SecretString:user}}',
      MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}',
      DBName: 'defdb',
      Port: '5432',
      DBSubnetGroupName: { Ref: 'MainDatabaseDbSubnetGroup' },
      VPCSecurityGroups: [{ 'Fn::GetAtt': ['MainDatabaseSecurityGroup', 'GroupId'] }],
      PubliclyAccessible: false,
      StorageEncrypted: true,
      BackupRetentionPeriod: 1,
      EnableCloudwatchLogsExports: ['postgresql'],
    });
    expect(r.MainDatabaseInstancePostgresqlLogGroup?.Properties).toMatchObject({
      LogGroupName: '/aws/rds/instance/shop-dev-maindatabase/postgresql',
      RetentionInDays: 14,
    });
    expect(r.MainDatabaseSecurityGroup?.Properties?.SecurityGroupIngress).toEqual([
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: { Ref: 'StpVpcCidr' }, Description: 'stack VPC' },
      { IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '203.0.113.7/32', Description: 'whitelisted 203.0.113.7/32' },
    ]);
    // Nothing in the template holds a secret value: only references.
    expect(JSON.stringify(result.template)).not.toMatch(/password"\s*:\s*"[^{]/i);
  });

  it('builds connection strings from the dynamic reference, and a $ResourceParam resolves to them', () => {
    const result = compileWith([relationalDatabaseCompiler, sqsQueueCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserPassword: secret('db.password') },
          engine: { type: 'mysql', properties: { version: '8.0', dbName: 'shop', primaryInstance: { instanceSize: 'db.t4g.micro' } } },
        },
      },
      q: {
        type: 'sqs-queue',
        properties: { policyStatements: [{ Effect: 'Allow', Principal: '*', Action: ['sqs:SendMessage'], Condition: { StringEquals: { 'aws:SourceArn': directive('ResourceParam', 'db', 'connectionString') } } }] },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    const condition = (result.template.Resources.QQueuePolicy?.Properties?.PolicyDocument as { Statement: { Condition: unknown }[] }).Statement[0]?.Condition;
    expect(condition).toEqual({
      StringEquals: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            [
              'mysql://',
              'db_master_user',
              ':',
              '{{resolve:secretsmanager:db:SecretString:password}}',
              '@',
              { 'Fn::GetAtt': ['DbDbInstance', 'Endpoint.Address'] },
              ':3306/shop',
            ],
          ],
        },
      },
    });
    const rds = result.template.Resources.DbDbInstance?.Properties;
    expect(rds).toMatchObject({
      Engine: 'mysql',
      Port: '3306',
      PubliclyAccessible: true,
      StorageType: 'gp3',
      StorageEncrypted: true,
      EnableCloudwatchLogsExports: ['error', 'slowquery'],
    });
  });

  it('compiles read replicas and exposes their hosts', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserPassword: secret('db.password') },
          engine: {
            type: 'postgres',
            properties: { version: '16.4', primaryInstance: { instanceSize: 'db.m7g.large', multiAz: true }, readReplicas: [{ instanceSize: 'db.m7g.large' }] },
          },
          logging: { disabled: true },
        },
      },
    });
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.DbReplica0DbInstance?.Properties).toMatchObject({
      SourceDBInstanceIdentifier: { Ref: 'DbDbInstance' },
      DBInstanceClass: 'db.m7g.large',
    });
    expect(result.template.Resources.DbDbInstance?.Properties?.MultiAZ).toBe(true);
    expect(result.template.Resources.DbDbInstance?.Properties?.EnableCloudwatchLogsExports).toBeUndefined();
    expect(result.template.Outputs?.DbReadReplicaHosts?.Value).toEqual({
      'Fn::Join': [',', [{ 'Fn::GetAtt': ['DbReplica0DbInstance', 'Endpoint.Address'] }]],
    });
  });

  it('compiles Aurora Serverless v2 with readers (the corpus test stack)', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserPassword: 'testPassword123' },
          engine: { type: 'aurora-postgresql-serverless-v2', properties: { version: '16.11', minCapacity: 0.5, maxCapacity: 2, serverlessReadersCount: 2 } },
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['STP_COMPILE_PLAINTEXT_SECRET', 'warning']]);
    const r = result.template.Resources;
    expect(r.DbDbCluster).toMatchObject({
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: {
        Engine: 'aurora-postgresql',
        EngineVersion: '16.11',
        ServerlessV2ScalingConfiguration: { MinCapacity: 0.5, MaxCapacity: 2 },
        Port: 5432,
        DatabaseName: 'defdb',
        EnableCloudwatchLogsExports: ['postgresql'],
      },
    });
    expect(['DbDbInstance0', 'DbDbInstance1', 'DbDbInstance2'].map((id) => r[id]?.Properties?.DBInstanceClass)).toEqual([
      'db.serverless',
      'db.serverless',
      'db.serverless',
    ]);
    expect(r.DbDbInstance0?.Properties?.DBClusterIdentifier).toEqual({ Ref: 'DbDbCluster' });
    expect(r.DbClusterPostgresqlLogGroup?.Properties?.LogGroupName).toBe('/aws/rds/cluster/shop-dev-db/postgresql');
    expect(result.template.Outputs?.DbReaderHost?.Value).toEqual({ 'Fn::GetAtt': ['DbDbCluster', 'ReadEndpoint.Address'] });
  });

  it('compiles provisioned Aurora MySQL instances', () => {
    const result = compileWith([relationalDatabaseCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserPassword: secret('db') },
          engine: { type: 'aurora-mysql', properties: { version: '8.0.mysql_aurora.3.05.2', instances: [{ instanceSize: 'db.r7g.large' }, { instanceSize: 'db.r7g.large' }] } },
          accessibility: { accessibilityMode: 'scoping-workloads-in-vpc' },
          automatedBackupRetentionDays: 7,
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.DbDbCluster?.Properties).toMatchObject({ Engine: 'aurora-mysql', Port: 3306, BackupRetentionPeriod: 7, MasterUserPassword: '{{resolve:secretsmanager:db}}' });
    expect(result.template.Resources.DbDbInstance1?.Properties).toMatchObject({ DBInstanceClass: 'db.r7g.large', PubliclyAccessible: false });
    expect(result.template.Resources.DbSecurityGroup?.Properties?.SecurityGroupIngress).toBeUndefined();
  });

  it('reports Aurora Serverless v1 as unsupported and inconsistent settings', () => {
    const v1 = compileWith([relationalDatabaseCompiler], {
      db: { type: 'relational-database', properties: { credentials: { masterUserPassword: secret('db') }, engine: { type: 'aurora-mysql-serverless', properties: {} } } },
    });
    expect(v1.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([['STP_COMPILE_UNSUPPORTED', 'resources.db.properties.engine.type']]);
    const bad = compileWith([relationalDatabaseCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserPassword: 'short' },
          engine: { type: 'postgres', properties: { version: '16', primaryInstance: { instanceSize: 'db.t4g.micro' }, storage: { initialSize: 100, maxSize: 50 } } },
        },
      },
    });
    expect(bad.diagnostics.map((d) => [d.code, d.severity, d.path?.slice(3).join('.')])).toEqual([
      ['STP_COMPILE_PLAINTEXT_SECRET', 'warning', 'credentials.masterUserPassword'],
      ['STP_COMPILE_INVALID_PROPERTY', 'error', 'credentials.masterUserPassword'],
      ['STP_COMPILE_INVALID_PROPERTY', 'error', 'engine.properties.storage.maxSize'],
    ]);
    const names = compileWith([relationalDatabaseCompiler], {
      db: {
        type: 'relational-database',
        properties: {
          credentials: { masterUserName: 'a-very-long-user-name', masterUserPassword: secret('db') },
          engine: { type: 'mysql', properties: { version: '8.0', dbName: '1shop', primaryInstance: { instanceSize: 'db.t4g.micro' }, storage: { initialSize: 100, maxSize: 110 } } },
        },
      },
    });
    expect(names.diagnostics.map((d) => d.path?.slice(3).join('.'))).toEqual(['engine.properties.dbName', 'credentials.masterUserName']);
  });

  it('writes connection strings in Stacktape\'s formats for every engine family', () => {
    const params = relationalDatabaseCompiler.referenceableParams ?? {};
    const text = (engine: Record<string, unknown>, param: string) => {
      const value = params[param]?.({ resourceName: 'db', stackName: 'app-dev', properties: { credentials: { masterUserName: 'u', masterUserPassword: 'p' }, engine } }) as
        | { 'Fn::Join': [string, unknown[]] }
        | undefined;
      return value?.['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '<host>')).join('');
    };
    const rds = (type: string) => ({ type, properties: { version: '1', primaryInstance: { instanceSize: 'db.m7g.large' } } });
    expect(text(rds('postgres'), 'connectionString')).toBe('postgresql://u:p@<host>:5432/defdb');
    expect(text(rds('mariadb'), 'connectionString')).toBe('mariadb://u:p@<host>:3306/defdb');
    expect(text(rds('sqlserver-se'), 'connectionString')).toBe('sqlserver://<host>:1433;user=u;password=p');
    expect(text(rds('oracle-ee'), 'jdbcConnectionString')).toBe('jdbc:oracle:thin:u/p@<host>:1521:defdb');
    expect(text(rds('mysql'), 'jdbcConnectionString')).toBe('jdbc:mysql://<host>:3306/defdb?user=u&password=p');
    expect(params.port?.({ resourceName: 'db', stackName: 'app-dev', properties: { credentials: { masterUserPassword: 'p' }, engine: rds('oracle-se2') } })).toBe('1521');
  });

  it('makes valid RDS identifiers', () => {
    expect(dbIdentifier('shop-dev', 'mainDatabase')).toBe('shop-dev-maindatabase');
    expect(dbIdentifier('1shop--x', 'db_')).toBe('db-1shop-x-db');
    // RDS's 63-character limit, exactly: cut, plus a hash of the full name.
    expect(dbIdentifier('a'.repeat(70), 'db')).toBe(`${'a'.repeat(54)}-b5e88dd6`);
    expect(dbIdentifier('a'.repeat(70), 'db')).toHaveLength(63);
  });
});
