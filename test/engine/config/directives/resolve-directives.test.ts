import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuntimeDirective } from '../../../../src/engine/config/directives/directive.js';
import { resolveDirectives } from '../../../../src/engine/config/directives/resolve-directives.js';
import { yamlSource } from './yaml-source.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function resolve(yaml: string) {
  const source = yamlSource(yaml);
  const root = source.value as Record<string, unknown>;
  return resolveDirectives(root, {
    stage: 'dev',
    region: 'eu-west-1',
    configDir: fixtures,
    file: 'stacktape.yml',
    variables: root.variables,
    positionOf: source.positionOf,
  });
}

/** Resolve `v: <scalar>` and return the resolved value. */
function value(scalar: string, variables = '') {
  const r = resolve(`${variables}\nv: ${scalar}\n`);
  expect(r.diagnostics).toEqual([]);
  return (r.value as Record<string, unknown>).v;
}

function onlyDiagnostic(yaml: string) {
  const r = resolve(yaml);
  expect(r.diagnostics).toHaveLength(1);
  return r.diagnostics[0]!;
}

describe('local directives', () => {
  it.each([
    ['$Stage()', 'dev'],
    ['$Region()', 'eu-west-1'],
    ['"$Format(\'{}-{}\', $Stage(), \'api\')"', 'dev-api'],
    ["$Format('{}:{}', 1, true)", '1:true'],
    ["$Format('{stage()}-auth')", '{stage()}-auth'],
    ["$Format('x-{}', $Format('{}{}', $Stage(), $Region()))", 'x-deveu-west-1'],
    ['plain text with $5', 'plain text with $5'],
    ['"${AWS::Region}"', '${AWS::Region}'],
  ])('%s → %j', (scalar, expected) => {
    expect(value(scalar)).toBe(expected);
  });

  it('resolves $Var paths, including objects, lists and numbers', () => {
    const vars = 'variables:\n  db:\n    port: 5432\n    hosts: [a, b]\n  name: $Stage()\n';
    expect(value('$Var().db.port', vars)).toBe(5432);
    expect(value('$Var().db.hosts.1', vars)).toBe('b');
    expect(value('$Var().db', vars)).toEqual({ port: 5432, hosts: ['a', 'b'] });
    expect(value('$Var().name', vars)).toBe('dev');
  });

  it('resolves variables that use other variables, in any order', () => {
    const vars = "variables:\n  full: $Format('{}-{}', $Var().prefix, $Var().suffix)\n  prefix: $Var().base\n  base: app\n  suffix: $Stage()\n";
    expect(value('$Var().full', vars)).toBe('app-dev');
    const r = resolve(`${vars}\nv: 1\n`);
    expect((r.value as { variables: unknown }).variables).toEqual({ full: 'app-dev', prefix: 'app', base: 'app', suffix: 'dev' });
  });

  it('reads $File as JSON, YAML and dotenv, with a property path', () => {
    expect(value("$File('settings.json').db.instanceSize")).toBe('db.t4g.micro');
    expect(value("$File('settings.json').domains.0")).toBe('a.example.com');
    expect(value("$File('settings.yml').db")).toEqual({ instanceSize: 'db.t4g.small', port: 3306 });
    expect(value("$File('.env.production')")).toEqual({
      API_KEY: 'abc123',
      PLAIN: 'hello world',
      QUOTED: 'line1\nline2',
      SINGLE: 'no $escape \\n here',
      MULTI: 'first\nsecond',
    });
    expect(value("$File($Format('settings.{}', 'json')).db.port")).toBe(5432);
  });

  it('leaves text that only looks like a directive inside a longer string', () => {
    expect(value(`"awk '{print $NF($1)}' && echo $(date) $Stage()"`)).toBe("awk '{print $NF($1)}' && echo $(date) dev");
    expect(value('"price: $amount(usd"')).toBe('price: $amount(usd');
  });

  it('resolves directives embedded in a longer string', () => {
    expect(value('img-$Stage()-$Region()')).toBe('img-dev-eu-west-1');
    expect(value('file-$Stage().txt')).toBe('file-dev.txt');
    expect(value('"https://$Var().host/x"', 'variables:\n  host: example.com\n')).toBe('https://example.com/x');
    expect(value("'port $Var().port'", 'variables:\n  port: 80\n')).toBe('port 80');
  });
});

