import type { StackInput, StackInputResource } from '../../../src/engine/compile/stack-input.js';

/** A StackInput for compiler tests: stack `app-dev`, config in /project. */
export function stackFixture(resources: Record<string, StackInputResource>, extra: Partial<StackInput> = {}): StackInput {
  return {
    stackName: 'app-dev',
    stage: 'dev',
    serviceName: 'app',
    region: 'eu-west-1',
    configDir: '/project',
    resources,
    ...extra,
  };
}
