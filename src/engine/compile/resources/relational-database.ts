import type { RelationalDatabaseProperties } from '../../config/schema/resources/relational-database.js';
import { isRuntimeDirective } from '../../config/directives/directive.js';
import type { CfnResource, CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { dataStoreSecurityGroup, type DataStoreAccessibility } from '../connect-to/data-security-group.js';
import { buildLogicalName } from '../logical-names.js';
import { physicalName } from '../physical-names.js';
import type { ParamRef, ResourceCompiler, ResourceView } from '../resource-compiler.js';
import { defaultVpc } from '../workload/default-vpc.js';

/**
 * `relational-database` → a DB subnet group and security group in the stack's VPC, then either an
 * RDS `AWS::RDS::DBInstance` (+ read replicas) or an Aurora `AWS::RDS::DBCluster` with its
 * instances (provisioned, or `db.serverless` for Serverless v2). The instance or cluster keeps a
 * snapshot when deleted or replaced. The master password is expected as `$Secret(...)`, which
 * compiles to a dynamic reference; a literal password works but is reported, since it then sits
 * in the template and in the connection strings other resources receive.
 */
type Family = 'postgres' | 'mysql' | 'mariadb' | 'oracle' | 'sqlserver';
type Kind = 'rds' | 'aurora' | 'aurora-serverless-v1' | 'aurora-serverless-v2';

interface EngineInfo {
  family: Family;
  kind: Kind;
  /** The `Engine` value CloudFormation expects. */
  cfnEngine: string;
}

const ENGINES: Record<string, EngineInfo> = {
  postgres: { family: 'postgres', kind: 'rds', cfnEngine: 'postgres' },
  mysql: { family: 'mysql', kind: 'rds', cfnEngine: 'mysql' },
  mariadb: { family: 'mariadb', kind: 'rds', cfnEngine: 'mariadb' },
  'oracle-ee': { family: 'oracle', kind: 'rds', cfnEngine: 'oracle-ee' },
  'oracle-se2': { family: 'oracle', kind: 'rds', cfnEngine: 'oracle-se2' },
  'sqlserver-ee': { family: 'sqlserver', kind: 'rds', cfnEngine: 'sqlserver-ee' },
  'sqlserver-ex': { family: 'sqlserver', kind: 'rds', cfnEngine: 'sqlserver-ex' },
  'sqlserver-se': { family: 'sqlserver', kind: 'rds', cfnEngine: 'sqlserver-se' },
  'sqlserver-web': { family: 'sqlserver', kind: 'rds', cfnEngine: 'sqlserver-web' },
  'aurora-postgresql': { family: 'postgres', kind: 'aurora', cfnEngine: 'aurora-postgresql' },
  'aurora-mysql': { family: 'mysql', kind: 'aurora', cfnEngine: 'aurora-mysql' },
  'aurora-postgresql-serverless': { family: 'postgres', kind: 'aurora-serverless-v1', cfnEngine: 'aurora-postgresql' },
  'aurora-mysql-serverless': { family: 'mysql', kind: 'aurora-serverless-v1', cfnEngine: 'aurora-mysql' },
  'aurora-postgresql-serverless-v2': { family: 'postgres', kind: 'aurora-serverless-v2', cfnEngine: 'aurora-postgresql' },
  'aurora-mysql-serverless-v2': { family: 'mysql', kind: 'aurora-serverless-v2', cfnEngine: 'aurora-mysql' },
};

const DEFAULT_PORTS: Record<Family, number> = { postgres: 5432, mysql: 3306, mariadb: 3306, oracle: 1521, sqlserver: 1433 };
/** Log types exported to CloudWatch unless `logging.disabled` (Stacktape turns logging on by default). */
const DEFAULT_LOG_TYPES: Record<Family, string[]> = {
  postgres: ['postgresql'],
  mysql: ['error', 'slowquery'],
  mariadb: ['error', 'slowquery'],
  oracle: ['alert', 'listener'],
  sqlserver: ['agent', 'error'],
};
const DEFAULT_LOG_RETENTION_DAYS = 90;
const DEFAULT_MASTER_USER = 'db_master_user';
/** Stacktape's default initial database name. */
const DEFAULT_DB_NAME = 'defdb';
/** Stacktape's connection-string schemes (apps parse these, so they match Stacktape's exactly). */
const CONNECTION_SCHEMES: Record<Family, string> = {
  postgres: 'postgresql://',
  mysql: 'mysql://',
  mariadb: 'mariadb://',
  oracle: '',
  sqlserver: 'sqlserver://',
};
const JDBC_SCHEMES: Record<Family, string> = {
  postgres: 'jdbc:postgresql://',
  mysql: 'jdbc:mysql://',
  mariadb: 'jdbc:mariadb://',
  oracle: 'jdbc:oracle:thin:',
  sqlserver: 'jdbc:sqlserver://',
};
/** Instance classes RDS cannot encrypt storage on. */
const ENCRYPTION_UNSUPPORTED_CLASSES = [
  'db.m1.small',
  'db.m1.medium',
  'db.m1.large',
  'db.m1.xlarge',
  'db.m2.xlarge',
  'db.m2.2xlarge',
  'db.m2.4xlarge',
  'db.t2.micro',
];

export const dbInstanceLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::RDS::DBInstance' });
export const dbClusterLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::RDS::DBCluster' });
export const auroraInstanceLogicalId = (name: string, index: number): string =>
  buildLogicalName({ resourceName: name, cfnType: 'AWS::RDS::DBInstance', index });
export const dbReplicaLogicalId = (name: string, index: number): string =>
  buildLogicalName({ resourceName: name, specifier: { type: 'Replica', typeIndex: index }, cfnType: 'AWS::RDS::DBInstance' });
const dbSubnetGroupLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::RDS::DBSubnetGroup' });
const logGroupLogicalId = (name: string, scope: 'Instance' | 'Cluster', logType: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: scope, subtype: logType }, cfnType: 'AWS::Logs::LogGroup' });

