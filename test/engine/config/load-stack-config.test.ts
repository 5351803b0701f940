import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isRuntimeDirective } from '../../../src/engine/config/directives/directive.js';
import { loadStackConfig, loadStackConfigSource } from '../../../src/engine/config/load-stack-config.js';
import { sanitiseProjectName } from '../../../src/engine/config/resolved-stack.js';

const here = dirname(fileURLToPath(import.meta.url));
const examples = join(here, '../../../config/examples');
const temp = mkdtempSync(join(tmpdir(), 'stp-load-config-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function project(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

const BUCKET = 'resources:\n  files:\n    type: bucket\n';
const opts = { stage: 'dev', region: 'eu-west-1' };

describe('loadStackConfig on the examples', () => {
  it.each(['api-smoke-test', 'canary-workload', 'upload-pipeline'])('%s validates clean', async (name) => {
    const result = await loadStackConfig({ cwd: join(examples, name), ...opts });
    expect(result.diagnostics).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.file).toBe(join(examples, name, 'stacktape.yml'));
    expect(result.source).toContain('resources:');
    expect(result.resolved).toMatchObject({ stage: 'dev', region: 'eu-west-1', configDir: join(examples, name) });
  });

  it.each([
    ['api-smoke-test', 2],
    ['canary-workload', 2],
    ['upload-pipeline', 3],
  ])('%s: each of its %i Lambda entry files exists', async (name, count) => {
    const { resolved } = await loadStackConfig({ cwd: join(examples, name), ...opts });
    const entries = Object.values(resolved!.config.resources).flatMap((resource) => {
      const packaging = (resource.properties as { packaging?: { type: string; properties: { entryfilePath?: string } } }).packaging;
      return packaging?.type === 'stacktape-lambda-buildpack' ? [packaging.properties.entryfilePath!] : [];
    });
    expect(entries).toHaveLength(count);
    for (const entry of entries) expect(existsSync(join(examples, name, entry)), entry).toBe(true);
  });

  it('resolves directives, applies defaults and computes connections (api-smoke-test)', async () => {
    const { resolved } = await loadStackConfig({ cwd: join(examples, 'api-smoke-test'), ...opts });
    expect(resolved!.stackName).toBe('posts-api-dev');
    const script = resolved!.config.resources.smokeTest!;
    if (script.type !== 'deployment-script') throw new Error('smokeTest is a deployment script');
    expect(script.properties.trigger).toBe('after:deploy');
    expect(script.properties.timeout).toBe(60);
    expect(script.properties.storage).toBe(512); // Stacktape's default
    expect(isRuntimeDirective(script.properties.parameters!.apiUrl)).toBe(true);
    expect(script.properties.environment![1]).toEqual({ name: 'STAGE', value: 'dev' }); // $Stage() is local
    const db = resolved!.config.resources.postsDb!;
    if (db.type !== 'relational-database') throw new Error('postsDb is a database');
    expect(db.properties.credentials.masterUserPassword).toBe('local-dev-only-password'); // $Var()
    expect(Object.keys(resolved!.connections)).toContain('listPosts');
  });

  it('canary-workload keeps the strategy and both hook functions', async () => {
    const { resolved } = await loadStackConfig({ cwd: join(examples, 'canary-workload'), ...opts });
    const web = resolved!.config.resources.web!;
    if (web.type !== 'multi-container-workload') throw new Error('web is a multi-container workload');
    expect(web.properties.deployment).toEqual({
      strategy: 'Canary10Percent5Minutes',
      beforeAllowTrafficFunction: 'checkBeforeTraffic',
      afterTrafficShiftFunction: 'checkAfterShift',
      testListenerPort: 8080,
    });
    expect(web.properties.containers.map((c) => c.name)).toEqual(['migrate', 'app']);
    expect(web.properties.containers[1]!.dependsOn).toEqual([{ containerName: 'migrate', condition: 'SUCCESS' }]);
  });
});

describe('discovery', () => {
  it('finds stacktape.yml, then stacktape.yaml', async () => {
    const yaml = project('yaml-only', { 'stacktape.yaml': BUCKET });
    const result = await loadStackConfig({ cwd: yaml, ...opts });
    expect(result.ok).toBe(true);
    expect(result.file).toBe(join(yaml, 'stacktape.yaml'));
  });

  it('warns when both exist and uses stacktape.yml', async () => {
    const both = project('both', { 'stacktape.yml': BUCKET, 'stacktape.yaml': 'resources: {}\n' });
    const result = await loadStackConfig({ cwd: both, ...opts });
    expect(result.file).toBe(join(both, 'stacktape.yml'));
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toMatchObject([{ code: 'STP_CONFIG_AMBIGUOUS', severity: 'warning' }]);
  });

  it('says TypeScript configs are not supported yet', async () => {
    const ts = project('ts-config', { 'stacktape.ts': 'export default {}\n' });
    const result = await loadStackConfig({ cwd: ts, ...opts });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ code: 'STP_CONFIG_UNSUPPORTED_FORMAT', severity: 'error' });
    expect(result.diagnostics[0]!.message).toMatch(/TypeScript\/JavaScript config.*not support/);
  });

  it('reports a missing config with a hint, and a missing --config path', async () => {
    const empty = project('empty', {});
    const none = await loadStackConfig({ cwd: empty, ...opts });
    expect(none.diagnostics).toMatchObject([{ code: 'STP_CONFIG_NOT_FOUND' }]);
    expect(none.diagnostics[0]!.hint).toContain('--config');
    const missing = await loadStackConfig({ cwd: empty, configPath: 'nope.yml', ...opts });
    expect(missing.diagnostics).toMatchObject([{ code: 'STP_CONFIG_NOT_FOUND' }]);
    expect(missing.diagnostics[0]!.message).toContain('nope.yml');
  });

  it('accepts --config as a file of any name or a directory', async () => {
    const dir = project('custom-name', { 'stack.dev.yml': BUCKET, 'stacktape.yml': BUCKET });
    const byFile = await loadStackConfig({ cwd: temp, configPath: 'custom-name/stack.dev.yml', ...opts });
    expect(byFile.file).toBe(join(dir, 'stack.dev.yml'));
    const byDir = await loadStackConfig({ cwd: temp, configPath: 'custom-name', ...opts });
    expect(byDir.file).toBe(join(dir, 'stacktape.yml'));
  });
});

