import { describe, expect, it } from 'vitest';
import type { CfnTemplate } from '../../../../src/engine/compile/compile-contract.js';
import type { DiagnosticInput } from '../../../../src/engine/compile/compile-context.js';
import type { StackInput } from '../../../../src/engine/compile/stack-input.js';
import { applyOverrides, mergeCloudformationResources } from '../../../../src/engine/compile/overrides/apply-overrides.js';

function template(): CfnTemplate {
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Resources: {
      MyFunctionFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: {
          Timeout: 10,
          Role: { 'Fn::GetAtt': ['MyFunctionRole', 'Arn'] },
          Environment: { Variables: { A: '1' } },
          Layers: ['arn:layer:1'],
        },
      },
      MyFunctionRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [] } } },
    },
  };
}

function stack(partial: Partial<StackInput>): StackInput {
  return { stackName: 'app-dev', stage: 'dev', serviceName: 'app', configDir: '/tmp', resources: {}, ...partial };
}

function reporter() {
  const diagnostics: DiagnosticInput[] = [];
  return { ctx: { addDiagnostic: (d: DiagnosticInput) => diagnostics.push(d) }, diagnostics };
}

describe('mergeCloudformationResources', () => {
  it('adds raw resources as written', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    mergeCloudformationResources(t, stack({ cloudformationResources: { MySnsTopic: { Type: 'AWS::SNS::Topic' } } }), ctx);
    expect(t.Resources.MySnsTopic).toEqual({ Type: 'AWS::SNS::Topic' });
    expect(diagnostics).toEqual([]);
  });

  it('reports a logical id collision and keeps the generated resource', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    mergeCloudformationResources(t, stack({ cloudformationResources: { MyFunctionRole: { Type: 'AWS::SNS::Topic' } } }), ctx);
    expect(t.Resources.MyFunctionRole?.Type).toBe('AWS::IAM::Role');
    expect(diagnostics[0]).toMatchObject({
      code: 'STP_COMPILE_LOGICAL_ID_COLLISION',
      path: ['cloudformationResources', 'MyFunctionRole'],
    });
  });

  it('reports a raw resource without Type or with an invalid logical id', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    mergeCloudformationResources(
      t,
      stack({ cloudformationResources: { NoType: { Properties: {} } as never, 'bad-id': { Type: 'AWS::SNS::Topic' } } }),
      ctx,
    );
    expect(diagnostics.map((d) => d.code)).toEqual([
      'STP_COMPILE_INVALID_CLOUDFORMATION_RESOURCE',
      'STP_COMPILE_INVALID_CLOUDFORMATION_RESOURCE',
    ]);
    expect(t.Resources.NoType).toBeUndefined();
  });
});

describe('applyOverrides', () => {
  it('sets top-level and dotted property paths, replacing what stp generated', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    applyOverrides(
      t,
      stack({
        resources: {
          myFunction: {
            type: 'function',
            overrides: {
              MyFunctionFunction: {
                Timeout: 15,
                'Environment.Variables.B': '2',
                'Layers.1': 'arn:layer:2',
                'TracingConfig.Mode': 'Active',
              },
              MyFunctionRole: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] } },
            },
          },
        },
      }),
      ctx,
    );
    expect(diagnostics).toEqual([]);
    expect(t.Resources.MyFunctionFunction?.Properties).toEqual({
      Timeout: 15,
      Role: { 'Fn::GetAtt': ['MyFunctionRole', 'Arn'] },
      Environment: { Variables: { A: '1', B: '2' } },
      Layers: ['arn:layer:1', 'arn:layer:2'],
      TracingConfig: { Mode: 'Active' },
    });
    expect(t.Resources.MyFunctionRole?.Properties?.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow' }],
    });
  });

  it('reports an unknown logical id with did-you-mean and the resource own ids', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    applyOverrides(t, stack({ resources: { myFunction: { type: 'function', overrides: { MyFunctionFuncton: { Timeout: 1 } } } } }), ctx);
    expect(diagnostics[0]).toMatchObject({
      code: 'STP_COMPILE_UNKNOWN_OVERRIDE_TARGET',
      path: ['resources', 'myFunction', 'overrides', 'MyFunctionFuncton'],
      expected: 'one of: MyFunctionFunction, MyFunctionRole',
      hint: 'did you mean "MyFunctionFunction"?',
    });
  });

  it('does not override raw cloudformationResources', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    const s = stack({
      cloudformationResources: { MySnsTopic: { Type: 'AWS::SNS::Topic' } },
      resources: { myFunction: { type: 'function', overrides: { MySnsTopic: { TopicName: 'x' } } } },
    });
    mergeCloudformationResources(t, s, ctx);
    applyOverrides(t, s, ctx);
    expect(diagnostics.map((d) => d.code)).toEqual(['STP_COMPILE_UNKNOWN_OVERRIDE_TARGET']);
  });

  it('reports a property the type does not have, a path through an intrinsic, and a bad path', () => {
    const t = template();
    const { ctx, diagnostics } = reporter();
    applyOverrides(
      t,
      stack({
        resources: {
          myFunction: {
            type: 'function',
            overrides: { MyFunctionFunction: { Timout: 3, 'Role.Arn': 'x', 'Environment..A': 1, 'Layers.x': 'y', __proto__x: 1 } },
          },
        },
      }),
      ctx,
    );
    expect(diagnostics.map((d) => [d.code, d.path?.at(-1), d.hint])).toEqual([
      ['STP_COMPILE_INVALID_OVERRIDE', 'Timout', 'did you mean "Timeout"?'],
      ['STP_COMPILE_INVALID_OVERRIDE', 'Role.Arn', undefined],
      ['STP_COMPILE_INVALID_OVERRIDE', 'Environment..A', undefined],
      ['STP_COMPILE_INVALID_OVERRIDE', 'Layers.x', undefined],
      ['STP_COMPILE_INVALID_OVERRIDE', '__proto__x', undefined],
    ]);
    expect(t.Resources.MyFunctionFunction?.Properties?.Role).toEqual({ 'Fn::GetAtt': ['MyFunctionRole', 'Arn'] });
  });
});

describe('overrides in a compiled stack', () => {
  it('apply to generated resources after compile, with directives in override values converted', async () => {
    const { compileWith, directive, errors } = await import('../resources/compile-data-fixture.js');
    const { sqsQueueCompiler } = await import('../../../../src/engine/compile/resources/sqs-queue.js');
    const result = compileWith([sqsQueueCompiler], {
      jobs: {
        type: 'sqs-queue',
        properties: {},
        overrides: {
          JobsQueue: {
            VisibilityTimeout: 300,
            'RedrivePolicy.deadLetterTargetArn': directive('ResourceParam', 'dlq', 'arn'),
            'RedrivePolicy.maxReceiveCount': 4,
          },
        },
      },
      dlq: { type: 'sqs-queue', properties: {} },
    });
    expect(errors(result.diagnostics)).toEqual([]);
    expect(errors(result.validation)).toEqual([]);
    expect(result.template.Resources.JobsQueue?.Properties).toMatchObject({
      VisibilityTimeout: 300,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['DlqQueue', 'Arn'] }, maxReceiveCount: 4 },
    });
  });
});
