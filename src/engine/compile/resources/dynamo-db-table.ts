import type { DynamoDbTableProperties } from '../../config/schema/resources/dynamo-db-table.js';
import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import { buildLogicalName } from '../logical-names.js';
import type { ResourceCompiler, ResourceView } from '../resource-compiler.js';

/**
 * `dynamo-db-table` → AWS::DynamoDB::Table: keys, on-demand or provisioned billing (with
 * target-tracking auto scaling of read/write units), point-in-time recovery, a stream, and global
 * secondary indexes.
 */
export const dynamoTableLogicalId = (name: string): string => buildLogicalName({ resourceName: name, cfnType: 'AWS::DynamoDB::Table' });
const scalingTargetLogicalId = (name: string, metric: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: metric }, cfnType: 'AWS::ApplicationAutoScaling::ScalableTarget' });
const scalingPolicyLogicalId = (name: string, metric: string): string =>
  buildLogicalName({ resourceName: name, specifier: { type: metric }, cfnType: 'AWS::ApplicationAutoScaling::ScalingPolicy' });

type KeyAttribute = { name: string; type: 'string' | 'number' | 'binary' };
const ATTRIBUTE_TYPES = { string: 'S', number: 'N', binary: 'B' } as const;

interface Scaling {
  minUnits: number;
  maxUnits: number;
  keepUtilizationUnder: number;
}

function keySchema(partitionKey: KeyAttribute, sortKey: KeyAttribute | undefined): CfnValue[] {
  const schema: CfnValue[] = [{ AttributeName: partitionKey.name, KeyType: 'HASH' }];
  if (sortKey) schema.push({ AttributeName: sortKey.name, KeyType: 'RANGE' });
  return schema;
}

function readScaling(value: unknown, at: ConfigPath, ctx: CompileContext): Scaling | undefined {
  if (value === undefined) return undefined;
  const v = value as Partial<Record<keyof Scaling, unknown>>;
  const ok = (['minUnits', 'maxUnits', 'keepUtilizationUnder'] as const).every((k) => typeof v[k] === 'number');
  if (!ok) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: 'A scaling configuration needs minUnits, maxUnits and keepUtilizationUnder (numbers).',
      path: at,
      expected: '{ minUnits: 5, maxUnits: 50, keepUtilizationUnder: 70 }',
    });
    return undefined;
  }
  const scaling = v as Scaling;
  if (scaling.minUnits > scaling.maxUnits) {
    ctx.addDiagnostic({ code: 'STP_COMPILE_INVALID_PROPERTY', message: 'minUnits is larger than maxUnits.', path: at });
    return undefined;
  }
  if (scaling.keepUtilizationUnder < 20 || scaling.keepUtilizationUnder > 90) {
    // Application Auto Scaling accepts DynamoDB target utilization between 20 and 90 percent.
    ctx.addDiagnostic({
      code: 'STP_COMPILE_INVALID_PROPERTY',
      message: `keepUtilizationUnder ${scaling.keepUtilizationUnder} is outside what DynamoDB auto scaling accepts.`,
      path: [...at, 'keepUtilizationUnder'],
      expected: 'a percentage from 20 to 90',
    });
    return undefined;
  }
  return scaling;
}

