import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../../src/engine/diagnostics/diagnostic.js';
import type { DirectiveArg, RuntimeDirective, RuntimeDirectiveName } from '../../../../src/engine/config/directives/directive.js';
import type { CfnValue } from '../../../../src/engine/compile/compile-contract.js';
import type { DirectiveEnvironment } from '../../../../src/engine/compile/intrinsics/directive-to-intrinsic.js';
import {
  containsDirective,
  convertDirectives,
  directiveToIntrinsic,
} from '../../../../src/engine/compile/intrinsics/directive-to-intrinsic.js';
import type { CfnTypeReferenceInfo } from '../../../../src/engine/compile/intrinsics/cf-resource-param.js';

function directive(name: RuntimeDirectiveName, args: DirectiveArg[], path: string[] = []): RuntimeDirective {
  const source = `$${name}(${args.map((a) => (typeof a === 'string' ? `'${a}'` : String(a))).join(', ')})`;
  return { kind: 'directive', name, args, path, source, position: { file: 'stacktape.yml', line: 7, column: 9 } };
}

const types: Record<string, CfnTypeReferenceInfo> = {
  'AWS::SNS::Topic': { attributes: ['TopicArn', 'TopicName'], primaryIdentifier: ['TopicArn'] },
  'AWS::IAM::Role': { attributes: ['Arn', 'RoleId'], primaryIdentifier: ['RoleName'] },
  'AWS::SQS::Queue': { attributes: ['Arn', 'QueueName', 'QueueUrl'], primaryIdentifier: ['QueueUrl'] },
};

function environment(): { env: DirectiveEnvironment; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const params = new Map<string, Map<string, CfnValue>>([
    ['myTable', new Map<string, CfnValue>([
      ['name', { Ref: 'MyTableDynamoTable' }],
      ['arn', { 'Fn::GetAtt': ['MyTableDynamoTable', 'Arn'] }],
      ['streamArn', undefined],
    ])],
    ['myQueue', new Map<string, CfnValue>()],
  ]);
  const template: Record<string, string> = {
    MySnsTopic: 'AWS::SNS::Topic',
    MainLambdaRole: 'AWS::IAM::Role',
    JobQueue: 'AWS::SQS::Queue',
    Runner: 'Custom::DeploymentScript',
  };
  const env: DirectiveEnvironment = {
    resourceParamNames: (name) => {
      const p = params.get(name);
      return p ? [...p.keys()] : undefined;
    },
    resourceParamValue: (name, param) => params.get(name)?.get(param),
    resourceNames: () => params.keys(),
    cfnResourceType: (id) => template[id],
    logicalIds: () => Object.keys(template),
    cfnTypes: (type) => types[type],
    report: (d) => diagnostics.push(d),
  };
  return { env, diagnostics };
}

describe('$ResourceParam', () => {
  it('returns the value the resource declared for the param', () => {
    const { env, diagnostics } = environment();
    expect(directiveToIntrinsic(directive('ResourceParam', ['myTable', 'arn']), env)).toEqual({
      'Fn::GetAtt': ['MyTableDynamoTable', 'Arn'],
    });
    expect(directiveToIntrinsic(directive('ResourceParam', ['myTable', 'name']), env)).toEqual({ Ref: 'MyTableDynamoTable' });
    expect(diagnostics).toEqual([]);
  });

  it('reports an unknown resource at the directive position, with did-you-mean', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('ResourceParam', ['myTabel', 'arn']), env, { path: ['resources', 'fn', 'properties'] });
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'STP_DIRECTIVE_UNKNOWN_RESOURCE',
      severity: 'error',
      position: { file: 'stacktape.yml', line: 7, column: 9 },
      path: ['resources', 'fn', 'properties'],
      hint: 'did you mean "myTable"?',
    });
  });

  it('reports an unknown param and lists the valid ones', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('ResourceParam', ['myTable', 'streamArm']), env);
    expect(diagnostics[0]?.code).toBe('STP_DIRECTIVE_UNKNOWN_PARAM');
    expect(diagnostics[0]?.expected).toBe('one of: arn, name, streamArn');
    directiveToIntrinsic(directive('ResourceParam', ['myQueue', 'url']), env);
    expect(diagnostics[1]?.expected).toContain('exposes no params');
  });

  it('reports a declared param the resource does not produce', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('ResourceParam', ['myTable', 'streamArn']), env);
    expect(diagnostics[0]?.code).toBe('STP_DIRECTIVE_PARAM_UNAVAILABLE');
  });

  it('rejects wrong arguments and a trailing property path', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('ResourceParam', ['myTable']), env);
    directiveToIntrinsic(directive('ResourceParam', ['myTable', 'arn'], ['x']), env);
    expect(diagnostics.map((d) => d.code)).toEqual(['STP_DIRECTIVE_BAD_ARGUMENTS', 'STP_DIRECTIVE_UNSUPPORTED_PATH']);
  });
});

