import * as z from 'zod';
import { logging } from '../shared/http.js';
import { alarmsShape } from '../shared/monitoring.js';
import { resourceEnvelope } from '../shared/resource-envelope.js';
import { freeObject, stringOrDirective } from '../shared/runtime-directive.js';

const instance = z.strictObject({
  instanceSize: stringOrDirective,
  multiAz: z.boolean().optional(),
});

const rdsEngineProperties = z.strictObject({
  version: z.string(),
  primaryInstance: instance,
  dbName: z.string().optional(),
  port: z.int().min(1).max(65535).optional(),
  storage: z.strictObject({ initialSize: z.int().min(20).optional(), maxSize: z.int().min(20).optional() }).optional(),
  readReplicas: z.array(instance).optional(),
});

const rdsEngine = (type: string) => z.strictObject({ type: z.literal(type), properties: rdsEngineProperties });

const auroraEngine = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    properties: z.strictObject({
      version: z.string(),
      instances: z.array(z.strictObject({ instanceSize: stringOrDirective })).min(1),
      dbName: z.string().optional(),
      port: z.int().min(1).max(65535).optional(),
    }),
  });

/** Aurora Serverless v1 capacity is in ACUs (1–256 for MySQL / 2–256 for Postgres). */
const auroraServerlessEngine = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    properties: z
      .strictObject({
        version: z.string().optional(),
        minCapacity: z.number().positive().optional(),
        maxCapacity: z.number().positive().optional(),
        pauseAfterSeconds: z.int().min(0).optional(),
        dbName: z.string().optional(),
        port: z.int().min(1).max(65535).optional(),
      })
      .prefault({}),
  });

const auroraServerlessV2Engine = (type: string) =>
  z.strictObject({
    type: z.literal(type),
    properties: z.strictObject({
      version: z.string(),
      minCapacity: z.number().min(0).max(256).optional(),
      maxCapacity: z.number().min(0.5).max(256).optional(),
      serverlessReadersCount: z.int().min(0).optional(),
      dbName: z.string().optional(),
      port: z.int().min(1).max(65535).optional(),
    }),
  });

export const databaseEngine = z.discriminatedUnion('type', [
  rdsEngine('postgres'),
  rdsEngine('mysql'),
  rdsEngine('mariadb'),
  rdsEngine('oracle-ee'),
  rdsEngine('oracle-se2'),
  rdsEngine('sqlserver-ee'),
  rdsEngine('sqlserver-ex'),
  rdsEngine('sqlserver-se'),
  rdsEngine('sqlserver-web'),
  auroraEngine('aurora-postgresql'),
  auroraEngine('aurora-mysql'),
  auroraServerlessEngine('aurora-postgresql-serverless'),
  auroraServerlessEngine('aurora-mysql-serverless'),
  auroraServerlessV2Engine('aurora-postgresql-serverless-v2'),
  auroraServerlessV2Engine('aurora-mysql-serverless-v2'),
]);

export const relationalDatabaseProperties = z.strictObject({
  credentials: z.strictObject({
    masterUserName: stringOrDirective.optional(),
    masterUserPassword: stringOrDirective,
  }),
  engine: databaseEngine,
  accessibility: z
    .strictObject({
      accessibilityMode: z.enum(['internet', 'vpc', 'scoping-workloads-in-vpc', 'whitelisted-ips-only']),
      whitelistedIps: z.array(z.string()).optional(),
      forceDisablePublicIp: z.boolean().optional(),
    })
    .optional(),
  deletionProtection: z.boolean().optional(),
  automatedBackupRetentionDays: z.int().min(0).max(35).optional(),
  preferredMaintenanceWindow: z.string().optional(),
  ...alarmsShape,
  logging: logging.optional(),
  dev: freeObject.optional(),
});

export const relationalDatabaseResource = resourceEnvelope('relational-database', relationalDatabaseProperties);
export type RelationalDatabaseResource = z.output<typeof relationalDatabaseResource>;
export type RelationalDatabaseProperties = z.output<typeof relationalDatabaseProperties>;
export type DatabaseEngine = z.output<typeof databaseEngine>;
