import { describe, expect, it } from 'vitest';
import type { StackConfig } from '../../../../src/engine/config/schema/index.js';
import { checkSemantics } from '../../../../src/engine/config/semantics/check-semantics.js';
import { semanticDiagnostics } from './check-semantics-harness.js';

const fn = (extra = '') => `    type: function
    properties:
      packaging: { type: stacktape-lambda-buildpack, properties: { entryfilePath: a.ts } }
${extra}`;

/** Expect exactly one diagnostic and return it. */
function one(yaml: string) {
  const { diagnostics, directiveDiagnostics } = semanticDiagnostics(yaml);
  expect(directiveDiagnostics).toEqual([]);
  expect(diagnostics.map((d) => d.code)).toHaveLength(1);
  const d = diagnostics[0]!;
  expect(d.severity).toBe('error');
  expect(d.expected).toBeTruthy();
  expect(d.hint).toBeTruthy();
  return d;
}

function none(yaml: string) {
  const { diagnostics, directiveDiagnostics } = semanticDiagnostics(yaml);
  expect(directiveDiagnostics).toEqual([]);
  expect(diagnostics).toEqual([]);
}

describe('resource names', () => {
  it('rejects non-alphanumeric names and suggests one', () => {
    const d = one(`resources:\n  my-api:\n${fn()}`);
    expect(d).toMatchObject({
      code: 'STP_CONFIG_INVALID_RESOURCE_NAME',
      path: ['resources', 'my-api'],
      // Positions are those of the entry's value (the loader's positionOf convention).
      position: { line: 3, column: 5 },
      hint: 'rename it to "myApi"',
    });
  });

  it('points at the name itself when the loader can give key positions', () => {
    const d = one(`resources:\n  my-api:\n${fn()}`);
    const diagnostics = checkSemantics(
      { resources: { 'my-api': { type: 'function', properties: {} } } } as unknown as StackConfig,
      {
        file: 'stacktape.yml',
        positionOf: () => d.position,
        keyPositionOf: (path) => ({ file: 'stacktape.yml', line: 2, column: 3, endColumn: 3 + String(path.at(-1)).length }),
      },
    );
    expect(diagnostics[0]!.position).toEqual({ file: 'stacktape.yml', line: 2, column: 3, endColumn: 9 });
  });

  it('rejects names that collide as CloudFormation logical IDs', () => {
    const d = one(`resources:\n  api:\n${fn()}  Api:\n${fn()}`);
    expect(d.code).toBe('STP_CONFIG_DUPLICATE_RESOURCE_NAME');
    expect(d.message).toContain('"Api"');
  });
});

describe('$ResourceParam references', () => {
  const stack = (ref: string) => `resources:
  db:
    type: relational-database
    properties: {}
  api:
${fn(`      environment:\n        - name: X\n          value: ${ref}\n`)}`;

  it('accepts a known resource and parameter', () => {
    none(stack(`$ResourceParam('db', 'connectionString')`));
  });

  it('reports an unknown resource at the directive, with a did-you-mean', () => {
    const d = one(stack(`$ResourceParam('dbb', 'host')`));
    expect(d).toMatchObject({
      code: 'STP_CONFIG_UNKNOWN_REFERENCE',
      path: ['resources', 'api', 'properties', 'environment', 0, 'value'],
      position: { line: 11, column: 18 },
      hint: 'did you mean "db"?',
      expected: 'one of the resources: "db", "api"',
    });
  });

  it('reports an unknown parameter and lists the valid ones for the type', () => {
    const d = one(stack(`$ResourceParam('db', 'hots')`));
    expect(d.code).toBe('STP_CONFIG_UNKNOWN_RESOURCE_PARAM');
    expect(d.message).toContain('a relational-database has no parameter "hots"');
    expect(d.expected).toContain('"connectionString", "jdbcConnectionString", "host"');
    expect(d.hint).toBe('did you mean "host"?');
  });

  it('finds references nested in $CfFormat and embedded strings', () => {
    const d = one(stack(`"postgres://$ResourceParam('dbx', 'host'):5432"`));
    expect(d.code).toBe('STP_CONFIG_UNKNOWN_REFERENCE');
    expect(d.position).toMatchObject({ line: 11, column: 30 });
  });

  it('finds references through variables (position at the variable)', () => {
    const { diagnostics } = semanticDiagnostics(
      `variables:\n  h: $ResourceParam('nope', 'host')\nresources:\n  api:\n${fn(`      environment:\n        - name: X\n          value: $Var().h\n`)}`,
    );
    // Reported once, at the definition, although the variable is also used in a resource.
    expect(diagnostics.map((d) => [d.code, d.path?.[0]])).toEqual([['STP_CONFIG_UNKNOWN_REFERENCE', 'variables']]);
    expect(diagnostics[0]!.position).toMatchObject({ line: 2, column: 6 });
  });
});

