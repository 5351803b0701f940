import { isRuntimeDirective } from '../../config/directives/directive.js';
import type { Diagnostic, SourcePosition } from '../../diagnostics/diagnostic.js';
import { imageBuildRefusal } from '../resources/container-workload/image-build-refusal.js';
import type { ConfigPath } from '../compile-context.js';
import { SUPPORTED_S3_EVENT_TYPES } from '../resources/bucket-s3-events.js';
import { ecsStrategies } from '../resources/container-workload/ecs-strategies.js';
import { workloadModel } from '../resources/container-workload/workload-model.js';
import type { ResourceView } from '../resource-compiler.js';
import type { StackInput } from '../stack-input.js';

/**
 * What stp cannot compile yet, found from the config alone: the one list of capability checks.
 * `compileStack` reports these (as STP_COMPILE_UNSUPPORTED) before compiling, and `stp validate`
 * runs the same function, so validate never passes a config that compile refuses for a missing
 * capability — and this module loads without any resource compiler, keeping validate fast.
 * Compilers skip such constructs silently; the report is made here only.
 */

/** Code of every "stp cannot compile this yet" diagnostic. */
export const UNSUPPORTED_CODE = 'STP_COMPILE_UNSUPPORTED';

export function unsupportedMessage(what: string): string {
  return `stp cannot compile ${what} yet.`;
}

/**
 * Every check, by a stable name. A test makes each fire through validate and compile with the same
 * code and position, or (four of them) proves the schema refuses the construct first.
 */
export const CAPABILITY_CHECKS = [
  'lambda-packaging',
  'function-property',
  'function-event-type',
  'event-delivery-failure',
  'stream-without-arn',
  'stream-consumer',
  'log-group-arn',
  's3-event-bucket',
  'container-packaging',
  'batch-environment-size',
  'batch-event-type',
  'batch-s3-bucket',
  'batch-s3-event-type',
  'workload-property',
  'ec2-warm-pool',
  'container-volume-mounts',
  'workload-load-balancing',
  'deployment-strategy',
  'container-event-type',
  'ec2-workload-internal',
  'http-api-second-port',
  'alb-custom-domains',
  'cdn',
  'firewall',
  'alarms',
  'log-forwarding',
  'domain-certificate',
  'domain-dns-records',
  'client-credentials-flow',
  'bucket-directory-upload',
  'bucket-cdn-property',
  'sns-delivery-failure',
  'retired-engine',
  'stack-tag-directive',
  'image-build',
] as const;
export type CapabilityCheck = (typeof CAPABILITY_CHECKS)[number];

export interface UnsupportedConstruct {
  check: CapabilityCheck;
  path: ConfigPath;
  /** Completes "stp cannot compile … yet." */
  what: string;
  hint?: string;
  /** A refusal with its own code and sentence (image builds: STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE). */
  code?: string;
  message?: string;
  expected?: string;
}

type Report = (check: CapabilityCheck, path: ConfigPath, what: string, hint?: string, own?: Pick<UnsupportedConstruct, 'code' | 'message' | 'expected'>) => void;

/** The diagnostic compile and validate both give for a construct (placed by `positionOf`). */
export function unsupportedDiagnostic(u: UnsupportedConstruct, positionOf?: (path: ConfigPath) => SourcePosition | undefined): Diagnostic {
  const diagnostic: Diagnostic = { code: u.code ?? UNSUPPORTED_CODE, severity: 'error', message: u.message ?? unsupportedMessage(u.what), path: u.path };
  const position = positionOf?.(u.path);
  if (position) diagnostic.position = position;
  if (u.expected !== undefined) diagnostic.expected = u.expected;
  if (u.hint !== undefined) diagnostic.hint = u.hint;
  return diagnostic;
}

/** Image builds need a Docker engine stp does not drive yet: refused where the packaging is set. */
function reportImageBuild(report: Report, type: string, label: string, path: ConfigPath): void {
  report('image-build', path, `${type} images`, 'build and push the image yourself (e.g. docker build + docker push to Amazon ECR), then use packaging: { type: prebuilt-image, properties: { image: <repository>:<tag> } }', {
    code: 'STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE',
    message: imageBuildRefusal(type, label),
    expected: 'prebuilt-image',
  });
}

