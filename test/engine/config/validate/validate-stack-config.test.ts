import { describe, expect, it } from 'vitest';
import type { RuntimeDirective } from '../../../../src/engine/config/directives/directive.js';
import { SUPPORTED_RESOURCE_TYPES } from '../../../../src/engine/config/schema/resource-types.js';
import { validateStackConfig } from '../../../../src/engine/config/validate/validate-stack-config.js';

const positions = { positionOf: () => ({ file: 'stacktape.yml', line: 1, column: 1 }) };
const validate = (config: unknown) => validateStackConfig(config, positions);
const codes = (config: unknown) => validate(config).diagnostics.map((d) => `${d.code} ${(d.path ?? []).join('.')}`);

const directive = (name: RuntimeDirective['name'], ...args: string[]): RuntimeDirective => ({
  kind: 'directive',
  name,
  args,
  path: [],
  source: `$${name}(${args.map((a) => `'${a}'`).join(', ')})`,
});

const lambdaPackaging = { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: './a.ts' } };
const image = { type: 'prebuilt-image', properties: { image: 'nginx:1.27' } };
const fn = (properties: Record<string, unknown> = {}) => ({ type: 'function', properties: { packaging: lambdaPackaging, ...properties } });
const mcw = (container: Record<string, unknown> = {}, properties: Record<string, unknown> = {}) => ({
  type: 'multi-container-workload',
  properties: {
    resources: { cpu: 0.25, memory: 512 },
    containers: [{ name: 'web', packaging: image, ...container }],
    ...properties,
  },
});

describe('defaults', () => {
  it('applies Stacktape defaults: deployment-script timeout 10 and storage 512, scaling 1..1, pipeStdio', () => {
    const { config, diagnostics } = validate({
      scripts: { migrate: { type: 'local-script', properties: { executeCommand: 'npm run migrate' } } },
      resources: {
        seed: { type: 'deployment-script', properties: { trigger: 'after:deploy', packaging: lambdaPackaging } },
        api: fn(),
        files: { type: 'bucket' },
        web: { type: 'web-service', properties: { packaging: image, resources: { cpu: 0.5, memory: 1024 }, scaling: {} } },
      },
    });
    expect(diagnostics).toEqual([]);
    const r = config!.resources;
    expect(r.seed).toMatchObject({ properties: { timeout: 10, storage: 512 } });
    expect(r.api).toMatchObject({ properties: { timeout: 10, storage: 512 } });
    expect(r.files).toEqual({ type: 'bucket', properties: {} });
    expect(r.web).toMatchObject({ properties: { scaling: { minInstances: 1, maxInstances: 1 } } });
    expect(config!.scripts!.migrate!.properties.pipeStdio).toBe(true);
  });
});

describe('runtime directives', () => {
  it('are accepted wherever a string is, and kept as objects', () => {
    const url = directive('ResourceParam', 'api', 'url');
    const { config, diagnostics } = validate({
      resources: {
        api: { type: 'http-api-gateway', properties: { customDomains: [{ domainName: directive('CfFormat', '{}.example.com') }] } },
        seed: {
          type: 'deployment-script',
          properties: {
            trigger: 'after:deploy',
            packaging: lambdaPackaging,
            parameters: { apiUrl: url },
            environment: [{ name: 'DB', value: directive('Secret', 'db.url') }],
            iamRoleStatements: [{ Action: ['s3:GetObject'], Resource: [directive('CfResourceParam', 'Bucket', 'Arn')] }],
          },
        },
      },
      stackConfig: { outputs: [{ name: 'apiUrl', value: url }] },
    });
    expect(diagnostics).toEqual([]);
    expect(config!.stackConfig!.outputs![0]!.value).toBe(url);
  });

  it('are rejected where a number is required', () => {
    expect(codes({ resources: { api: fn({ memory: directive('ResourceParam', 'x', 'y') }) } })).toEqual([
      'STP_CONFIG_INVALID_TYPE resources.api.properties.memory',
    ]);
  });
});