describe('connectTo', () => {
  const stack = (list: string) => `resources:
  files:
    type: bucket
    properties: {}
  gateway:
    type: http-api-gateway
    properties: {}
  api:
${fn(`      connectTo: ${list}\n`)}
scripts:
  migrate:
    type: local-script
    properties:
      executeCommand: x
      connectTo: [filez]
`;
  it('reports unknown names, non-connectable types and self references', () => {
    const { diagnostics } = semanticDiagnostics(stack('[files, aws:ses, fils, gateway, api, aws:sqs]'));
    expect(diagnostics.map((d) => [d.code, d.path!.join('.'), d.hint])).toEqual([
      ['STP_CONFIG_UNKNOWN_REFERENCE', 'resources.api.properties.connectTo.2', 'did you mean "files"?'],
      ['STP_CONFIG_CANNOT_CONNECT_TO', 'resources.api.properties.connectTo.3', "read its address with $ResourceParam('gateway', 'url') in environment instead"],
      ['STP_CONFIG_CANNOT_CONNECT_TO', 'resources.api.properties.connectTo.4', 'remove it: a resource can always reach itself'],
      ['STP_CONFIG_UNKNOWN_REFERENCE', 'resources.api.properties.connectTo.5', 'did you mean "aws:ses"?'],
      ['STP_CONFIG_UNKNOWN_REFERENCE', 'scripts.migrate.properties.connectTo.0', 'did you mean "files"?'],
    ]);
    expect(diagnostics[0]!.position).toMatchObject({ line: 12, column: 35 });
  });
});

describe('event references', () => {
  it.each([
    ['http-api-gateway', '{ httpApiGatewayName: gatewy, method: GET, path: / }', 'httpApiGatewayName', 'did you mean "gateway"?'],
    ['application-load-balancer', '{ loadBalancerName: gateway, priority: 1 }', 'loadBalancerName', 'add a resource of type application-load-balancer'],
    ['sqs', '{ sqsQueueName: jobs }', 'sqsQueueName', 'did you mean "jobz"?'],
    ['sns', '{ snsTopicName: topic }', 'snsTopicName', 'add a resource of type sns-topic'],
    ['event-bus', '{ eventBusName: bus, eventPattern: {} }', 'eventBusName', 'add a resource of type event-bus'],
  ])('%s event', (type, props, property, hint) => {
    const d = one(`resources:
  gateway:
    type: http-api-gateway
    properties: {}
  jobz:
    type: sqs-queue
    properties: {}
  api:
${fn(`      events:\n        - type: ${type}\n          properties: ${props}\n`)}`);
    expect(d.code).toBe('STP_CONFIG_UNKNOWN_REFERENCE');
    expect(d.path).toEqual(['resources', 'api', 'properties', 'events', 0, 'properties', property]);
    expect(d.hint).toBe(hint);
  });

  it('names the wrong type when the resource exists', () => {
    const d = one(`resources:\n  q:\n    type: sqs-queue\n    properties: {}\n  api:\n${fn('      events:\n        - type: sns\n          properties: { snsTopicName: q }\n')}`);
    expect(d.message).toBe('snsTopicName "q" names a sqs-queue, but it must name a sns-topic');
  });

  it('checks container events of multi-container workloads', () => {
    const d = one(`resources:
  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.25, memory: 512 }
      containers:
        - name: web
          events:
            - type: application-load-balancer
              properties: { containerPort: 80, loadBalancerName: lb, priority: 1 }
`);
    expect(d.path).toEqual(['resources', 'app', 'properties', 'containers', 0, 'events', 0, 'properties', 'loadBalancerName']);
    expect(d.position).toMatchObject({ line: 10, column: 66 });
  });
});

describe('deployment hooks and lifecycle hooks', () => {
  it('requires hook functions to name function resources', () => {
    const { diagnostics } = semanticDiagnostics(`resources:
  checkTraffic:
${fn()}  queue:
    type: sqs-queue
    properties: {}
  app:
    type: web-service
    properties:
      resources: { cpu: 0.25, memory: 512 }
      loadBalancing: { type: application-load-balancer }
      deployment:
        strategy: Canary10Percent5Minutes
        beforeAllowTrafficFunction: checkTrafic
        afterTrafficShiftFunction: queue
`);
    expect(diagnostics.map((d) => [d.code, d.path!.at(-1), d.message, d.hint])).toEqual([
      [
        'STP_CONFIG_UNKNOWN_REFERENCE',
        'beforeAllowTrafficFunction',
        'beforeAllowTrafficFunction "checkTrafic": no resource with that name in this stack',
        'did you mean "checkTraffic"?',
      ],
      [
        'STP_CONFIG_UNKNOWN_REFERENCE',
        'afterTrafficShiftFunction',
        'afterTrafficShiftFunction "queue" names a sqs-queue, but it must name a function',
        'use one of: "checkTraffic"',
      ],
    ]);
  });

  it('requires hook scripts to exist', () => {
    const d = one(`hooks:\n  beforeDeploy:\n    - scriptName: buidl\nscripts:\n  build:\n    type: local-script\n    properties: { executeCommand: x }\nresources: {}\n`);
    expect(d).toMatchObject({ code: 'STP_CONFIG_UNKNOWN_REFERENCE', path: ['hooks', 'beforeDeploy', 0, 'scriptName'], hint: 'did you mean "build"?' });
  });
});