/** Container packaging types that need an image build (compiled with a warning, not refused). */
export const IMAGE_BUILDING_PACKAGING: readonly string[] = ['stacktape-image-buildpack', 'custom-dockerfile', 'external-buildpack', 'nixpacks'];

const functionEventTypes = [
  'http-api-gateway',
  'schedule',
  'event-bus',
  'sqs',
  'sns',
  'dynamo-db-stream',
  'kinesis-stream',
  'cloudwatch-log',
  'application-load-balancer',
  'cloudwatch-alarm',
  's3',
];
const containerEventTypes = ['application-load-balancer', 'http-api-gateway', 'workload-internal', 'service-connect'];
/** Properties of container workloads stp does not compile yet, with what to call them. */
const workloadProperties: Record<string, string> = {
  volumeMounts: 'EFS volume mounts',
  usePrivateSubnetsWithNAT: "private subnets with NAT (stp runs workloads in the default VPC's public subnets)",
  customDomains: 'custom domains',
  cdn: 'CDN distributions',
  alarms: 'alarms',
  useFirewall: 'web application firewalls',
};
const functionProperties = ['provisionedConcurrency', 'deployment', 'alarms', 'cdn', 'volumeMounts'] as const;
const bucketCdnProperties: Record<string, string> = {
  cachingOptions: 'custom CDN caching options',
  forwardingOptions: 'CDN forwarding options',
  routeRewrites: 'CDN route rewrites',
  customDomains: 'custom domains on a CDN',
  edgeFunctions: 'CDN edge functions',
  useFirewall: 'web-app-firewall associations',
};
/** Aurora Serverless v1 engines: retired by AWS, so never compiled. */
const retiredEngines = ['aurora-postgresql-serverless', 'aurora-mysql-serverless'];
/** A compute environment takes at most five security groups, one per batch job. */
export const MAX_BATCH_JOBS_PER_ENVIRONMENT = 5;

type Props = Record<string, unknown>;
const isSet = (value: unknown) => value !== undefined;
const nonEmpty = (value: unknown) => Array.isArray(value) && value.length > 0;
const record = (value: unknown): Props => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Props) : {});
const list = (value: unknown): Props[] => (Array.isArray(value) ? value.map(record) : []);

/**
 * Why a function's `packaging` cannot be compiled, or undefined: stp bundles JavaScript and
 * TypeScript for Node.js runtimes, and takes custom artifacts as they are.
 */
export function lambdaPackagingProblem(properties: Props): { path: ConfigPath; what: string; hint?: string } | undefined {
  const packaging = record(properties.packaging);
  const props = record(packaging.properties);
  if (packaging.type === 'stacktape-lambda-buildpack') {
    const entry = String(props.entryfilePath ?? '');
    const looksNode = /\.(c|m)?(j|t)sx?$/.test(entry);
    const runtime = (properties.runtime as string | undefined) ?? (looksNode ? 'nodejs' : undefined);
    if (looksNode && runtime !== undefined && runtime.startsWith('nodejs')) return undefined;
    return {
      path: ['properties', 'entryfilePath'],
      what: `stacktape-lambda-buildpack for ${runtime ?? `"${entry}"`} (stp bundles JavaScript/TypeScript for Node.js runtimes only)`,
      hint: 'package the code yourself and use packaging type custom-artifact',
    };
  }
  if (packaging.type === 'custom-artifact') return undefined;
  return { path: [], what: `Lambda packaging of type "${String(packaging.type)}"` };
}

/** Whether a container's packaging type can be compiled (prebuilt, or an image build with a warning). */
export function containerPackagingSupported(type: unknown): boolean {
  return type === 'prebuilt-image' || (typeof type === 'string' && IMAGE_BUILDING_PACKAGING.includes(type));
}

/** The bucket an s3 function event names, when stp can wire it: a stack bucket or a literal ARN. */
export function s3EventBucketSupported(arn: unknown, stack: Pick<StackInput, 'resources'>): boolean {
  if (isRuntimeDirective(arn) && arn.name === 'ResourceParam' && arn.args[1] === 'arn') {
    const target = Object.hasOwn(stack.resources, String(arn.args[0])) ? stack.resources[String(arn.args[0])] : undefined;
    return target?.type === 'bucket';
  }
  return typeof arn === 'string' && /^arn:aws[a-z-]*:s3:::[a-z0-9.-]+$/.test(arn);
}

