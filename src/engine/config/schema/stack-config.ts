import * as z from 'zod';
import { resourceSchemas } from './resource-types.js';
import { environment } from './shared/environment.js';
import { connectTo } from './shared/resource-access.js';
import { freeObject, scalarOrDirective, stringOrDirective } from './shared/runtime-directive.js';

// Top-level keys of stacktape.yml other than `resources`.

const hookList = z.array(
  z.strictObject({
    scriptName: z.string(),
    skipOnCI: z.boolean().optional(),
    skipOnLocal: z.boolean().optional(),
  }),
);

export const hooks = z.strictObject({
  beforeDeploy: hookList.optional(),
  afterDeploy: hookList.optional(),
  beforeDelete: hookList.optional(),
  afterDelete: hookList.optional(),
  beforeBucketSync: hookList.optional(),
  afterBucketSync: hookList.optional(),
  beforeDev: hookList.optional(),
  afterDev: hookList.optional(),
});

const scriptPropertiesShape = {
  executeScript: z.string().optional(),
  executeCommand: z.string().optional(),
  executeScripts: z.array(z.string()).optional(),
  executeCommands: z.array(z.string()).optional(),
  cwd: z.string().optional(),
  pipeStdio: z.boolean().default(true),
  connectTo: connectTo.optional(),
  environment: environment.optional(),
  assumeRoleOfResource: z.string().optional(),
};

export const script = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('local-script'), properties: z.strictObject(scriptPropertiesShape) }),
  z.strictObject({
    type: z.literal('local-script-with-bastion-tunneling'),
    properties: z.strictObject({ ...scriptPropertiesShape, bastionResource: z.string().optional() }),
  }),
  z.strictObject({
    type: z.literal('bastion-script'),
    properties: z.strictObject({ ...scriptPropertiesShape, bastionResource: z.string().optional() }),
  }),
]);

export const providerConfig = z.strictObject({
  mongoDbAtlas: z
    .strictObject({
      organizationId: stringOrDirective,
      publicKey: stringOrDirective,
      privateKey: stringOrDirective,
      accessibility: freeObject.optional(),
    })
    .optional(),
  upstash: z.strictObject({ accountEmail: stringOrDirective, apiKey: stringOrDirective }).optional(),
});

export const budgetControl = z.strictObject({
  limit: z.number().positive(),
  notifications: z
    .array(
      z.strictObject({
        budgetType: z.enum(['ACTUAL', 'FORECASTED']).optional(),
        thresholdPercentage: z.number().positive().optional(),
        emails: z.array(z.string()),
      }),
    )
    .max(5)
    .optional(),
});

export const deploymentConfig = z.strictObject({
  terminationProtection: z.boolean().optional(),
  cloudformationRoleArn: z.string().optional(),
  triggerRollbackOnAlarms: z.array(z.string()).optional(),
  monitoringTimeAfterDeploymentInMinutes: z.int().min(0).max(180).optional(),
  disableAutoRollback: z.boolean().optional(),
  publishEventsToArn: z.array(z.string()).optional(),
  previousVersionsToKeep: z.int().min(1).optional(),
  disableS3TransferAcceleration: z.boolean().optional(),
});

export const stackConfigSection = z.strictObject({
  outputs: z
    .array(
      z.strictObject({
        name: z.string().regex(/^[a-zA-Z0-9]+$/, { error: 'output names must be alphanumeric' }),
        value: scalarOrDirective,
        description: z.string().optional(),
        export: z.boolean().optional(),
      }),
    )
    .optional(),
  tags: z.array(z.strictObject({ name: z.string(), value: stringOrDirective })).max(45).optional(),
  disableStackInfoSaving: z.boolean().optional(),
  stackInfoDirectory: z.string().optional(),
  vpc: z
    .strictObject({
      reuseVpc: z
        .union([z.strictObject({ projectName: z.string(), stage: z.string() }), z.strictObject({ vpcId: z.string() })])
        .optional(),
      nat: z.strictObject({ availabilityZones: z.int().min(1).max(3) }).optional(),
    })
    .optional(),
});

/** `cloudformationResources`: raw CloudFormation, merged into the template as-is. */
export const cloudformationResource = z.strictObject({
  Type: z.string().regex(/^(AWS|Custom|Alexa)::[A-Za-z0-9]+(::[A-Za-z0-9]+)*$|^Custom::/, {
    error: 'expected a CloudFormation type such as AWS::SNS::Topic',
  }),
  Properties: freeObject.optional(),
  DependsOn: z.union([z.string(), z.array(z.string())]).optional(),
  Condition: z.string().optional(),
  DeletionPolicy: z.enum(['Delete', 'Retain', 'Snapshot', 'RetainExceptOnCreate']).optional(),
  UpdateReplacePolicy: z.enum(['Delete', 'Retain', 'Snapshot']).optional(),
  Metadata: freeObject.optional(),
  CreationPolicy: freeObject.optional(),
  UpdatePolicy: freeObject.optional(),
});

/** Every top-level key except `resources`, which is validated per resource by its `type`. */
export const topLevelShape = {
  serviceName: z
    .string()
    .regex(/^[a-zA-Z][-a-zA-Z0-9]*$/, { error: 'expected a letter followed by letters, digits or dashes' })
    .optional(),
  providerConfig: providerConfig.optional(),
  variables: z.record(z.string(), z.unknown()).optional(),
  budgetControl: budgetControl.optional(),
  hooks: hooks.optional(),
  scripts: z.record(z.string(), script).optional(),
  directives: z.array(z.strictObject({ name: z.string(), filePath: z.string() })).optional(),
  deploymentConfig: deploymentConfig.optional(),
  stackConfig: stackConfigSection.optional(),
  cloudformationResources: z.record(z.string(), cloudformationResource).optional(),
};

const resourceValues = Object.values(resourceSchemas) as [
  (typeof resourceSchemas)[keyof typeof resourceSchemas],
  ...(typeof resourceSchemas)[keyof typeof resourceSchemas][],
];

/** A resource of any supported type, discriminated by `type` (for types and the JSON Schema). */
export const stackResource = z.discriminatedUnion('type', resourceValues);

/**
 * The whole stack config. The loader never parses it in one go (union errors are useless to
 * users); it validates the top level with `topLevelSchema` and each resource by its type. This
 * schema is the source of the exported types and of config/stacktape.schema.json.
 */
export const stackConfigSchema = z.strictObject({
  ...topLevelShape,
  resources: z.record(z.string(), stackResource),
});

/** Top level with `resources` left for per-resource validation. */
export const topLevelSchema = z.strictObject({ ...topLevelShape, resources: z.unknown().optional() });

export type StackConfig = z.output<typeof stackConfigSchema>;
export type StackConfigInput = z.input<typeof stackConfigSchema>;
export type Hooks = z.output<typeof hooks>;
export type Script = z.output<typeof script>;
export type CloudformationResource = z.output<typeof cloudformationResource>;
