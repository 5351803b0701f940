import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../src/engine/compile/compile-stack.js';
import { deployParameters } from '../../../src/engine/compile/stack-parameters.js';
import { stackFixture } from './stack-fixture.js';

describe('deployParameters', () => {
  it('asks for VPC parameters only when a workload runs in the VPC', () => {
    const fn = { type: 'function', properties: { packaging: { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: 'a.ts' } } } };
    expect(deployParameters(compileStack(stackFixture({ fn })).template)).toEqual([
      { name: 'StpAssetsBucket', source: 'assets-bucket' },
      { name: 'StpDeploymentId', source: 'deployment-id' },
    ]);
    const inVpc = { ...fn, properties: { ...fn.properties, joinDefaultVpc: true } };
    expect(deployParameters(compileStack(stackFixture({ fn: inVpc })).template).map((p) => p.source)).toEqual([
      'assets-bucket',
      'deployment-id',
      'default-subnet-ids',
      'default-vpc-id',
    ]);
  });
});
