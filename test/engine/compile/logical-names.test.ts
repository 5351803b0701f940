import { describe, expect, it } from 'vitest';
import { buildLogicalName, logicalNames, outputName, pascalCase } from '../../../src/engine/compile/logical-names.js';

describe('pascalCase (change-case@5 semantics)', () => {
  it.each([
    ['my-function-Function', 'MyFunctionFunction'],
    ['myAPI-Api', 'MyApiApi'],
    ['api2Handler', 'Api2Handler'],
    ['Stp-ECSCodeDeploy-Application', 'StpEcsCodeDeployApplication'],
    ['lb-Port8080Priority1-ListenerRule', 'LbPort8080Priority1ListenerRule'],
    ['x-/{proxy+}-Route', 'XProxyRoute'],
    ['Stp-Batch-onDemand--ComputeEnvironment', 'StpBatchOnDemandComputeEnvironment'],
  ])('%s → %s', (input, expected) => {
    expect(pascalCase(input)).toBe(expected);
  });

  it('prefixes a digit-initial later word with _ like change-case', () => {
    expect(pascalCase('a-1b')).toBe('A_1b');
  });
});

describe('Stacktape logical names', () => {
  it('matches the documented examples', () => {
    expect(logicalNames.lambda('myFunction')).toBe('MyFunctionFunction');
    expect(logicalNames.bucket('myBucket')).toBe('MyBucketBucket');
    expect(logicalNames.lambdaRole('myFunction')).toBe('MyFunctionRole');
    expect(logicalNames.lambdaLogGroup('myFunction')).toBe('MyFunctionLogGroup');
  });

  it('builds indexed and specified names', () => {
    expect(logicalNames.lambdaPermission('fn', 0)).toBe('FnEvent0Permission');
    expect(logicalNames.eventSourceMapping('processJob', 1)).toBe('ProcessJobEvent1EventSourceMapping');
    expect(logicalNames.httpApiRoute('enqueueJob', 'POST', '/enqueue')).toBe('StpEnqueueJobPostEnqueueRoute');
    expect(logicalNames.httpApiRoute('fn', '*', '/{proxy+}')).toBe('StpFnAnyProxyRoute');
    expect(logicalNames.scriptCustomResource('migrate')).toBe('MigrateScriptCustomResource');
    expect(logicalNames.ecsCluster()).toBe('StpCluster');
    expect(logicalNames.ecsService('web')).toBe('WebService');
    expect(logicalNames.targetGroup('web', 'lb', 80)).toBe('WebLbToPort80TargetGroup');
    expect(logicalNames.batchJobDefinition('job')).toBe('JobJobDefinition');
    expect(buildLogicalName({ cfnType: 'AWS::EC2::VPC' })).toBe('StpVpc');
  });

  it('names outputs after resource and param', () => {
    expect(outputName('myFunction', 'arn')).toBe('MyFunctionArn');
    expect(outputName('db', 'connectionString')).toBe('DbConnectionString');
  });
});