describe('issue 2 rules', () => {
  it('trigger is after:deploy or before:delete, with a did-you-mean', () => {
    const result = validate({ resources: { s: { type: 'deployment-script', properties: { trigger: 'after:deplyo', packaging: lambdaPackaging } } } });
    expect(result.diagnostics).toMatchObject([
      { code: 'STP_CONFIG_INVALID_ENUM', expected: 'one of: after:deploy, before:delete', hint: 'did you mean "after:deploy"?' },
    ]);
  });

  it('dependsOn conditions are START, COMPLETE, SUCCESS, HEALTHY', () => {
    for (const condition of ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY']) {
      expect(codes({ resources: { app: mcw({ dependsOn: [{ containerName: 'x', condition }] }) } })).toEqual([]);
    }
    expect(codes({ resources: { app: mcw({ dependsOn: [{ containerName: 'x', condition: 'READY' }] }) } })).toEqual([
      'STP_CONFIG_INVALID_ENUM resources.app.properties.containers.0.dependsOn.0.condition',
    ]);
  });

  it('stopTimeout is a whole number from 2 to 120', () => {
    expect(codes({ resources: { app: mcw({ stopTimeout: 2 }) } })).toEqual([]);
    expect(codes({ resources: { app: mcw({ stopTimeout: 120 }) } })).toEqual([]);
    const over = validate({ resources: { app: mcw({ stopTimeout: 121 }) } }).diagnostics;
    expect(over).toMatchObject([{ code: 'STP_CONFIG_OUT_OF_RANGE', expected: 'a number from 2 to 120' }]);
  });

  it('container events are http-api-gateway, application-load-balancer, network-load-balancer, workload-internal, service-connect', () => {
    const events = [
      { type: 'http-api-gateway', properties: { containerPort: 80, httpApiGatewayName: 'api', method: 'GET', path: '/' } },
      { type: 'application-load-balancer', properties: { containerPort: 80, loadBalancerName: 'lb', priority: 1 } },
      { type: 'network-load-balancer', properties: { containerPort: 80, loadBalancerName: 'nlb', listenerPort: 443 } },
      { type: 'workload-internal', properties: { containerPort: 80 } },
      { type: 'service-connect', properties: { containerPort: 80, alias: 'web' } },
    ];
    expect(codes({ resources: { app: mcw({ events }) } })).toEqual([]);
    const bad = validate({ resources: { app: mcw({ events: [{ type: 'schedule', properties: {} }] }) } }).diagnostics;
    expect(bad).toMatchObject([{ code: 'STP_CONFIG_INVALID_ENUM', message: 'unknown event type "schedule"' }]);
  });

  it('resources need cpu and memory (Fargate) or instanceTypes (EC2)', () => {
    expect(codes({ resources: { app: mcw({}, { resources: { instanceTypes: ['c6g.large'] } }) } })).toEqual([]);
    expect(codes({ resources: { app: mcw({}, { resources: { cpu: 1 } }) } })).toEqual([
      'STP_CONFIG_MISSING_PROPERTY resources.app.properties.resources.memory',
    ]);
    expect(codes({ resources: { app: mcw({}, { resources: { cpu: 0.3, memory: 512 } }) } })).toEqual([
      'STP_CONFIG_INVALID_ENUM resources.app.properties.resources.cpu',
    ]);
  });

  it('scaling takes min/max and the two utilization targets', () => {
    const scaling = { minInstances: 2, maxInstances: 4, scalingPolicy: { keepAvgCpuUtilizationUnder: 70, keepAvgMemoryUtilizationUnder: 80 } };
    expect(codes({ resources: { app: mcw({}, { scaling }) } })).toEqual([]);
    expect(codes({ resources: { app: mcw({}, { scaling: { ...scaling, scalingPolicy: { keepAvgCpuUtilizationUnder: 150 } } }) } })).toEqual([
      'STP_CONFIG_OUT_OF_RANGE resources.app.properties.scaling.scalingPolicy.keepAvgCpuUtilizationUnder',
    ]);
  });

  it('deployment strategies and hooks', () => {
    for (const strategy of ['Canary10Percent5Minutes', 'Canary10Percent15Minutes', 'Linear10PercentEvery1Minute', 'Linear10PercentEvery1Minutes', 'Linear10PercentEvery3Minutes', 'AllAtOnce']) {
      const deployment = { strategy, beforeAllowTrafficFunction: 'a', afterTrafficShiftFunction: 'b', testListenerPort: 8080, manualApproval: true };
      expect(codes({ resources: { app: mcw({}, { deployment }) } })).toEqual([]);
    }
    const typo = validate({ resources: { app: mcw({}, { deployment: { strategy: 'Canary10percent5Minutes' } }) } }).diagnostics;
    expect(typo).toMatchObject([{ code: 'STP_CONFIG_INVALID_ENUM', hint: 'did you mean "Canary10Percent5Minutes"?' }]);
    expect(codes({ resources: { api: fn({ deployment: { strategy: 'Linear10PercentEvery10Minutes' } }) } })).toEqual([]);
  });
});