/** `checked` narrows the resource types looked at (compile tests stand in their own compilers). */
export function findUnsupportedConstructs(stack: StackInput, checked: (type: string) => boolean = () => true): UnsupportedConstruct[] {
  const found: UnsupportedConstruct[] = [];
  const report: Report = (check, path, what, hint, own) => found.push({ check, path, what, ...(hint !== undefined ? { hint } : {}), ...own });
  const views: ResourceView[] = Object.keys(stack.resources)
    .sort()
    .map((name) => {
      const r = stack.resources[name]!;
      return { name, type: r.type, properties: r.properties ?? {}, path: ['resources', name] };
    });
  const batchJobsPerEnvironment = new Map<string, number>();

  for (const resource of views) {
    if (!checked(resource.type)) continue;
    const p = resource.properties;
    const at: ConfigPath = [...resource.path, 'properties'];
    const flag = (check: CapabilityCheck, key: string, what: string, when: (v: unknown) => boolean = isSet) => {
      if (when(p[key])) report(check, [...at, key], what);
    };
    switch (resource.type) {
      case 'function':
      case 'deployment-script': {
        const problem = lambdaPackagingProblem(p);
        if (problem) report('lambda-packaging', [...at, 'packaging', ...problem.path], problem.what, problem.hint);
        if (resource.type === 'function') {
          for (const key of functionProperties) flag('function-property', key, `"${key}" on functions`);
          functionEvents(resource, stack, report);
        }
        break;
      }
      case 'batch-job': {
        const container = record(p.container);
        const packaging = record(container.packaging);
        if (!containerPackagingSupported(packaging.type)) {
          report('container-packaging', [...at, 'container', 'packaging', 'type'], `container packaging "${String(packaging.type)}"`);
          break;
        }
        if (packaging.type !== 'prebuilt-image') {
          reportImageBuild(report, String(packaging.type), resource.name, [...at, 'container', 'packaging', 'type']);
          break;
        }
        const spot = p.useSpotInstances === true;
        const gpu = Number(record(p.resources).gpu ?? 0) > 0;
        const kind = `${spot}:${gpu}`;
        const count = (batchJobsPerEnvironment.get(kind) ?? 0) + 1;
        batchJobsPerEnvironment.set(kind, count);
        if (count > MAX_BATCH_JOBS_PER_ENVIRONMENT) {
          report(
            'batch-environment-size',
            resource.path,
            `more than ${MAX_BATCH_JOBS_PER_ENVIRONMENT} ${spot ? 'spot ' : ''}${gpu ? 'GPU ' : ''}batch jobs in one stack (a compute environment takes at most five security groups)`,
          );
          break;
        }
        batchJobEvents(resource, stack, report);
        break;
      }
      case 'web-service':
      case 'private-service':
      case 'worker-service':
      case 'multi-container-workload':
        containerWorkload(resource, report);
        break;
      case 'application-load-balancer':
        flag('alb-custom-domains', 'customDomains', 'custom domains (Route 53 records and certificates)', nonEmpty);
        flag('cdn', 'cdn', 'a CDN (CloudFront) in front of a load balancer', (v) => Boolean(record(v).enabled));
        flag('firewall', 'useFirewall', 'web-app-firewall associations');
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        break;
      case 'http-api-gateway': {
        flag('cdn', 'cdn', 'a CDN (CloudFront) in front of an HTTP API', (v) => Boolean(record(v).enabled));
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        if (isSet(record(p.logging).logForwarding)) report('log-forwarding', [...at, 'logging', 'logForwarding'], 'log forwarding');
        list(p.customDomains).forEach((domain, index) => {
          const where = [...at, 'customDomains', index];
          if (domain.customCertificateArn === undefined) {
            report('domain-certificate', where, 'custom domains without customCertificateArn (issuing certificates)', 'set customCertificateArn to an ACM certificate for the domain in this region');
          } else if (domain.disableDnsRecordCreation !== true) {
            report(
              'domain-dns-records',
              where,
              'DNS records for custom domains',
              "set disableDnsRecordCreation: true and point the domain (CNAME or alias) at the API domain's regional domain name",
            );
          }
        });
        break;
      }
      case 'user-auth-pool': {
        flag('firewall', 'useFirewall', 'web-app-firewall associations');
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        const flows = Array.isArray(p.allowedOAuthFlows) ? p.allowedOAuthFlows : ['code', 'implicit'];
        if (flows.includes('client_credentials') || p.allowClientCredentialsAuthFlow) {
          report('client-credentials-flow', [...at, 'allowedOAuthFlows'], 'the client_credentials flow (it needs a resource server with custom scopes)');
        }
        const custom = p.customDomain === undefined ? undefined : record(p.customDomain);
        if (p.enableHostedUi && custom) {
          if (custom.customCertificateArn === undefined) {
            report('domain-certificate', [...at, 'customDomain'], 'hosted UI custom domains without customCertificateArn (issuing certificates)', 'set customCertificateArn to an ACM certificate in us-east-1');
          } else if (custom.disableDnsRecordCreation !== true) {
            report(
              'domain-dns-records',
              [...at, 'customDomain'],
              'DNS records for the hosted UI custom domain',
              'set disableDnsRecordCreation: true and point the domain at the CloudFront distribution Cognito creates',
            );
          }
        }
        break;
      }
      case 'bucket': {
        flag('bucket-directory-upload', 'directoryUpload', 'directoryUpload (syncing a directory into the bucket on deploy)', Boolean);
        const cdn = record(p.cdn);
        if (cdn.enabled) {
          for (const [key, what] of Object.entries(bucketCdnProperties)) {
            const value = cdn[key];
            if (value !== undefined && !(Array.isArray(value) && value.length === 0)) report('bucket-cdn-property', [...at, 'cdn', key], what);
          }
        }
        break;
      }
      case 'sns-topic':
        flag('sns-delivery-failure', 'onDeliveryFailure', 'onDeliveryFailure on an sns-topic');
        break;
      case 'sqs-queue':
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        break;
      case 'redis-cluster':
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        if (isSet(record(p.logging).logForwarding)) report('log-forwarding', [...at, 'logging', 'logForwarding'], 'log forwarding');
        break;
      case 'relational-database': {
        const engineType = record(p.engine).type;
        if (typeof engineType === 'string' && retiredEngines.includes(engineType)) {
          report('retired-engine', [...at, 'engine', 'type'], `${engineType} (Aurora Serverless v1 reached end of life at AWS)`, `use ${engineType}-v2`);
          break;
        }
        flag('alarms', 'alarms', 'alarms', nonEmpty);
        const logging = record(p.logging);
        if (!logging.disabled && isSet(logging.logForwarding)) report('log-forwarding', [...at, 'logging', 'logForwarding'], 'log forwarding');
        break;
      }
    }
  }

  (stack.stackConfig?.tags ?? []).forEach((tag, i) => {
    if (typeof tag.value !== 'string') report('stack-tag-directive', ['stackConfig', 'tags', i, 'value'], 'stack tags whose value is a runtime directive');
  });
  return found;
}