describe('runtime directives', () => {
  it('become RuntimeDirective objects with their position', () => {
    const r = resolve("resources:\n  api:\n    url: $ResourceParam('myApi', 'url')\n");
    expect(r.diagnostics).toEqual([]);
    const d = (r.value as { resources: { api: { url: RuntimeDirective } } }).resources.api.url;
    expect(d).toEqual({
      kind: 'directive',
      name: 'ResourceParam',
      args: ['myApi', 'url'],
      path: [],
      source: "$ResourceParam('myApi', 'url')",
      position: { file: 'stacktape.yml', line: 3, column: 10, endLine: 3, endColumn: 40 },
    });
  });

  it.each([
    ["$Secret('db.password')", 'Secret', ['db.password'], []],
    ["$Secret('db').password", 'Secret', ['db'], ['password']],
    ["$CfResourceParam('MyBucketBucket', 'Arn')", 'CfResourceParam', ['MyBucketBucket', 'Arn'], []],
    ["$ResourceParam($Format('{}Db', $Stage()), 'host')", 'ResourceParam', ['devDb', 'host'], []],
  ])('%s', (scalar, name, args, path) => {
    expect(value(`"${scalar}"`)).toMatchObject({ kind: 'directive', name, args, path });
  });

  it('keeps runtime arguments inside $CfFormat and resolves local ones', () => {
    const v = value(`"$CfFormat('{}://{}:{}', $Var().scheme, $ResourceParam('db', 'host'), 5432)"`, 'variables:\n  scheme: postgres\n');
    expect(v).toMatchObject({
      name: 'CfFormat',
      args: ['{}://{}:{}', 'postgres', { kind: 'directive', name: 'ResourceParam', args: ['db', 'host'] }, 5432],
    });
  });

  it('carries a runtime variable through $Var, appending the property path', () => {
    const v = value('$Var().creds.password', "variables:\n  creds: $Secret('db')\n");
    expect(v).toMatchObject({ name: 'Secret', args: ['db'], path: ['password'] });
  });

  it('keeps literal {} out of the $CfFormat template', () => {
    const v = value(`"{} $ResourceParam('a', 'b')"`);
    expect(v).toMatchObject({ name: 'CfFormat', args: ['{}{}', '{} ', { name: 'ResourceParam' }] });
  });

  it('turns an embedded runtime directive into $CfFormat', () => {
    const v = value("\"postgres://$ResourceParam('db', 'host'):5432/$Stage()\"");
    expect(v).toMatchObject({
      kind: 'directive',
      name: 'CfFormat',
      args: ['postgres://{}:5432/dev', { name: 'ResourceParam', args: ['db', 'host'] }],
      path: [],
    });
  });
});