type Props = RelationalDatabaseProperties;
type Logging = NonNullable<Props['logging']> & { logTypes?: string[] };

function engineInfo(props: Props): EngineInfo | undefined {
  return ENGINES[props.engine?.type];
}

function port(props: Props, info: EngineInfo): number {
  const p = props.engine.properties as { port?: number };
  return p.port ?? DEFAULT_PORTS[info.family];
}

/** The initial database's name (Oracle: its SID); SQL Server creates none. */
function dbName(props: Props, info: EngineInfo): string | undefined {
  const p = props.engine.properties as { dbName?: string };
  if (info.family === 'sqlserver') return undefined;
  return p.dbName ?? DEFAULT_DB_NAME;
}

/** RDS identifiers: lower-case letters, digits and single hyphens, starting with a letter, ≤ 63. */
export function dbIdentifier(stackName: string, resourceName: string): string {
  const raw = physicalName([stackName, resourceName], 63)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-+$/, '');
  return /^[a-z]/.test(raw) ? raw : `db-${raw}`.slice(0, 63).replace(/-+$/, '');
}

function userName(props: Props): CfnValue {
  return props.credentials.masterUserName ?? DEFAULT_MASTER_USER;
}

/** The writer (or, for Aurora, reader) endpoint's host name. */
function endpointHost(name: string, info: EngineInfo, reader = false): CfnValue {
  if (info.kind === 'rds') return { 'Fn::GetAtt': [dbInstanceLogicalId(name), 'Endpoint.Address'] };
  return { 'Fn::GetAtt': [dbClusterLogicalId(name), `${reader ? 'ReadEndpoint' : 'Endpoint'}.Address`] };
}

function connectionString(props: Props, info: EngineInfo, host: CfnValue): CfnValue {
  const user = userName(props);
  const password = props.credentials.masterUserPassword;
  const portText = String(port(props, info));
  const parts =
    info.family === 'sqlserver'
      ? [CONNECTION_SCHEMES.sqlserver, host, `:${portText};user=`, user, ';password=', password]
      : [CONNECTION_SCHEMES[info.family], user, ':', password, '@', host, `:${portText}/${dbName(props, info) ?? ''}`];
  return { 'Fn::Join': ['', parts] };
}