describe('$Secret in deployment-script parameters', () => {
  it('is an error that tells to use environment', () => {
    const d = one(`resources:
  smokeTest:
    type: deployment-script
    properties:
      trigger: after:deploy
      parameters:
        apiUrl: plain
        nested: { dbPassword: "$Secret('db.password')" }
`);
    expect(d.code).toBe('STP_CONFIG_SECRET_IN_PARAMETERS');
    expect(d.path).toEqual(['resources', 'smokeTest', 'properties', 'parameters', 'nested', 'dbPassword']);
    expect(d.position).toMatchObject({ line: 8, column: 32 });
    expect(d.hint).toContain('environment');
    expect(d.hint).toContain('name: NESTED');
  });

  it('finds a secret inside $CfFormat in parameters', () => {
    const d = one(`resources:\n  s:\n    type: deployment-script\n    properties:\n      parameters:\n        url: "$CfFormat('{}', $Secret('x'))"\n`);
    expect(d.code).toBe('STP_CONFIG_SECRET_IN_PARAMETERS');
  });

  it('allows $Secret in environment and $ResourceParam in parameters', () => {
    none(`resources:
  db:
    type: relational-database
    properties: {}
  s:
    type: deployment-script
    properties:
      environment: [{ name: PW, value: "$Secret('db.password')" }]
      parameters: { host: "$ResourceParam('db', 'host')" }
`);
  });
});

describe('containers', () => {
  const workload = (containers: string) => `resources:
  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.5, memory: 1024 }
      containers:
${containers}`;

  it('rejects duplicate container names', () => {
    const d = one(workload('        - name: web\n        - name: worker\n        - name: web\n'));
    expect(d).toMatchObject({
      code: 'STP_CONFIG_DUPLICATE_CONTAINER',
      path: ['resources', 'app', 'properties', 'containers', 2, 'name'],
      position: { line: 9, column: 17 },
    });
  });

  it('rejects dependsOn naming an unknown container', () => {
    const d = one(workload('        - name: web\n          dependsOn: [{ containerName: migrtor, condition: COMPLETE }]\n        - name: migrator\n'));
    expect(d.code).toBe('STP_CONFIG_UNKNOWN_REFERENCE');
    expect(d.hint).toBe('did you mean "migrator"?');
  });

  it.each([
    [
      'a two-container cycle',
      '        - name: a\n          dependsOn: [{ containerName: b, condition: START }]\n        - name: b\n          dependsOn: [{ containerName: a, condition: START }]\n',
      'a → b → a',
    ],
    [
      'a three-container cycle',
      '        - name: a\n          dependsOn: [{ containerName: b, condition: START }]\n        - name: b\n          dependsOn: [{ containerName: c, condition: HEALTHY }]\n        - name: c\n          dependsOn: [{ containerName: a, condition: START }]\n',
      'a → b → c → a',
    ],
    ['a self-dependency', '        - name: a\n          dependsOn: [{ containerName: a, condition: START }]\n', 'a → a'],
  ])('names %s', (_label, containers, chain) => {
    const d = one(workload(containers));
    expect(d.code).toBe('STP_CONFIG_DEPENDS_ON_CYCLE');
    expect(d.message).toContain(chain);
  });

  it('accepts a dependency chain without cycles', () => {
    none(workload('        - name: a\n          dependsOn: [{ containerName: b, condition: START }]\n        - name: b\n          dependsOn: [{ containerName: c, condition: START }]\n        - name: c\n'));
  });

  it('checks service side containers too', () => {
    const d = one(`resources:\n  svc:\n    type: worker-service\n    properties:\n      resources: { cpu: 1, memory: 2048 }\n      sideContainers:\n        - name: x\n          dependsOn: [{ containerName: x, condition: START }]\n`);
    expect(d.code).toBe('STP_CONFIG_DEPENDS_ON_CYCLE');
  });

  it.each([[1], [121], [2.5]])('rejects stopTimeout %d', (value) => {
    const d = one(workload(`        - name: web\n          stopTimeout: ${value}\n`));
    expect(d.code).toBe('STP_CONFIG_OUT_OF_RANGE');
    expect(d.path).toEqual(['resources', 'app', 'properties', 'containers', 0, 'stopTimeout']);
  });
});