describe('errors', () => {
  // Each row: YAML, code, line, column. Columns are 1-based and point inside the scalar.
  const table: [string, string, string, number, number][] = [
    ['syntax in a plain scalar', "v: $Secret('abc)\n", 'STP_CONFIG_DIRECTIVE_SYNTAX', 1, 12],
    ['syntax in a quoted scalar', 'v: "$Format(\'{}\', $Stage(, 1)"\n', 'STP_CONFIG_DIRECTIVE_SYNTAX', 1, 26],
    ['syntax in an embedded directive', "v: 'x-$Var(.y'\n", 'STP_CONFIG_DIRECTIVE_SYNTAX', 1, 12],
    ['unknown directive', 'v: $Stag()\n', 'STP_CONFIG_UNKNOWN_DIRECTIVE', 1, 4],
    ['unknown nested directive', "v: $Format('{}', $Regio())\n", 'STP_CONFIG_UNKNOWN_DIRECTIVE', 1, 18],
    ['unsupported directive', "v: $SsmParam('/a')\n", 'STP_CONFIG_UNSUPPORTED_DIRECTIVE', 1, 4],
    ['unsupported embedded', 'v: a-$GitInfo()\n', 'STP_CONFIG_UNSUPPORTED_DIRECTIVE', 1, 6],
    ['misspelt embedded', 'v: a-$Regoin()\n', 'STP_CONFIG_UNKNOWN_DIRECTIVE', 1, 6],
    ['unknown name as the whole value', 'v: $fetchDomain()\n', 'STP_CONFIG_UNKNOWN_DIRECTIVE', 1, 4],
    ['placeholder count', "v: $Format('{}-{}', $Stage())\n", 'STP_CONFIG_FORMAT_ARG_COUNT', 1, 4],
    ['$CfFormat placeholder count', "v: $CfFormat('{}', 1, 2)\n", 'STP_CONFIG_FORMAT_ARG_COUNT', 1, 4],
    ['runtime inside $Format', "v: $Format('{}', $ResourceParam('a', 'b'))\n", 'STP_CONFIG_RUNTIME_IN_LOCAL_DIRECTIVE', 1, 18],
    ['runtime path for $File', "v: $File($Secret('x'))\n", 'STP_CONFIG_RUNTIME_IN_LOCAL_DIRECTIVE', 1, 10],
    ['wrong arity', 'v: $Stage(1)\n', 'STP_CONFIG_DIRECTIVE_ARGUMENTS', 1, 4],
    ['number where a name is needed', "v: $ResourceParam('a', 3)\n", 'STP_CONFIG_DIRECTIVE_ARGUMENTS', 1, 24],
    ['$Var without a name', 'v: $Var()\n', 'STP_CONFIG_DIRECTIVE_ARGUMENTS', 1, 4],
    ['unknown variable', 'variables:\n  domain: x\nv: $Var().domian\n', 'STP_CONFIG_UNKNOWN_VARIABLE', 3, 4],
    ['missing file', "v: $File('nope.json')\n", 'STP_CONFIG_FILE_NOT_FOUND', 1, 10],
    ['unsupported file format', "v: $File('notes.txt')\n", 'STP_CONFIG_FILE_FORMAT', 1, 10],
    ['broken JSON file', "v: $File('broken.json')\n", 'STP_CONFIG_FILE_PARSE', 1, 10],
    ['missing key in a file', "v: $File('settings.json').db.size\n", 'STP_CONFIG_DIRECTIVE_PATH_NOT_FOUND', 1, 4],
    ['object embedded in text', "v: x-$File('settings.json')\n", 'STP_CONFIG_DIRECTIVE_TYPE', 1, 6],
  ];
  it.each(table)('%s', (_label, yaml, code, line, column) => {
    const d = onlyDiagnostic(yaml);
    expect(d.code).toBe(code);
    expect(d.severity).toBe('error');
    expect(d.position).toMatchObject({ file: 'stacktape.yml', line, column });
    expect(d.path).toEqual(['v']);
    expect(d.expected).toBeTruthy();
    expect(d.hint).toBeTruthy();
  });

  it('leaves a failed string as written', () => {
    const r = resolve('v: $Stag()\n');
    expect((r.value as { v: unknown }).v).toBe('$Stag()');
  });

  it('lists the valid directives and suggests the closest', () => {
    const d = onlyDiagnostic('v: $Stag()\n');
    expect(d.message).toBe('unknown directive $Stag()');
    expect(d.expected).toBe('one of: $Stage, $Region, $Var, $Format, $File, $ResourceParam, $CfResourceParam, $Secret, $CfFormat');
    expect(d.hint).toBe('did you mean $Stage()?');
  });

  it('says a Stacktape directive is not supported yet, with a workaround', () => {
    const d = onlyDiagnostic("v: $CliArgs('stage')\n");
    expect(d.message).toBe('$CliArgs() is a Stacktape directive that stp does not support yet');
    expect(d.hint).toContain('$Stage()');
  });

  it('says a custom directive is not supported', () => {
    const d = onlyDiagnostic("directives:\n  - name: getDomain\n    filePath: d.ts:getDomain\nv: $getDomain($Stage())\n");
    expect(d.code).toBe('STP_CONFIG_UNSUPPORTED_DIRECTIVE');
    expect(d.message).toContain('custom directive');
  });

  it('suggests a close variable name', () => {
    const d = onlyDiagnostic('variables:\n  domain: x\nv: $Var().domian\n');
    expect(d.hint).toBe('did you mean $Var().domain?');
    expect(d.expected).toBe('one of: domain');
  });

  it('names the cycle between variables once, at the reference that closes it', () => {
    const r = resolve('variables:\n  a: $Var().b\n  b: $Format(\'{}x\', $Var().a)\nv: $Var().a\nw: $Var().b\n');
    expect(r.diagnostics).toHaveLength(1);
    const d = r.diagnostics[0]!;
    expect(d.code).toBe('STP_CONFIG_VAR_CYCLE');
    expect(d.message).toContain('a → b → a');
    expect(d.path).toEqual(['variables', 'b']);
    expect(d.position).toMatchObject({ line: 3, column: 21 });
  });

  it('detects a variable that refers to itself through its own object', () => {
    const d = onlyDiagnostic('variables:\n  x:\n    a: 1\n    b: $Var().x\n');
    expect(d.code).toBe('STP_CONFIG_VAR_CYCLE');
    expect(d.message).toContain('x → x.b → x');
  });

  it('does not call sibling references a cycle', () => {
    expect(value('$Var().x.b', 'variables:\n  x:\n    a: 1\n    b: $Var().x.a\n')).toBe(1);
  });

  it('reports every problem at once, not the first only', () => {
    const r = resolve("a: $Stag()\nb: $Format('{}')\nc: $File('nope.json')\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual([
      'STP_CONFIG_UNKNOWN_DIRECTIVE',
      'STP_CONFIG_FORMAT_ARG_COUNT',
      'STP_CONFIG_FILE_NOT_FOUND',
    ]);
  });

  it('falls back to the scalar start when it cannot map columns (multi-line scalars)', () => {
    const d = onlyDiagnostic('v: >-\n  $Stag()\n  more\n');
    expect(d.position).toMatchObject({ line: 1, column: 4 });
  });
});
