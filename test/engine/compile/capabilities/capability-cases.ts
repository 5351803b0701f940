import type { CapabilityCheck } from '../../../../src/engine/compile/capabilities/unsupported-constructs.js';

/**
 * One stack config per capability refusal: each triggers the named checks (and nothing else that
 * compile refuses). `resources` is the YAML under `resources:` (2-space indented entries).
 */
export interface CapabilityCase {
  name: string;
  resources: string;
  /** Extra top-level YAML (e.g. stackConfig). */
  extra?: string;
  checks: CapabilityCheck[];
}

const fnPackaging = ['      packaging:', '        type: stacktape-lambda-buildpack', '        properties:', '          entryfilePath: ./index.ts'];
const fn = (name: string, ...extra: string[]) => [`  ${name}:`, '    type: function', '    properties:', ...fnPackaging, ...extra].join('\n');
const image = ['        packaging:', '          type: prebuilt-image', '          properties:', '            image: nginx:1.27'];
const mcw = (name: string, props: string[], containerExtra: string[] = [], secondContainer: string[] = []) =>
  [
    `  ${name}:`,
    '    type: multi-container-workload',
    '    properties:',
    '      resources:',
    '        cpu: 0.25',
    '        memory: 512',
    ...props,
    '      containers:',
    '        - name: app',
    ...image.map((l) => `  ${l}`),
    ...containerExtra,
    ...secondContainer,
  ].join('\n');
const webService = (name: string, ...extra: string[]) =>
  [`  ${name}:`, '    type: web-service', '    properties:', '      resources:', '        cpu: 0.25', '        memory: 512', ...image.map((l) => l.slice(2)), ...extra].join('\n');
const alarm = ['        - trigger:', '            type: lambda-error-rate'];
const batch = (name: string, ...extra: string[]) =>
  [
    `  ${name}:`,
    '    type: batch-job',
    '    properties:',
    '      container:',
    '        packaging:',
    '          type: prebuilt-image',
    '          properties:',
    '            image: busybox',
    '      resources:',
    '        cpu: 1',
    '        memory: 1024',
    ...extra,
  ].join('\n');
const bucket = (name: string, ...extra: string[]) => [`  ${name}:`, '    type: bucket', ...(extra.length > 0 ? ['    properties:', ...extra] : [])].join('\n');
const api = (name: string, ...extra: string[]) => [`  ${name}:`, '    type: http-api-gateway', ...(extra.length > 0 ? ['    properties:', ...extra] : [])].join('\n');
const alb = (name: string, ...extra: string[]) => [`  ${name}:`, '    type: application-load-balancer', ...(extra.length > 0 ? ['    properties:', ...extra] : [])].join('\n');
const pool = (name: string, ...extra: string[]) => [`  ${name}:`, '    type: user-auth-pool', ...(extra.length > 0 ? ['    properties:', ...extra] : [])].join('\n');
const postgres = (name: string, engineType: string, ...extra: string[]) =>
  [
    `  ${name}:`,
    '    type: relational-database',
    '    properties:',
    '      credentials:',
    '        masterUserPassword: a-long-password-1',
    '      engine:',
    `        type: ${engineType}`,
    '        properties:',
    ...(engineType.endsWith('-serverless') ? ['          version: "13.12"'] : ['          primaryInstance:', '            instanceSize: db.t4g.micro', '          version: "16.4"']),
    ...extra,
  ].join('\n');