describe('$CfResourceParam', () => {
  it('is Fn::GetAtt for an attribute', () => {
    const { env, diagnostics } = environment();
    expect(directiveToIntrinsic(directive('CfResourceParam', ['MainLambdaRole', 'Arn']), env)).toEqual({
      'Fn::GetAtt': ['MainLambdaRole', 'Arn'],
    });
    expect(directiveToIntrinsic(directive('CfResourceParam', ['JobQueue', 'QueueUrl']), env)).toEqual({
      'Fn::GetAtt': ['JobQueue', 'QueueUrl'],
    });
    expect(diagnostics).toEqual([]);
  });

  it('is Ref for the primary identifier, including its short form', () => {
    const { env, diagnostics } = environment();
    expect(directiveToIntrinsic(directive('CfResourceParam', ['MainLambdaRole', 'RoleName']), env)).toEqual({ Ref: 'MainLambdaRole' });
    expect(directiveToIntrinsic(directive('CfResourceParam', ['MySnsTopic', 'Arn']), env)).toEqual({ Ref: 'MySnsTopic' });
    expect(diagnostics).toEqual([]);
  });

  it('accepts any attribute of a custom resource', () => {
    const { env } = environment();
    expect(directiveToIntrinsic(directive('CfResourceParam', ['Runner', 'Output']), env)).toEqual({
      'Fn::GetAtt': ['Runner', 'Output'],
    });
  });

  it('reports an unknown logical id and an unknown attribute', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('CfResourceParam', ['MainLambdaRol', 'Arn']), env);
    directiveToIntrinsic(directive('CfResourceParam', ['MainLambdaRole', 'Ar']), env);
    expect(diagnostics[0]).toMatchObject({ code: 'STP_DIRECTIVE_UNKNOWN_LOGICAL_ID', hint: 'did you mean "MainLambdaRole"?' });
    expect(diagnostics[1]).toMatchObject({
      code: 'STP_DIRECTIVE_UNKNOWN_ATTRIBUTE',
      expected: 'one of: Arn, RoleId, RoleName',
      hint: 'did you mean "Arn"?',
    });
  });
});

describe('$CfResourceParam before the resource exists', () => {
  it('hands out a GetAtt and rewrites it in place once the template is complete', () => {
    const { env, diagnostics } = environment();
    const checks: ((r: Record<string, { Type: string }>) => void)[] = [];
    env.deferUntilComplete = (check) => checks.push(check);
    const arn = directiveToIntrinsic(directive('CfResourceParam', ['LateTopic', 'Arn']), env);
    const missing = directiveToIntrinsic(directive('CfResourceParam', ['LateTopics', 'Arn']), env);
    expect(arn).toEqual({ 'Fn::GetAtt': ['LateTopic', 'Arn'] });
    const template = { Resources: { Fn: { Properties: { Topic: arn, Other: missing } } } };
    for (const check of checks) check({ LateTopic: { Type: 'AWS::SNS::Topic' } });
    expect(template.Resources.Fn.Properties.Topic).toEqual({ Ref: 'LateTopic' });
    expect(diagnostics.map((d) => [d.code, d.hint])).toEqual([['STP_DIRECTIVE_UNKNOWN_LOGICAL_ID', 'did you mean "LateTopic"?']]);
  });
});

