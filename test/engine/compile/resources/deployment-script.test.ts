import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import { parametersJson } from '../../../../src/engine/compile/resources/deployment-script.js';
import { assetKeyPlaceholder } from '../../../../src/engine/compile/compile-contract.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import type { RuntimeDirective } from '../../../../src/engine/config/directives/directive.js';
import { stackFixture } from '../stack-fixture.js';

const buildpack = (entry: string) => ({ type: 'stacktape-lambda-buildpack', properties: { entryfilePath: entry } });
const resourceParam = (name: string, param: string): RuntimeDirective => ({
  kind: 'directive',
  name: 'ResourceParam',
  args: [name, param],
  path: [],
  source: `$ResourceParam('${name}', '${param}')`,
});

describe('deployment-script compiler', () => {
  const stack = stackFixture({
    api: { type: 'function', properties: { packaging: buildpack('api.ts') } },
    migrate: {
      type: 'deployment-script',
      properties: {
        trigger: 'after:deploy',
        packaging: buildpack('migrate.ts'),
        parameters: { apiArn: resourceParam('api', 'arn'), nested: { n: 1 } },
      },
    },
    cleanup: {
      type: 'deployment-script',
      properties: { trigger: 'before:delete', packaging: buildpack('cleanup.ts') },
    },
  });
  const result = compileStack(stack);
  const r = result.template.Resources;

  it('compiles without diagnostics to a spec-valid template', () => {
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
  });

  it('adds the script function and a custom resource served by one runner', () => {
    expect(r.MigrateFunction?.Type).toBe('AWS::Lambda::Function');
    expect(r.MigrateScriptCustomResource).toMatchObject({
      Type: 'Custom::StpDeploymentScript',
      Properties: {
        ServiceToken: { 'Fn::GetAtt': ['StpDeploymentScriptRunnerFunction', 'Arn'] },
        ScriptFunctionName: { Ref: 'MigrateFunction' },
        ScriptFunctionArn: { 'Fn::GetAtt': ['MigrateFunction', 'Arn'] },
        Trigger: 'after:deploy',
        ParametersJson: { 'Fn::Sub': ['{"apiArn":"${P0}","nested":{"n":1}}', { P0: { 'Fn::GetAtt': ['ApiFunction', 'Arn'] } }] },
        DeploymentId: { Ref: 'StpDeploymentId' },
      },
    });
    expect(r.CleanupScriptCustomResource?.Properties).not.toHaveProperty('DeploymentId');
    expect(Object.values(r).filter((x) => x.Type === 'AWS::Lambda::Function')).toHaveLength(4);
    expect(r.StpDeploymentScriptRunnerFunction?.Properties?.Code).toEqual({
      S3Bucket: { Ref: 'StpAssetsBucket' },
      S3Key: assetKeyPlaceholder('stp:deployment-script-runner'),
    });
    const runnerPolicy = JSON.stringify(r.StpDeploymentScriptRunnerRole?.Properties?.Policies);
    expect(runnerPolicy).toContain('"Resource":[{"Fn::GetAtt":["CleanupFunction","Arn"]},{"Fn::GetAtt":["MigrateFunction","Arn"]}]');
    expect(runnerPolicy).toContain('cloudformation:DescribeStacks');
  });

  it('makes each script custom resource depend on every other resource, scripts ordered by name', () => {
    const others = Object.keys(r).filter((id) => !id.endsWith('ScriptCustomResource'));
    expect(r.CleanupScriptCustomResource?.DependsOn).toEqual([...others].sort());
    expect(r.MigrateScriptCustomResource?.DependsOn).toEqual([...others, 'CleanupScriptCustomResource'].sort());
  });

  it('registers the runner as a lambda-bundle asset whose entry file exists', () => {
    const runner = result.assets.find((a) => a.id === 'stp:deployment-script-runner');
    expect(runner).toMatchObject({ kind: 'lambda-bundle', handlerExport: 'handler', logicalId: 'StpDeploymentScriptRunnerFunction' });
    expect(runner?.kind === 'lambda-bundle' && existsSync(runner.entryFile)).toBe(true);
    expect(result.assets.map((a) => a.id)).toEqual(['api', 'cleanup', 'migrate', 'stp:deployment-script-runner']);
  });

  it('writes literal parameters as plain JSON text and escapes ${ for Fn::Sub', () => {
    expect(parametersJson({ a: [1, true, 'x'] })).toBe('{"a":[1,true,"x"]}');
    expect(parametersJson({ t: '${x}', r: { Ref: 'AWS::Region' } })).toEqual({
      'Fn::Sub': ['{"t":"${!x}","r":"${P0}"}', { P0: { Ref: 'AWS::Region' } }],
    });
  });

  it('refuses parameters that would carry a secret (custom resources cannot resolve them)', () => {
    const secret: RuntimeDirective = { kind: 'directive', name: 'Secret', args: ['db.password'], path: [], source: "$Secret('db.password')" };
    const res = compileStack(
      stackFixture({
        s: { type: 'deployment-script', properties: { trigger: 'after:deploy', packaging: buildpack('s.ts'), parameters: { pw: secret } } },
      }),
    );
    expect(res.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([
      ['STP_COMPILE_SECRET_IN_SCRIPT_PARAMETERS', 'resources.s.properties.parameters'],
    ]);
  });
});