function jdbcConnectionString(props: Props, info: EngineInfo, host: CfnValue): CfnValue {
  const user = userName(props);
  const password = props.credentials.masterUserPassword;
  const portText = String(port(props, info));
  const scheme = JDBC_SCHEMES[info.family];
  const parts =
    info.family === 'sqlserver'
      ? [scheme, host, `:${portText};user=`, user, ';password=', password]
      : info.family === 'oracle'
        ? [scheme, user, '/', password, '@', host, `:${portText}:${dbName(props, info) ?? ''}`]
        : [scheme, host, `:${portText}/${dbName(props, info) ?? ''}?user=`, user, '&password=', password];
  return { 'Fn::Join': ['', parts] };
}

function readReplicaCount(props: Props, info: EngineInfo): number {
  return info.kind === 'rds' ? ((props.engine.properties as { readReplicas?: unknown[] }).readReplicas?.length ?? 0) : 0;
}

/** Aurora clusters have a reader endpoint; a plain RDS instance has replicas at most. */
function hasReader(info: EngineInfo): boolean {
  return info.kind === 'aurora' || info.kind === 'aurora-serverless-v2';
}

function logSettings(ctx: CompileContext, resource: ResourceView, props: Props, info: EngineInfo, identifier: string, at: ConfigPath) {
  const logging = props.logging as Logging | undefined;
  if (logging?.disabled) return { exports: [] as string[], logGroupIds: [] as string[] };
  // SQL Server Express has no agent log.
  const defaults = props.engine.type === 'sqlserver-ex' ? ['error'] : DEFAULT_LOG_TYPES[info.family];
  const types = logging?.logTypes ?? defaults;
  const scope = info.kind === 'rds' ? 'Instance' : 'Cluster';
  const logGroupIds = types.map((type) => {
    const id = logGroupLogicalId(resource.name, scope, type);
    // RDS writes to this exact group; creating it first lets stp set its retention.
    ctx.addResource(
      id,
      {
        Type: 'AWS::Logs::LogGroup',
        Properties: {
          LogGroupName: `/aws/rds/${scope.toLowerCase()}/${identifier}/${type}`,
          RetentionInDays: logging?.retentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
        },
      },
      [...at, 'logging'],
    );
    return id;
  });
  return { exports: types, logGroupIds };
}

function checkPassword(ctx: CompileContext, props: Props, at: ConfigPath): void {
  const password: unknown = props.credentials.masterUserPassword;
  if (isRuntimeDirective(password)) return;
  if (typeof password === 'string') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_PLAINTEXT_SECRET',
      severity: 'warning',
      message: 'The master password is written in the config, so it ends up in the CloudFormation template and in connection strings.',
      path: [...at, 'credentials', 'masterUserPassword'],
      hint: "store it as a secret and write $Secret('<secret-name>') or $Secret('<secret-name>.<key>')",
    });
    if (/[/"@\s]/.test(password) || password.length < 8) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'RDS master passwords need at least 8 printable characters other than "/", \'"\', "@" and spaces.',
        path: [...at, 'credentials', 'masterUserPassword'],
      });
    }
  }
}