function functionEvents(fn: ResourceView, stack: StackInput, report: Report): void {
  list(fn.properties.events).forEach((event, index) => {
    const at: ConfigPath = [...fn.path, 'properties', 'events', index];
    const props = record(event.properties);
    if (!functionEventTypes.includes(String(event.type))) {
      report('function-event-type', [...at, 'type'], `function events of type "${String(event.type)}"`);
      return;
    }
    if ((event.type === 'event-bus' || event.type === 'sns') && isSet(props.onDeliveryFailure)) {
      report('event-delivery-failure', [...at, 'properties', 'onDeliveryFailure'], `onDeliveryFailure on ${String(event.type)} events`);
    }
    if (event.type === 'dynamo-db-stream' || event.type === 'kinesis-stream') {
      if (props.streamArn === undefined) {
        report('stream-without-arn', [...at, 'properties'], `${event.type} events without streamArn`, 'give the stream ARN in streamArn');
      } else if (isSet(props.consumerArn) || isSet(props.autoCreateConsumer) || isSet(props.onFailure)) {
        report('stream-consumer', [...at, 'properties'], `${event.type} events with consumerArn, autoCreateConsumer or onFailure`);
      }
    }
    if (event.type === 'cloudwatch-log' && typeof props.logGroupArn !== 'string') {
      report('log-group-arn', [...at, 'properties', 'logGroupArn'], 'cloudwatch-log events whose logGroupArn is not a literal ARN');
    }
    if (event.type === 's3' && !s3EventBucketSupported(props.bucketArn, stack)) {
      report(
        's3-event-bucket',
        [...at, 'properties', 'bucketArn'],
        "s3 events on this bucketArn (give $ResourceParam('<bucket>', 'arn') of a bucket in the stack, or a literal arn:aws:s3:::<name>)",
      );
    }
  });
}