function compile(resource: ResourceView, ctx: CompileContext): void {
  const props = resource.properties as DynamoDbTableProperties;
  const at = [...resource.path, 'properties'];
  const logicalId = dynamoTableLogicalId(resource.name);

  // Every key attribute (table and indexes) is declared once; a name used with two types is an error.
  const attributes = new Map<string, { type: string; at: ConfigPath }>();
  const declare = (attribute: KeyAttribute, where: ConfigPath) => {
    const known = attributes.get(attribute.name);
    const type = ATTRIBUTE_TYPES[attribute.type];
    if (known && known.type !== type) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_INVALID_PROPERTY',
        message: `Key attribute "${attribute.name}" is declared as two different types.`,
        path: where,
        hint: `use the same type as at ${known.at.join('.')}`,
      });
      return;
    }
    if (!known) attributes.set(attribute.name, { type, at: where });
  };
  const { partitionKey, sortKey } = props.primaryKey;
  declare(partitionKey, [...at, 'primaryKey', 'partitionKey']);
  if (sortKey) declare(sortKey, [...at, 'primaryKey', 'sortKey']);

  const provisioned = props.provisionedThroughput;
  const properties: Record<string, CfnValue> = {
    KeySchema: keySchema(partitionKey, sortKey),
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
  };
  if (provisioned) {
    properties.ProvisionedThroughput = { ReadCapacityUnits: provisioned.readUnits, WriteCapacityUnits: provisioned.writeUnits };
  }

  const seenIndexes = new Set<string>();
  const indexes = (props.secondaryIndexes ?? []).map((index, i) => {
    const where = [...at, 'secondaryIndexes', i];
    if (seenIndexes.has(index.name)) {
      ctx.addDiagnostic({ code: 'STP_COMPILE_INVALID_PROPERTY', message: `Two secondary indexes are named "${index.name}".`, path: [...where, 'name'] });
    }
    seenIndexes.add(index.name);
    declare(index.partitionKey, [...where, 'partitionKey']);
    if (index.sortKey) declare(index.sortKey, [...where, 'sortKey']);
    const projection =
      index.projections && index.projections.length > 0
        ? { ProjectionType: 'INCLUDE', NonKeyAttributes: index.projections }
        : // Stacktape projects only the keys unless attributes are listed.
          { ProjectionType: 'KEYS_ONLY' };
    const gsi: Record<string, CfnValue> = {
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: projection,
    };
    if (provisioned) {
      gsi.ProvisionedThroughput = { ReadCapacityUnits: provisioned.readUnits, WriteCapacityUnits: provisioned.writeUnits };
    }
    return gsi;
  });

  properties.AttributeDefinitions = [...attributes.entries()].map(([name, a]) => ({ AttributeName: name, AttributeType: a.type }));
  if (indexes.length > 0) properties.GlobalSecondaryIndexes = indexes;
  if (props.enablePointInTimeRecovery) properties.PointInTimeRecoverySpecification = { PointInTimeRecoveryEnabled: true };
  if (props.streamType) properties.StreamSpecification = { StreamViewType: props.streamType };
  ctx.addResource(logicalId, { Type: 'AWS::DynamoDB::Table', Properties: properties }, resource.path);

  if (!provisioned) return;
  for (const [key, unit, metric] of [
    ['readScaling', 'ReadCapacityUnits', 'DynamoDBReadCapacityUtilization'],
    ['writeScaling', 'WriteCapacityUnits', 'DynamoDBWriteCapacityUtilization'],
  ] as const) {
    const where = [...at, 'provisionedThroughput', key];
    const scaling = readScaling(provisioned[key], where, ctx);
    if (!scaling) continue;
    const dimension = unit === 'ReadCapacityUnits' ? 'Read' : 'Write';
    const targetId = scalingTargetLogicalId(resource.name, dimension);
    ctx.addResource(
      targetId,
      {
        Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
        Properties: {
          ServiceNamespace: 'dynamodb',
          ScalableDimension: `dynamodb:table:${unit}`,
          ResourceId: { 'Fn::Join': ['/', ['table', { Ref: logicalId }]] },
          MinCapacity: scaling.minUnits,
          MaxCapacity: scaling.maxUnits,
        },
      },
      where,
    );
    ctx.addResource(
      scalingPolicyLogicalId(resource.name, dimension),
      {
        Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
        Properties: {
          PolicyName: `${dimension.toLowerCase()}-utilization`,
          PolicyType: 'TargetTrackingScaling',
          ScalingTargetId: { Ref: targetId },
          TargetTrackingScalingPolicyConfiguration: {
            TargetValue: scaling.keepUtilizationUnder,
            PredefinedMetricSpecification: { PredefinedMetricType: metric },
          },
        },
      },
      where,
    );
  }
}

export const dynamoDbTableCompiler: ResourceCompiler = {
  type: 'dynamo-db-table',
  compile,
  referenceableParams: {
    name: ({ resourceName }) => ({ Ref: dynamoTableLogicalId(resourceName) }),
    arn: ({ resourceName }) => ({ 'Fn::GetAtt': [dynamoTableLogicalId(resourceName), 'Arn'] }),
    streamArn: ({ resourceName, properties }) =>
      (properties as DynamoDbTableProperties).streamType
        ? { 'Fn::GetAtt': [dynamoTableLogicalId(resourceName), 'StreamArn'] }
        : undefined,
  },
};