/** RDS naming rules for the initial database and the master user (literal values only). */
function checkNames(ctx: CompileContext, props: Props, info: EngineInfo, at: ConfigPath): void {
  const explicitDbName = (props.engine.properties as { dbName?: unknown }).dbName;
  if (typeof explicitDbName === 'string') {
    const rule =
      info.family === 'oracle'
        ? { pattern: /^[A-Za-z][A-Za-z0-9]{0,7}$/, expected: 'a letter, then up to 7 letters or digits (an Oracle SID)' }
        : info.family === 'sqlserver'
          ? undefined
          : { pattern: /^[A-Za-z][A-Za-z0-9_]{0,62}$/, expected: 'a letter, then up to 62 letters, digits or underscores' };
    if (!rule) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        severity: 'warning',
        message: 'SQL Server creates no initial database; dbName is ignored.',
        path: [...at, 'engine', 'properties', 'dbName'],
      });
    } else if (!rule.pattern.test(explicitDbName)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${explicitDbName}" cannot name the initial database.`,
        path: [...at, 'engine', 'properties', 'dbName'],
        expected: rule.expected,
      });
    }
  }
  const user = props.credentials.masterUserName;
  if (typeof user === 'string') {
    const max = info.family === 'mysql' || info.family === 'mariadb' ? 16 : info.family === 'sqlserver' ? 128 : 63;
    if (!new RegExp(`^[A-Za-z][A-Za-z0-9_]{0,${max - 1}}$`).test(user)) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `"${user}" cannot be the master user name of a ${info.family} database.`,
        path: [...at, 'credentials', 'masterUserName'],
        expected: `a letter, then up to ${max - 1} letters, digits or underscores`,
      });
    }
  }
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as Props;
  const at = [...resource.path, 'properties'];
  const info = engineInfo(props);
  if (!info) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `"${String(props.engine?.type)}" is not a database engine.`,
      path: [...at, 'engine', 'type'],
      expected: `one of: ${Object.keys(ENGINES).join(', ')}`,
    });
    return;
  }
  if (info.kind === 'aurora-serverless-v1') return; // retired by AWS: reported by capabilities/
  checkPassword(ctx, props, at);
  checkNames(ctx, props, info, at);

  const mode: DataStoreAccessibility = props.accessibility?.accessibilityMode ?? 'internet';
  const publiclyAccessible = (mode === 'internet' || mode === 'whitelisted-ips-only') && !props.accessibility?.forceDisablePublicIp;
  const dbPort = port(props, info);
  const vpc = defaultVpc(ctx);
  const securityGroupId = dataStoreSecurityGroup(ctx, resource, {
    port: dbPort,
    mode,
    whitelistedIps: props.accessibility?.whitelistedIps ?? [],
    whitelistAt: [...at, 'accessibility', 'whitelistedIps'],
    description: 'database',
  });
  const subnetGroupId = dbSubnetGroupLogicalId(resource.name);
  ctx.addResource(
    subnetGroupId,
    { Type: 'AWS::RDS::DBSubnetGroup', Properties: { DBSubnetGroupDescription: `stp ${ctx.stack.stackName} ${resource.name}`, SubnetIds: vpc.subnetIds } },
    resource.path,
  );

  const identifier = dbIdentifier(ctx.stack.stackName, resource.name);
  const logs = logSettings(ctx, resource, props, info, identifier, at);
  const backupDays = props.automatedBackupRetentionDays ?? 1;
  const engineProps = props.engine.properties as Record<string, unknown>;
  const name = dbName(props, info);
  const common = {
    MasterUsername: ctx.resolveValue(userName(props), [...at, 'credentials', 'masterUserName']),
    MasterUserPassword: ctx.resolveValue(props.credentials.masterUserPassword, [...at, 'credentials', 'masterUserPassword']),
  };
  const retainOnDelete = { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' } as const;

  if (info.kind === 'rds') {
    const primary = engineProps.primaryInstance as { instanceSize: unknown; multiAz?: boolean };
    const storage = (engineProps.storage ?? {}) as { initialSize?: number; maxSize?: number };
    const initialSize = storage.initialSize ?? 20;
    const maxSize = storage.maxSize ?? 200;
    // RDS storage autoscaling needs the ceiling at least 10 % above the allocated storage.
    if (maxSize * 10 < initialSize * 11) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `storage.maxSize (${maxSize} GB) must be at least 10 % larger than storage.initialSize (${initialSize} GB).`,
        path: [...at, 'engine', 'properties', 'storage', 'maxSize'],
        expected: `at least ${Math.ceil((initialSize * 11) / 10)}`,
      });
    }
    const properties: Record<string, CfnValue> = {
      DBInstanceIdentifier: identifier,
      Engine: info.cfnEngine,
      EngineVersion: engineProps.version,
      DBInstanceClass: ctx.resolveValue(primary.instanceSize, [...at, 'engine', 'properties', 'primaryInstance', 'instanceSize']),
      AllocatedStorage: String(initialSize),
      MaxAllocatedStorage: maxSize,
      ...common,
      Port: String(dbPort),
      DBSubnetGroupName: { Ref: subnetGroupId },
      VPCSecurityGroups: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
      PubliclyAccessible: publiclyAccessible,
      MultiAZ: primary.multiAz === true,
      BackupRetentionPeriod: backupDays,
      DeletionProtection: props.deletionProtection === true,
      CopyTagsToSnapshot: true,
      AutoMinorVersionUpgrade: engineProps.disableAutoMinorVersionUpgrade !== true,
    };
    if (name !== undefined) properties.DBName = name;
    properties.StorageType = 'gp3';
    // SQL Server Express and some old instance classes cannot encrypt storage.
    const classes = [primary.instanceSize, ...((engineProps.readReplicas ?? []) as { instanceSize: unknown }[]).map((r) => r.instanceSize)];
    const unencryptable = props.engine.type === 'sqlserver-ex' || classes.some((c) => typeof c === 'string' && ENCRYPTION_UNSUPPORTED_CLASSES.includes(c));
    if (!unencryptable) properties.StorageEncrypted = true;
    if (info.family === 'sqlserver' || props.engine.type === 'oracle-se2') properties.LicenseModel = 'license-included';
    if (props.engine.type === 'oracle-ee') properties.LicenseModel = 'bring-your-own-license';
    if (props.preferredMaintenanceWindow !== undefined) properties.PreferredMaintenanceWindow = props.preferredMaintenanceWindow;
    if (logs.exports.length > 0) properties.EnableCloudwatchLogsExports = logs.exports;
    const instance: CfnResource = { Type: 'AWS::RDS::DBInstance', Properties: properties, ...retainOnDelete };
    if (logs.logGroupIds.length > 0) instance.DependsOn = logs.logGroupIds;
    const primaryId = dbInstanceLogicalId(resource.name);
    ctx.addResource(primaryId, instance, resource.path);

    const replicas = (engineProps.readReplicas ?? []) as { instanceSize: unknown; multiAz?: boolean }[];
    if (replicas.length > 0 && backupDays === 0) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: 'Read replicas need automated backups on the primary instance.',
        path: [...at, 'automatedBackupRetentionDays'],
        expected: 'at least 1',
      });
    }
    replicas.forEach((replica, index) => {
      const replicaProps: Record<string, CfnValue> = {
        SourceDBInstanceIdentifier: { Ref: primaryId },
        DBInstanceClass: ctx.resolveValue(replica.instanceSize, [...at, 'engine', 'properties', 'readReplicas', index, 'instanceSize']),
        VPCSecurityGroups: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
        PubliclyAccessible: publiclyAccessible,
        MultiAZ: replica.multiAz === true,
      };
      ctx.addResource(dbReplicaLogicalId(resource.name, index), { Type: 'AWS::RDS::DBInstance', Properties: replicaProps }, [
        ...at,
        'engine',
        'properties',
        'readReplicas',
        index,
      ]);
    });
    return;
  }

  // Aurora: a cluster plus its instances.
  if (backupDays < 1) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'Aurora clusters keep automated backups for at least 1 day.',
      path: [...at, 'automatedBackupRetentionDays'],
      expected: 'a number from 1 to 35',
    });
  }
  const clusterId = dbClusterLogicalId(resource.name);
  const cluster: Record<string, CfnValue> = {
    DBClusterIdentifier: identifier,
    Engine: info.cfnEngine,
    EngineVersion: engineProps.version,
    ...common,
    Port: dbPort,
    DBSubnetGroupName: { Ref: subnetGroupId },
    VpcSecurityGroupIds: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
    BackupRetentionPeriod: Math.max(1, backupDays),
    DeletionProtection: props.deletionProtection === true,
    StorageEncrypted: true,
    CopyTagsToSnapshot: true,
  };
  if (name !== undefined) cluster.DatabaseName = name;
  if (props.preferredMaintenanceWindow !== undefined) cluster.PreferredMaintenanceWindow = props.preferredMaintenanceWindow;
  if (logs.exports.length > 0) cluster.EnableCloudwatchLogsExports = logs.exports;

  let instanceClasses: { value: unknown; at: ConfigPath }[];
  if (info.kind === 'aurora-serverless-v2') {
    const min = (engineProps.minCapacity as number | undefined) ?? 0.5;
    const max = (engineProps.maxCapacity as number | undefined) ?? 10;
    if (min > max) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `minCapacity (${min} ACU) is larger than maxCapacity (${max} ACU).`,
        path: [...at, 'engine', 'properties', 'minCapacity'],
      });
    }
    cluster.ServerlessV2ScalingConfiguration = { MinCapacity: min, MaxCapacity: max };
    const readers = (engineProps.serverlessReadersCount as number | undefined) ?? 0;
    instanceClasses = Array.from({ length: 1 + readers }, () => ({ value: 'db.serverless', at: [...at, 'engine'] }));
  } else {
    const instances = (engineProps.instances ?? []) as { instanceSize: unknown }[];
    instanceClasses = instances.map((instance, index) => ({
      value: instance.instanceSize,
      at: [...at, 'engine', 'properties', 'instances', index, 'instanceSize'],
    }));
  }
  const clusterResource: CfnResource = { Type: 'AWS::RDS::DBCluster', Properties: cluster, ...retainOnDelete };
  if (logs.logGroupIds.length > 0) clusterResource.DependsOn = logs.logGroupIds;
  ctx.addResource(clusterId, clusterResource, resource.path);

  instanceClasses.forEach((instanceClass, index) => {
    ctx.addResource(
      auroraInstanceLogicalId(resource.name, index),
      {
        Type: 'AWS::RDS::DBInstance',
        Properties: {
          DBClusterIdentifier: { Ref: clusterId },
          Engine: info.cfnEngine,
          DBInstanceClass: ctx.resolveValue(instanceClass.value, instanceClass.at),
          DBSubnetGroupName: { Ref: subnetGroupId },
          PubliclyAccessible: publiclyAccessible,
          AutoMinorVersionUpgrade: engineProps.disableAutoMinorVersionUpgrade !== true,
        },
      },
      instanceClass.at,
    );
  });
}