function batchJobEvents(job: ResourceView, stack: StackInput, report: Report): void {
  list(job.properties.events).forEach((event, index) => {
    const at: ConfigPath = [...job.path, 'properties', 'events', index];
    const props = record(event.properties);
    if (event.type === 'schedule' || event.type === 'event-bus') return;
    if (event.type !== 's3') {
      report('batch-event-type', [...at, 'type'], `batch-job events of type "${String(event.type)}" (stp starts batch jobs from schedule, event-bus and s3 events)`);
      return;
    }
    const arn = props.bucketArn;
    const name = isRuntimeDirective(arn) && arn.name === 'ResourceParam' && arn.args[1] === 'arn' ? String(arn.args[0]) : undefined;
    if (name === undefined || !Object.hasOwn(stack.resources, name) || stack.resources[name]!.type !== 'bucket') {
      report('batch-s3-bucket', [...at, 'properties', 'bucketArn'], "s3 events of batch jobs on a bucket outside this stack (use $ResourceParam('<bucket>', 'arn'))");
    } else if (!SUPPORTED_S3_EVENT_TYPES.includes(String(props.s3EventType))) {
      report('batch-s3-event-type', [...at, 'properties', 's3EventType'], `s3 event type "${String(props.s3EventType)}" for batch jobs`, `one of: ${SUPPORTED_S3_EVENT_TYPES.join(', ')}`);
    }
  });
}

function containerWorkload(resource: ResourceView, report: Report): void {
  const model = workloadModel(resource);
  const p = resource.properties;
  for (const [key, what] of Object.entries(workloadProperties)) {
    if (p[key] !== undefined && p[key] !== false) report('workload-property', [...model.at, key], `${what} on ${resource.type}`);
  }
  if (model.launch === 'EC2' && model.resources.enableWarmPool) report('ec2-warm-pool', [...model.at, 'resources', 'enableWarmPool'], 'warm pools for EC2 capacity');
  for (const c of model.containers) {
    if (c.volumeMounts !== undefined) report('container-volume-mounts', [...c.at, 'volumeMounts'], 'EFS volume mounts');
    if (!containerPackagingSupported(c.packaging?.type)) report('container-packaging', [...c.at, 'packaging', 'type'], `container packaging "${String(c.packaging?.type)}"`);
    else if (c.packaging.type !== 'prebuilt-image') {
      const label = model.containers.length > 1 ? `${resource.name}, container "${c.name}"` : resource.name;
      reportImageBuild(report, String(c.packaging.type), label, [...c.at, 'packaging', 'type']);
    }
  }
  if (model.entryPoint.kind === 'unsupported') report('workload-load-balancing', model.entryPoint.at, model.entryPoint.what);
  if (model.deployment && !Object.hasOwn(ecsStrategies, model.deployment.strategy)) {
    report('deployment-strategy', [...model.deployment.at, 'strategy'], `deployment strategy "${model.deployment.strategy}" for container workloads`);
  }
  // ECS registers one service per workload with an HTTP API's VPC link: one container port.
  let routed = model.entryPoint.kind === 'http-api-gateway' ? { container: model.entryPoint.containerName, port: model.entryPoint.port } : undefined;
  for (const container of model.containers) {
    for (const event of container.events) {
      const port = event.properties.containerPort as number;
      if (!containerEventTypes.includes(event.type)) {
        report('container-event-type', [...event.at, 'type'], `container events of type "${event.type}"`);
      } else if (event.type === 'workload-internal' && model.launch === 'EC2') {
        report(
          'ec2-workload-internal',
          [...event.at, 'type'],
          'workload-internal ports on EC2 instances (bridge networking gives tasks dynamic host ports)',
          'use a service-connect event',
        );
      } else if (event.type === 'http-api-gateway') {
        if (!routed) routed = { container: container.name, port };
        else if (routed.container !== container.name || routed.port !== port) {
          report(
            'http-api-second-port',
            event.at,
            `HTTP API routes to a second container port of one workload (ECS allows one service registry per service; "${routed.container}:${routed.port}" is already routed)`,
          );
        }
      }
    }
  }
}
