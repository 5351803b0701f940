import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../src/engine/compile/compile-stack.js';
import type { ResourceCompiler } from '../../../src/engine/compile/resource-compiler.js';
import { resourceCompilers } from '../../../src/engine/compile/resource-compilers.js';
import type { RuntimeDirective } from '../../../src/engine/config/directives/directive.js';
import { stackFixture } from './stack-fixture.js';

const buildpack = (entry: string) => ({ type: 'stacktape-lambda-buildpack', properties: { entryfilePath: entry } });
const directive = (name: RuntimeDirective['name'], ...args: string[]): RuntimeDirective => ({
  kind: 'directive',
  name,
  args,
  path: [],
  source: `$${name}(${args.map((a) => `'${a}'`).join(', ')})`,
});

describe('compileStack', () => {
  it('reports a resource type stp has no compiler for at its `type`, with the position', () => {
    const result = compileStack(
      stackFixture(
        { site: { type: 'hosting-bucket', properties: {} } },
        { positionOf: (path) => (path.join('.') === 'resources.site.type' ? { file: 'stacktape.yml', line: 3, column: 11 } : undefined) },
      ),
    );
    expect(result.diagnostics).toEqual([
      {
        code: 'STP_COMPILE_UNSUPPORTED',
        severity: 'error',
        message: 'stp cannot compile resources of type "hosting-bucket" yet.',
        path: ['resources', 'site', 'type'],
        position: { file: 'stacktape.yml', line: 3, column: 11 },
      },
    ]);
  });

  it('reports duplicate logical ids and keeps the first resource', () => {
    const clash: ResourceCompiler = {
      type: 'clash',
      compile: (r, ctx) => ctx.addResource('SameId', { Type: 'AWS::SNS::Topic', Properties: { TopicName: r.name } }, r.path),
    };
    const result = compileStack(stackFixture({ a: { type: 'clash' }, b: { type: 'clash' } }), { compilers: { clash } });
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['STP_COMPILE_DUPLICATE_LOGICAL_ID', ['resources', 'b']]]);
    expect(result.template.Resources.SameId!.Properties!.TopicName).toBe('a');
  });

  it('adds the asset-bucket and deployment-id parameters, stack tags, and stack outputs', () => {
    const result = compileStack(
      stackFixture(
        { fn: { type: 'function', properties: { packaging: buildpack('a.ts') } } },
        {
          stackConfig: {
            outputs: [{ name: 'fnArn', value: directive('ResourceParam', 'fn', 'arn'), description: 'the function', export: true }],
            tags: [{ name: 'team', value: 'core' }],
          },
        },
      ),
    );
    expect(result.diagnostics).toEqual([]);
    expect(Object.keys(result.template.Parameters ?? {})).toEqual(['StpAssetsBucket', 'StpDeploymentId']);
    expect(result.template.Resources.FnFunction!.Properties!.Tags).toEqual([
      { Key: 'stp:service', Value: 'app' },
      { Key: 'stp:stage', Value: 'dev' },
      { Key: 'team', Value: 'core' },
    ]);
    expect(result.template.Resources.FnLogGroup!.Properties!.Tags).toHaveLength(3);
    expect(result.template.Outputs?.fnArn).toEqual({
      Value: { 'Fn::GetAtt': ['FnFunction', 'Arn'] },
      Description: 'the function',
      Export: { Name: 'app-dev-fnArn' },
    });
  });

  it('merges cloudformationResources, applies overrides, and resolves $CfResourceParam to them', () => {
    const result = compileStack(
      stackFixture(
        {
          fn: {
            type: 'function',
            properties: { packaging: buildpack('a.ts'), environment: [{ name: 'ARCHIVE', value: directive('CfResourceParam', 'Archive', 'Arn') }] },
            overrides: { FnFunction: { Description: 'overridden' } },
          },
        },
        { cloudformationResources: { Archive: { Type: 'AWS::S3::Bucket', Properties: {} } } },
      ),
    );
    expect(result.diagnostics).toEqual([]);
    const r = result.template.Resources;
    expect(r.Archive).toEqual({ Type: 'AWS::S3::Bucket', Properties: {} });
    expect(r.FnFunction!.Properties!.Description).toBe('overridden');
    expect((r.FnFunction!.Properties!.Environment as { Variables: Record<string, unknown> }).Variables.ARCHIVE).toEqual({
      'Fn::GetAtt': ['Archive', 'Arn'],
    });
  });

  it('refuses an output that would carry a secret', () => {
    const result = compileStack(
      stackFixture({}, { stackConfig: { outputs: [{ name: 'pw', value: directive('Secret', 'db.password') }] } }),
    );
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([['STP_COMPILE_SECRET_IN_OUTPUT', ['stackConfig', 'outputs', 0, 'value']]]);
    expect(result.template.Outputs).toBeUndefined();
  });

  it('sorts resources, parameters, outputs and DependsOn; compiling twice gives the same JSON', () => {
    const stack = stackFixture({
      zed: { type: 'function', properties: { packaging: buildpack('z.ts') } },
      alpha: { type: 'function', properties: { packaging: buildpack('a.ts') } },
    });
    const a = compileStack(stack);
    const keys = Object.keys(a.template.Resources);
    expect(keys).toEqual([...keys].sort());
    expect(JSON.stringify(compileStack(stack))).toBe(JSON.stringify(a));
  });

  it('keeps outputs within CloudFormation\'s 200, the user\'s first, with a warning', () => {
    const resources = Object.fromEntries(
      Array.from({ length: 120 }, (_, i) => [`f${String(i).padStart(3, '0')}`, { type: 'function', properties: { packaging: buildpack('a.ts') } }]),
    );
    const result = compileStack(stackFixture(resources, { stackConfig: { outputs: [{ name: 'mine', value: 'x' }] } }));
    expect(Object.keys(result.template.Outputs ?? {})).toHaveLength(200);
    expect(result.template.Outputs?.mine).toEqual({ Value: 'x' });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['STP_COMPILE_OUTPUTS_LIMIT', 'warning']]);
  });

  it('records which config resource each generated resource belongs to', () => {
    const result = compileStack(
      stackFixture(
        { fn: { type: 'function', properties: { packaging: buildpack('a.ts') } } },
        { cloudformationResources: { Raw: { Type: 'AWS::SNS::Topic', Properties: {} } } },
      ),
    );
    expect(result.owners).toEqual({ FnFunction: 'fn', FnLogGroup: 'fn', FnRole: 'fn' });
  });

  it('keeps a string DependsOn of a cloudformationResources entry as one logical id', () => {
    const result = compileStack(
      stackFixture({}, { cloudformationResources: { First: { Type: 'AWS::SNS::Topic' }, B: { Type: 'AWS::SNS::Topic', DependsOn: 'First' } } } as never),
    );
    expect(result.template.Resources.B?.DependsOn).toEqual(['First']);
  });

  it('lists every compute type in the registry', () => {
    for (const type of ['function', 'deployment-script', 'multi-container-workload', 'web-service', 'private-service', 'worker-service', 'batch-job']) {
      expect(resourceCompilers[type]?.type).toBe(type);
    }
  });
});