export const CAPABILITY_CASES: CapabilityCase[] = [
  {
    name: 'a Python entry file with the Lambda buildpack',
    resources: [`  fn:`, '    type: function', '    properties:', '      packaging:', '        type: stacktape-lambda-buildpack', '        properties:', '          entryfilePath: ./main.py'].join('\n'),
    checks: ['lambda-packaging'],
  },
  {
    name: 'a deployment script on a Python runtime',
    resources: ['  script:', '    type: deployment-script', '    properties:', '      trigger: after:deploy', ...fnPackaging, '      runtime: python3.12'].join('\n'),
    checks: ['lambda-packaging'],
  },
  { name: 'provisioned concurrency and alarms on a function', resources: fn('fn', '      provisionedConcurrency: 2', '      alarms:', ...alarm), checks: ['function-property', 'function-property'] },
  {
    name: 'onDeliveryFailure on event-bus and sns events',
    resources: [
      fn(
        'fn',
        '      events:',
        '        - type: event-bus',
        '          properties:',
        '            useDefaultBus: true',
        '            eventPattern:',
        '              source: [my.app]',
        '            onDeliveryFailure:',
        '              sqsQueueName: dlq',
        '        - type: sns',
        '          properties:',
        '            snsTopicArn: arn:aws:sns:eu-west-1:123456789012:topic',
        '            onDeliveryFailure:',
        '              sqsQueueName: dlq',
      ),
      '  dlq:',
      '    type: sqs-queue',
    ].join('\n'),
    checks: ['event-delivery-failure', 'event-delivery-failure'],
  },
  {
    name: 'stream events without streamArn, and with a consumer',
    resources: fn(
      'fn',
      '      events:',
      '        - type: kinesis-stream',
      '          properties:',
      '            autoCreateConsumer: true',
      '        - type: dynamo-db-stream',
      '          properties:',
      '            streamArn: arn:aws:dynamodb:eu-west-1:123456789012:table/t/stream/2024',
      '            onFailure:',
      '              arn: arn:aws:sqs:eu-west-1:123456789012:dlq',
      '              type: sqs',
    ),
    checks: ['stream-without-arn', 'stream-consumer'],
  },
  {
    name: 'a cloudwatch-log event on a computed log group ARN',
    resources: [fn('fn', '      events:', '        - type: cloudwatch-log', '          properties:', "            logGroupArn: $ResourceParam('other', 'arn')"), fn('other')].join('\n'),
    checks: ['log-group-arn'],
  },
  {
    name: 'an s3 event on a queue instead of a bucket',
    resources: [fn('fn', '      events:', '        - type: s3', '          properties:', "            bucketArn: $ResourceParam('queue', 'arn')", '            s3EventType: s3:ObjectCreated:*'), '  queue:', '    type: sqs-queue'].join('\n'),
    checks: ['s3-event-bucket'],
  },
  {
    name: 'six Fargate batch jobs in one compute environment',
    resources: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => batch(`job${n}`)).join('\n'),
    checks: ['batch-environment-size'],
  },
  {
    name: 'batch job events: an sqs event, a bucket outside the stack, an unknown s3 event type',
    resources: [
      batch(
        'job',
        '      events:',
        '        - type: sqs',
        '          properties:',
        '            sqsQueueName: queue',
        '        - type: s3',
        '          properties:',
        '            bucketArn: arn:aws:s3:::elsewhere',
        '            s3EventType: s3:ObjectCreated:*',
        '        - type: s3',
        '          properties:',
        "            bucketArn: $ResourceParam('files', 'arn')",
        '            s3EventType: s3:Replication:*',
      ),
      '  queue:',
      '    type: sqs-queue',
      bucket('files'),
    ].join('\n'),
    checks: ['batch-event-type', 'batch-s3-bucket', 'batch-s3-event-type'],
  },
  { name: 'private subnets with NAT and alarms on a web service', resources: webService('web', '      usePrivateSubnetsWithNAT: true', '      alarms:', ...alarm), checks: ['workload-property', 'workload-property'] },
  {
    name: 'a warm pool for EC2 capacity',
    resources: [
      '  web:',
      '    type: worker-service',
      '    properties:',
      '      resources:',
      '        instanceTypes: [t3.medium]',
      '        memory: 512',
      '        enableWarmPool: true',
      ...image.map((l) => l.slice(2)),
    ].join('\n'),
    checks: ['ec2-warm-pool'],
  },
  {
    name: 'EFS volume mounts on a container',
    resources: mcw('work', [], ['          volumeMounts:', '            - type: efs', '              properties:', '                efsFilesystemName: fs', '                rootDirectory: /', '                mountPath: /data']),
    checks: ['container-volume-mounts'],
  },
  { name: 'a web service behind a network load balancer', resources: webService('web', '      loadBalancing:', '        type: network-load-balancer'), checks: ['workload-load-balancing'] },
  {
    name: 'workload-internal ports on EC2 instances',
    resources: [
      '  work:',
      '    type: multi-container-workload',
      '    properties:',
      '      resources:',
      '        instanceTypes: [t3.medium]',
      '        memory: 512',
      '      containers:',
      '        - name: app',
      ...image.map((l) => `  ${l}`),
      '          events:',
      '            - type: workload-internal',
      '              properties:',
      '                containerPort: 8080',
    ].join('\n'),
    checks: ['ec2-workload-internal'],
  },
  {
    name: 'HTTP API routes to two container ports of one workload',
    resources: [
      api('api'),
      mcw(
        'work',
        [],
        ['          events:', '            - type: http-api-gateway', '              properties:', '                httpApiGatewayName: api', '                containerPort: 80', '                method: GET', '                path: /a'],
        [
          '        - name: admin',
          ...image.map((l) => `  ${l}`),
          '          events:',
          '            - type: http-api-gateway',
          '              properties:',
          '                httpApiGatewayName: api',
          '                containerPort: 81',
          '                method: GET',
          '                path: /admin',
        ],
      ),
    ].join('\n'),
    checks: ['http-api-second-port'],
  },
  {
    name: 'a load balancer with custom domains, a CDN, a firewall and alarms',
    resources: alb('lb', '      customDomains:', '        - domainName: shop.example.com', '      cdn:', '        enabled: true', '      useFirewall: fw', '      alarms:', ...alarm),
    checks: ['alb-custom-domains', 'cdn', 'firewall', 'alarms'],
  },
  {
    name: 'an HTTP API with a CDN, alarms, log forwarding and custom domains',
    resources: api(
      'api',
      '      cdn:',
      '        enabled: true',
      '      alarms:',
      ...alarm,
      '      logging:',
      '        logForwarding:',
      '          type: http-endpoint',
      '      customDomains:',
      '        - domainName: api.example.com',
      '        - domainName: api2.example.com',
      '          customCertificateArn: arn:aws:acm:eu-west-1:123456789012:certificate/abc',
    ),
    checks: ['cdn', 'alarms', 'log-forwarding', 'domain-certificate', 'domain-dns-records'],
  },
  {
    name: 'a user pool with a firewall, alarms and the client_credentials flow',
    resources: pool('users', '      useFirewall: fw', '      alarms:', ...alarm, '      allowClientCredentialsAuthFlow: true'),
    checks: ['firewall', 'alarms', 'client-credentials-flow'],
  },
  {
    name: 'a hosted UI on a custom domain without a certificate',
    resources: pool('users', '      enableHostedUi: true', '      hostedUiDomainPrefix: my-shop-auth', '      customDomain:', '        domainName: auth.example.com'),
    checks: ['domain-certificate'],
  },
  {
    name: 'a hosted UI on a custom domain whose DNS stp would have to write',
    resources: pool(
      'users',
      '      enableHostedUi: true',
      '      hostedUiDomainPrefix: my-shop-auth',
      '      customDomain:',
      '        domainName: auth.example.com',
      '        customCertificateArn: arn:aws:acm:us-east-1:123456789012:certificate/abc',
    ),
    checks: ['domain-dns-records'],
  },
  {
    name: 'a bucket with directoryUpload and CDN route rewrites',
    resources: bucket('site', '      directoryUpload:', '        directoryPath: ./dist', '      cdn:', '        enabled: true', '        routeRewrites:', '          - path: /api/*'),
    checks: ['bucket-directory-upload', 'bucket-cdn-property'],
  },
  {
    name: 'onDeliveryFailure on an sns topic',
    resources: ['  topic:', '    type: sns-topic', '    properties:', '      onDeliveryFailure:', '        sqsQueueName: dlq', '  dlq:', '    type: sqs-queue'].join('\n'),
    checks: ['sns-delivery-failure'],
  },
  { name: 'alarms on a queue', resources: ['  queue:', '    type: sqs-queue', '    properties:', '      alarms:', ...alarm].join('\n'), checks: ['alarms'] },
  {
    name: 'alarms and log forwarding on a redis cluster',
    resources: ['  cache:', '    type: redis-cluster', '    properties:', '      instanceSize: cache.t4g.micro', '      defaultUserPassword: a-long-password-123', '      alarms:', ...alarm, '      logging:', '        logForwarding:', '          type: http-endpoint'].join('\n'),
    checks: ['alarms', 'log-forwarding'],
  },
  { name: 'Aurora Serverless v1', resources: postgres('db', 'aurora-postgresql-serverless'), checks: ['retired-engine'] },
  {
    name: 'alarms and log forwarding on a database',
    resources: postgres('db', 'postgres', '      alarms:', ...alarm, '      logging:', '        logForwarding:', '          type: http-endpoint'),
    checks: ['alarms', 'log-forwarding'],
  },
  {
    name: 'container images built from source (a service, a workload container, a batch job)',
    resources: [
      '  web:',
      '    type: web-service',
      '    properties:',
      '      resources:',
      '        cpu: 0.25',
      '        memory: 512',
      '      packaging:',
      '        type: stacktape-image-buildpack',
      '        properties:',
      '          entryfilePath: ./src/server.ts',
      mcw('work', [], [], ['        - name: side', '          packaging:', '            type: custom-dockerfile', '            properties:', '              buildContextPath: ./side']),
      '  job:',
      '    type: batch-job',
      '    properties:',
      '      container:',
      '        packaging:',
      '          type: nixpacks',
      '          properties:',
      '            sourceDirectoryPath: ./job',
      '      resources:',
      '        cpu: 1',
      '        memory: 1024',
    ].join('\n'),
    checks: ['image-build', 'image-build', 'image-build'],
  },
  {
    name: 'a stack tag whose value is only known at deploy time',
    resources: '  queue:\n    type: sqs-queue',
    extra: "stackConfig:\n  tags:\n    - name: owner\n      value: $ResourceParam('queue', 'arn')",
    checks: ['stack-tag-directive'],
  },
];

/**
 * Checks a config cannot reach because the schema refuses the construct first (kept as guards
 * for stacks built in code): `[check, the config that proves the schema refuses it]`.
 */
export const SCHEMA_GUARDED: Partial<Record<CapabilityCheck, string>> = {
  'function-event-type': fn('fn', '      events:', '        - type: iot-rule', '          properties:', '            sql: SELECT 1'),
  'container-event-type': mcw('work', [], ['          events:', '            - type: sqs', '              properties:', '                sqsQueueName: q']),
  'container-packaging': ['  job:', '    type: batch-job', '    properties:', '      container:', '        packaging:', '          type: unknown-builder', '      resources:', '        cpu: 1', '        memory: 1024'].join('\n'),
  'deployment-strategy': [
    alb('lb'),
    mcw(
      'work',
      ['      deployment:', '        strategy: Linear10PercentEvery10Minutes'],
      ['          events:', '            - type: application-load-balancer', '              properties:', '                loadBalancerName: lb', '                containerPort: 80', '                priority: 1', "                paths: ['*']"],
    ),
  ].join('\n'),
};