describe('$Secret', () => {
  it('becomes a dynamic reference, never a value', () => {
    const { env, diagnostics } = environment();
    expect(directiveToIntrinsic(directive('Secret', ['db-credentials']), env)).toBe('{{resolve:secretsmanager:db-credentials}}');
    expect(directiveToIntrinsic(directive('Secret', ['db-credentials.password']), env)).toBe(
      '{{resolve:secretsmanager:db-credentials:SecretString:password}}',
    );
    expect(directiveToIntrinsic(directive('Secret', ['db-credentials'], ['password']), env)).toBe(
      '{{resolve:secretsmanager:db-credentials:SecretString:password}}',
    );
    expect(diagnostics).toEqual([]);
  });

  it('reports an invalid name and a nested key', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('Secret', ['bad name']), env);
    directiveToIntrinsic(directive('Secret', ['db.a.b']), env);
    directiveToIntrinsic(directive('Secret', [3]), env);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'STP_DIRECTIVE_BAD_SECRET',
      'STP_DIRECTIVE_BAD_SECRET',
      'STP_DIRECTIVE_BAD_ARGUMENTS',
    ]);
  });
});

describe('$CfFormat', () => {
  it('becomes Fn::Sub with an argument map, converting nested directives', () => {
    const { env, diagnostics } = environment();
    const value = directiveToIntrinsic(
      directive('CfFormat', ['{}/items/{}?n={}', directive('ResourceParam', ['myTable', 'name']), 'static', 3]),
      env,
    );
    expect(value).toEqual({
      'Fn::Sub': ['${Arg0}/items/${Arg1}?n=${Arg2}', { Arg0: { Ref: 'MyTableDynamoTable' }, Arg1: 'static', Arg2: '3' }],
    });
    expect(diagnostics).toEqual([]);
  });

  it('escapes a literal ${ and needs no map without arguments', () => {
    const { env } = environment();
    expect(directiveToIntrinsic(directive('CfFormat', ['cost: ${AWS::Region}']), env)).toEqual({ 'Fn::Sub': 'cost: ${!AWS::Region}' });
    expect(directiveToIntrinsic(directive('CfFormat', ['${x}-{}', 'a']), env)).toEqual({
      'Fn::Sub': ['${!x}-${Arg0}', { Arg0: 'a' }],
    });
  });

  it('reports a placeholder/argument count mismatch', () => {
    const { env, diagnostics } = environment();
    directiveToIntrinsic(directive('CfFormat', ['{}-{}', 'a']), env);
    expect(diagnostics[0]?.code).toBe('STP_DIRECTIVE_FORMAT_ARITY');
    expect(diagnostics[0]?.message).toContain('2 "{}" placeholders but 1 argument');
  });
});

describe('convertDirectives', () => {
  it('replaces directives anywhere in a value and keeps untouched parts by reference', () => {
    const { env, diagnostics } = environment();
    const untouched = { Timeout: 10, Tags: [{ Key: 'a', Value: 'b' }] };
    const input = {
      untouched,
      Environment: { Variables: { TABLE: directive('ResourceParam', ['myTable', 'name']), PLAIN: 'x' } },
      List: [1, directive('Secret', ['s.k'])],
    };
    const out = convertDirectives(input, env) as typeof input;
    expect(out).toEqual({
      untouched,
      Environment: { Variables: { TABLE: { Ref: 'MyTableDynamoTable' }, PLAIN: 'x' } },
      List: [1, '{{resolve:secretsmanager:s:SecretString:k}}'],
    });
    expect(out.untouched).toBe(untouched);
    expect(containsDirective(input)).toBe(true);
    expect(containsDirective(out)).toBe(false);
    expect(diagnostics).toEqual([]);
  });

  it('extends the config path for errors inside nested values', () => {
    const { env, diagnostics } = environment();
    convertDirectives({ a: [{ b: directive('ResourceParam', ['nope', 'x']) }] }, env, { path: ['resources', 'f'] });
    expect(diagnostics[0]?.path).toEqual(['resources', 'f', 'a', 0, 'b']);
  });
});