describe('stage and stack name', () => {
  it.each(['d', 'Production', 'my_stage', 'waytoolongstage1'])('rejects stage %j', async (stage) => {
    const dir = project('stage', { 'stacktape.yml': BUCKET });
    const result = await loadStackConfig({ cwd: dir, stage, region: 'eu-west-1' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['STP_CONFIG_INVALID_STAGE']);
  });

  it('names the stack after the sanitised directory when there is no serviceName', async () => {
    const dir = project('My App_v2', { 'stacktape.yml': BUCKET });
    const result = await loadStackConfig({ cwd: dir, stage: 'prod-eu', region: 'eu-west-1' });
    expect(result.resolved!.stackName).toBe('My-App-v2-prod-eu');
    expect(sanitiseProjectName('123')).toBe('stack');
    expect(sanitiseProjectName(basename('/x/_svc'))).toBe('svc');
  });

  it('prefers projectName over serviceName', async () => {
    const result = await loadStackConfigSource(`serviceName: legacy\n${BUCKET}`, '/p/stacktape.yml', { ...opts, projectName: 'shop' });
    expect(result.resolved!.stackName).toBe('shop-dev');
    expect((await loadStackConfigSource(`serviceName: legacy\n${BUCKET}`, '/p/stacktape.yml', opts)).resolved!.stackName).toBe('legacy-dev');
  });
});

describe('all errors at once', () => {
  it('reports errors of every resource and semantic errors next to schema errors, in source order', async () => {
    const source = [
      'resources:', //                                   1
      '  first:', //                                     2
      '    type: function', //                           3
      '    properties:', //                              4
      '      memory: lots', //                           5
      '  second:', //                                    6
      '    type: sqs-queue', //                          7
      '    properties:', //                              8
      '      fifoEnabled: maybe', //                     9
      '  third:', //                                     10
      '    type: bucket', //                             11
      '  caller:', //                                    12
      '    type: function', //                           13
      '    properties:', //                              14
      '      packaging:', //                             15
      '        type: stacktape-lambda-buildpack', //     16
      '        properties: { entryfilePath: a.ts }', //  17
      '      connectTo: [thrid]', //                     18
    ].join('\n');
    const result = await loadStackConfigSource(source, '/p/stacktape.yml', opts);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => [d.code, d.position?.line])).toEqual([
      ['STP_CONFIG_MISSING_PROPERTY', 4],
      ['STP_CONFIG_INVALID_TYPE', 5],
      ['STP_CONFIG_INVALID_TYPE', 9],
      ['STP_CONFIG_UNKNOWN_REFERENCE', 18],
    ]);
    expect(result.diagnostics[3]!.hint).toContain('third');
  });

  it('accepts both spellings of the 1-minute linear strategy', async () => {
    for (const strategy of ['Linear10PercentEvery1Minute', 'Linear10PercentEvery1Minutes']) {
      const source = `resources:
  lb:
    type: application-load-balancer
  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.25, memory: 512 }
      containers:
        - name: web
          packaging: { type: prebuilt-image, properties: { image: nginx } }
          events:
            - { type: application-load-balancer, properties: { loadBalancerName: lb, containerPort: 80, priority: 1 } }
      deployment: { strategy: ${strategy}, manualApproval: true }
`;
      const result = await loadStackConfigSource(source, '/p/stacktape.yml', opts);
      expect(result.diagnostics).toEqual([]);
    }
  });
});

describe('directive errors', () => {
  it('are not repeated by the schema at the same place', async () => {
    const source = 'resources:\n  api:\n    type: function\n    properties:\n      packaging: { type: stacktape-lambda-buildpack, properties: { entryfilePath: a.ts } }\n      memory: $Varr().memory\n';
    const result = await loadStackConfigSource(source, '/p/stacktape.yml', opts);
    expect(result.diagnostics.map((d) => [d.code, d.position?.line])).toEqual([['STP_CONFIG_UNKNOWN_DIRECTIVE', 6]]);
  });
});