describe('deployment strategy without an application load balancer', () => {
  it('rejects a web service on the default HTTP API gateway', () => {
    const d = one(`resources:\n  web:\n    type: web-service\n    properties:\n      resources: { cpu: 0.25, memory: 512 }\n      deployment: { strategy: Canary10Percent5Minutes }\n`);
    expect(d).toMatchObject({ code: 'STP_CONFIG_STRATEGY_WITHOUT_ALB', path: ['resources', 'web', 'properties', 'deployment', 'strategy'] });
    expect(d.hint).toContain('application-load-balancer');
  });

  it('rejects a multi-container workload without an ALB event, accepts one with it', () => {
    const mcw = (eventType: string) => `resources:
  lb:
    type: application-load-balancer
    properties: {}
  api:
    type: http-api-gateway
    properties: {}
  app:
    type: multi-container-workload
    properties:
      resources: { cpu: 0.25, memory: 512 }
      deployment: { strategy: AllAtOnce }
      containers:
        - name: web
          events:
            - type: ${eventType}
              properties: { containerPort: 80, loadBalancerName: lb, httpApiGatewayName: api, priority: 1 }
`;
    expect(one(mcw('http-api-gateway')).code).toBe('STP_CONFIG_STRATEGY_WITHOUT_ALB');
    none(mcw('application-load-balancer'));
  });

  it('does not apply to Lambda deployments', () => {
    none(`resources:\n  f:\n${fn('      deployment: { strategy: Canary10Percent5Minutes }\n')}`);
  });
});

describe('Fargate sizes', () => {
  const service = (cpu: number | string, memory: number) =>
    `resources:\n  web:\n    type: worker-service\n    properties:\n      resources: { cpu: ${cpu}, memory: ${memory} }\n`;

  it.each([
    [0.25, 512],
    [0.25, 2048],
    [0.5, 3072],
    [1, 8192],
    [2, 16384],
    [4, 30720],
    [8, 20480],
    [16, 122880],
  ])('accepts %d vCPU with %d MB', (cpu, memory) => none(service(cpu, memory)));

  it.each([
    [0.25, 4096, 'for 0.25 vCPU: 512, 1024, 2048 MB', 'use memory: 2048, or cpu: 0.5 or 1 or 2 to keep 4096 MB'],
    [0.5, 512, 'for 0.5 vCPU: 1024, 2048, 3072, 4096 MB', 'use memory: 1024, or cpu: 0.25 to keep 512 MB'],
    [2, 4000, 'for 2 vCPU: 4096–16384 MB in steps of 1024 MB', 'use memory: 4096'],
    [8, 17408, 'for 8 vCPU: 16384–61440 MB in steps of 4096 MB', 'use memory: 16384, or cpu: 4 to keep 17408 MB'],
    [16, 30720, 'for 16 vCPU: 32768–122880 MB in steps of 8192 MB', 'use memory: 32768, or cpu: 4 to keep 30720 MB'],
  ])('rejects %d vCPU with %d MB', (cpu, memory, expected, hint) => {
    const d = one(service(cpu, memory));
    expect(d).toMatchObject({
      code: 'STP_CONFIG_INVALID_FARGATE_SIZE',
      path: ['resources', 'web', 'properties', 'resources', 'memory'],
      expected,
      hint,
    });
    expect(d.position?.line).toBe(5);
  });

  it('rejects a cpu Fargate does not have, and ignores EC2 instance types', () => {
    expect(one(service(3, 4096)).path?.at(-1)).toBe('cpu');
    none(`resources:\n  web:\n    type: worker-service\n    properties:\n      resources: { cpu: 3, memory: 100, instanceTypes: [c5.large] }\n`);
  });
});

describe('all at once', () => {
  it('returns every problem in source order', () => {
    const { diagnostics } = semanticDiagnostics(`resources:
  my_app:
    type: worker-service
    properties:
      resources: { cpu: 0.25, memory: 4096 }
      connectTo: [nothing]
`);
    expect(diagnostics.map((d) => d.code)).toEqual([
      'STP_CONFIG_INVALID_RESOURCE_NAME',
      'STP_CONFIG_INVALID_FARGATE_SIZE',
      'STP_CONFIG_UNKNOWN_REFERENCE',
    ]);
  });

  it('never crashes on shapes the schema would reject', () => {
    const { diagnostics } = semanticDiagnostics(`resources:
  a: 3
  b: { type: function }
  c: { type: multi-container-workload, properties: { containers: [1, { dependsOn: 3 }, { name: x, dependsOn: [7] }] } }
  d: { type: web-service, properties: { resources: 5, deployment: { strategy: 4 } } }
hooks: { beforeDeploy: 3 }
scripts: 4
`);
    expect(diagnostics).toEqual([]);
  });
});
