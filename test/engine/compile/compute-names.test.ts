import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../src/engine/compile/compile-stack.js';
import { resourceHandles } from '../../../src/engine/compile/compute-names.js';
import { stackFixture } from './stack-fixture.js';

const buildpack = { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: 'a.ts' } };
const image = { type: 'prebuilt-image', properties: { image: 'x' } };

describe('resourceHandles', () => {
  const stack = stackFixture({
    api: { type: 'function', properties: { packaging: buildpack } },
    migrate: { type: 'deployment-script', properties: { trigger: 'after:deploy', packaging: buildpack } },
    web: { type: 'web-service', properties: { packaging: image, resources: { cpu: 0.25, memory: 512 }, sideContainers: [{ name: 'proxy', packaging: image, logging: { disabled: true } }] } },
    job: { type: 'batch-job', properties: { container: { packaging: image }, resources: { cpu: 1, memory: 2048 } } },
  });

  it('names what the compiled template creates', () => {
    const handles = resourceHandles(stack);
    const r = compileStack(stack).template.Resources;
    expect(handles.functions).toEqual([
      { resourceName: 'api', kind: 'function', functionName: 'app-dev-api', logGroupName: '/aws/lambda/app-dev-api' },
      { resourceName: 'migrate', kind: 'deployment-script', trigger: 'after:deploy', parametersOutput: 'MigrateScriptParameters', functionName: 'app-dev-migrate', logGroupName: '/aws/lambda/app-dev-migrate' },
    ]);
    expect(r.ApiFunction!.Properties!.FunctionName).toBe(handles.functions[0]!.functionName);
    expect(r.ApiLogGroup!.Properties!.LogGroupName).toBe(handles.functions[0]!.logGroupName);
    expect(compileStack(stack).template.Outputs?.MigrateScriptParameters?.Value).toBe('{}');
    expect(handles.scriptRunner).toEqual({ functionName: 'app-dev-stp-script-runner', logGroupName: '/aws/lambda/app-dev-stp-script-runner' });
    expect(r.StpDeploymentScriptRunnerFunction!.Properties!.FunctionName).toBe(handles.scriptRunner!.functionName);

    expect(handles.services).toEqual([
      { resourceName: 'web', type: 'web-service', clusterName: 'app-dev', serviceName: 'app-dev-web', containers: [{ name: 'web', logGroupName: '/stp/app-dev/web/web' }, { name: 'proxy' }] },
    ]);
    expect(r.StpCluster!.Properties!.ClusterName).toBe('app-dev');
    expect(r.WebService!.Properties!.ServiceName).toBe('app-dev-web');
    expect(r.WebWebLogGroup!.Properties!.LogGroupName).toBe('/stp/app-dev/web/web');

    expect(handles.batchJobs).toEqual([{ resourceName: 'job', stateMachineName: 'app-dev-job', logGroupName: '/stp/app-dev/job' }]);
    expect(r.JobJobExecutionStateMachine!.Properties!.StateMachineName).toBe('app-dev-job');
  });
});