describe('resource dispatch by type', () => {
  it('reports each bad resource on its own, with specific messages', () => {
    const result = validate({
      resources: {
        a: fn({ memory: 64 }),
        b: { type: 'sqs-queue', properties: { fifoEnabled: 'yes' } },
        c: { type: 'dynamo-db-table', properties: { primaryKey: { partitionKey: { name: 'id', type: 'str' } } } },
        d: { type: 'bucket', properties: { versionning: true } },
      },
    });
    expect(result.config).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.path?.join('.'), d.hint])).toEqual([
      ['STP_CONFIG_OUT_OF_RANGE', 'resources.a.properties.memory', undefined],
      ['STP_CONFIG_INVALID_TYPE', 'resources.b.properties.fifoEnabled', undefined],
      ['STP_CONFIG_INVALID_ENUM', 'resources.c.properties.primaryKey.partitionKey.type', 'did you mean "string"?'],
      ['STP_CONFIG_UNKNOWN_PROPERTY', 'resources.d.properties.versionning', 'did you mean "versioning"?'],
    ]);
  });

  it('names unsupported Stacktape types and lists the supported ones; suggests for misspelt types', () => {
    const [unsupported] = validate({ resources: { site: { type: 'nextjs-web', properties: {} } } }).diagnostics;
    expect(unsupported).toMatchObject({ code: 'STP_CONFIG_UNSUPPORTED_TYPE', path: ['resources', 'site', 'type'] });
    expect(unsupported!.message).toBe('resource type "nextjs-web" is not supported yet by stp (resource "site")');
    for (const type of SUPPORTED_RESOURCE_TYPES) expect(unsupported!.expected).toContain(type);
    const [misspelt] = validate({ resources: { q: { type: 'sqs-queu' } } }).diagnostics;
    expect(misspelt).toMatchObject({ code: 'STP_CONFIG_UNKNOWN_TYPE', hint: 'did you mean "sqs-queue"?' });
  });

  it('every supported type has a schema that accepts a minimal resource', () => {
    const minimal: Record<string, unknown> = {
      'deployment-script': { trigger: 'before:delete', packaging: lambdaPackaging },
      'multi-container-workload': mcw().properties,
      'web-service': { packaging: image, resources: { cpu: 0.25, memory: 512 } },
      'private-service': { packaging: image, resources: { cpu: 0.25, memory: 512 } },
      'worker-service': { packaging: image, resources: { cpu: 0.25, memory: 512 } },
      function: { packaging: lambdaPackaging },
      'batch-job': { container: { packaging: image }, resources: { cpu: 1, memory: 2048 } },
      'relational-database': {
        credentials: { masterUserPassword: 'x' },
        engine: { type: 'postgres', properties: { version: '16.6', primaryInstance: { instanceSize: 'db.t4g.micro' } } },
      },
      'dynamo-db-table': { primaryKey: { partitionKey: { name: 'id', type: 'string' } } },
      'redis-cluster': { defaultUserPassword: 'x', instanceSize: 'cache.t4g.micro' },
    };
    for (const type of SUPPORTED_RESOURCE_TYPES) {
      const resource = minimal[type] ? { type, properties: minimal[type] } : { type };
      expect({ type, codes: codes({ resources: { r: resource } }) }).toEqual({ type, codes: [] });
    }
  });

  it('says where a misplaced handler or entry file belongs', () => {
    const [handler] = validate({ resources: { api: fn({ handler: 'index.handler' }) } }).diagnostics;
    expect(handler).toMatchObject({ code: 'STP_CONFIG_UNKNOWN_PROPERTY' });
    expect(handler!.hint).toContain('packaging.properties.handlerFunction');
  });

  it('links a missing required key to its misspelt sibling', () => {
    const result = validate({ resources: { s: { type: 'deployment-script', properties: { triger: 'after:deploy', packaging: lambdaPackaging } } } });
    expect(result.diagnostics.map((d) => [d.code, d.hint])).toEqual([
      ['STP_CONFIG_MISSING_PROPERTY', '"triger" (line 1) looks like a misspelling of "trigger"'],
      ['STP_CONFIG_UNKNOWN_PROPERTY', 'did you mean "trigger"?'],
    ]);
  });

  it('rejects unknown top-level keys and requires resources', () => {
    expect(codes({ stackName: 'x', resources: {} })).toEqual(['STP_CONFIG_UNKNOWN_PROPERTY stackName']);
    expect(codes({ serviceName: 'x' })).toEqual(['STP_CONFIG_MISSING_PROPERTY resources']);
    expect(codes({ budgetControl: { limit: 100 }, providerConfig: {}, directives: [], hooks: { beforeDeploy: [{ scriptName: 'a' }] }, resources: {} })).toEqual([]);
  });
});
