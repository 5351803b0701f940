import { describe, expect, it } from 'vitest';
import { dynamoDbTableCompiler } from '../../../../src/engine/compile/resources/dynamo-db-table.js';
import { compileWith, errors } from './compile-data-fixture.js';

describe('dynamo-db-table', () => {
  it('compiles an on-demand table with sort key, stream, PITR and indexes', () => {
    const result = compileWith([dynamoDbTableCompiler], {
      orders: {
        type: 'dynamo-db-table',
        properties: {
          primaryKey: { partitionKey: { name: 'pk', type: 'string' }, sortKey: { name: 'sk', type: 'number' } },
          enablePointInTimeRecovery: true,
          streamType: 'NEW_AND_OLD_IMAGES',
          secondaryIndexes: [
            { name: 'byCustomer', partitionKey: { name: 'customerId', type: 'string' }, sortKey: { name: 'sk', type: 'number' } },
            { name: 'byStatus', partitionKey: { name: 'status', type: 'string' }, projections: ['total'] },
          ],
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    const props = result.template.Resources.OrdersTable?.Properties;
    expect(props).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'customerId', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(props?.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'byCustomer',
        KeySchema: [
          { AttributeName: 'customerId', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
      {
        IndexName: 'byStatus',
        KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }],
        Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] },
      },
    ]);
    expect(result.template.Outputs?.OrdersStreamArn?.Value).toEqual({ 'Fn::GetAtt': ['OrdersTable', 'StreamArn'] });
    expect(result.template.Outputs?.OrdersName?.Value).toEqual({ Ref: 'OrdersTable' });
  });

  it('compiles provisioned throughput with target-tracking scaling', () => {
    const result = compileWith([dynamoDbTableCompiler], {
      t: {
        type: 'dynamo-db-table',
        properties: {
          primaryKey: { partitionKey: { name: 'id', type: 'string' } },
          provisionedThroughput: {
            readUnits: 5,
            writeUnits: 2,
            writeScaling: { minUnits: 2, maxUnits: 20, keepUtilizationUnder: 70 },
          },
        },
      },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.TTable?.Properties).toMatchObject({
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 2 },
    });
    expect(result.template.Resources.TWriteScalableTarget?.Properties).toMatchObject({
      ScalableDimension: 'dynamodb:table:WriteCapacityUnits',
      MinCapacity: 2,
      MaxCapacity: 20,
      ResourceId: { 'Fn::Join': ['/', ['table', { Ref: 'TTable' }]] },
    });
    expect(result.template.Resources.TWriteScalingPolicy?.Properties).toMatchObject({
      ScalingTargetId: { Ref: 'TWriteScalableTarget' },
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 70,
        PredefinedMetricSpecification: { PredefinedMetricType: 'DynamoDBWriteCapacityUtilization' },
      },
    });
    expect(result.template.Resources.TReadScalableTarget).toBeUndefined();
    expect(result.template.Outputs?.TStreamArn).toBeUndefined();
  });

  it('reports a key attribute declared with two types and a bad scaling target', () => {
    const result = compileWith([dynamoDbTableCompiler], {
      t: {
        type: 'dynamo-db-table',
        properties: {
          primaryKey: { partitionKey: { name: 'id', type: 'string' } },
          provisionedThroughput: { readUnits: 1, writeUnits: 1, readScaling: { minUnits: 1, maxUnits: 5, keepUtilizationUnder: 99 } },
          secondaryIndexes: [{ name: 'x', partitionKey: { name: 'id', type: 'number' } }],
        },
      },
    });
    expect(result.diagnostics.map((d) => d.path?.slice(3).join('.'))).toEqual([
      'secondaryIndexes.0.partitionKey',
      'provisionedThroughput.readScaling.keepUtilizationUnder',
    ]);
  });
});