/** A param resolver over the referenced database's engine (undefined when the type is unknown). */
function param(read: (props: Props, info: EngineInfo, ref: ParamRef) => CfnValue | undefined) {
  return (ref: ParamRef): CfnValue | undefined => {
    const props = ref.properties as Props;
    const info = engineInfo(props);
    if (!info || info.kind === 'aurora-serverless-v1') return undefined;
    return read(props, info, ref);
  };
}

function replicaList(props: Props, info: EngineInfo, name: string, build: (host: CfnValue) => CfnValue) {
  const count = readReplicaCount(props, info);
  if (count === 0) return undefined;
  const items: CfnValue[] = [];
  for (let i = 0; i < count; i++) items.push(build({ 'Fn::GetAtt': [dbReplicaLogicalId(name, i), 'Endpoint.Address'] }));
  return { 'Fn::Join': [',', items] };
}

export const relationalDatabaseCompiler: ResourceCompiler = {
  type: 'relational-database',
  compile,
  referenceableParams: {
    host: param((_p, info, ref) => endpointHost(ref.resourceName, info)),
    // The configured port: every endpoint of the database listens on it.
    port: param((props, info) => String(port(props, info))),
    dbName: param((props, info) => dbName(props, info)),
    connectionString: param((props, info, ref) => connectionString(props, info, endpointHost(ref.resourceName, info))),
    jdbcConnectionString: param((props, info, ref) => jdbcConnectionString(props, info, endpointHost(ref.resourceName, info))),
    readerHost: param((_p, info, ref) => (hasReader(info) ? endpointHost(ref.resourceName, info, true) : undefined)),
    readerConnectionString: param((props, info, ref) =>
      hasReader(info) ? connectionString(props, info, endpointHost(ref.resourceName, info, true)) : undefined,
    ),
    readerJdbcConnectionString: param((props, info, ref) =>
      hasReader(info) ? jdbcConnectionString(props, info, endpointHost(ref.resourceName, info, true)) : undefined,
    ),
    readReplicaHosts: param((props, info, ref) => replicaList(props, info, ref.resourceName, (host) => host)),
    readReplicaConnectionStrings: param((props, info, ref) =>
      replicaList(props, info, ref.resourceName, (host) => connectionString(props, info, host)),
    ),
    readReplicaJdbcConnectionStrings: param((props, info, ref) =>
      replicaList(props, info, ref.resourceName, (host) => jdbcConnectionString(props, info, host)),
    ),
  },
};
