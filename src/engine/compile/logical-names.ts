/**
 * CloudFormation logical IDs, following Stacktape's convention (shared/naming/logical-names.ts in
 * stacktape/stacktape): `pascalCase(<parent>-<specifier>-<last segment of the CFN type><index>)`,
 * where the parent is the stp resource name, or `Stp` for stack-wide resources. Real configs refer
 * to these IDs from `overrides`, `$CfResourceParam` and `cloudformationResources`, so they must match.
 */

const pascalCache = new Map<string, string>();

/** change-case@5 `pascalCase`: split at lower→upper, at UPPER→Upper-lower and at non-alphanumerics. */
export function pascalCase(input: string): string {
  const cached = pascalCache.get(input);
  if (cached !== undefined) return cached;
  const result = pascalCaseUncached(input);
  // Names repeat across compiles of a stack; the cache is bounded so a long-lived process stays small.
  if (pascalCache.size > 50_000) pascalCache.clear();
  pascalCache.set(input, result);
  return result;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * The three regexes below as one scan, for ASCII input (the `u` regexes cost ~7 µs a name): a word
 * ends at a non-alphanumeric run, before an upper case letter after a lower case letter or digit,
 * and before an upper case letter that starts a lower case run after another upper case letter.
 */
function splitAsciiWords(input: string): string[] {
  const words: string[] = [];
  let start = -1;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (!isUpper(c) && !isLower(c) && !isDigit(c)) {
      if (start !== -1) words.push(input.slice(start, i));
      start = -1;
      continue;
    }
    if (start === -1) {
      start = i;
      continue;
    }
    if (!isUpper(c)) continue;
    const prev = input.charCodeAt(i - 1);
    if (isLower(prev) || isDigit(prev) || (isUpper(prev) && isLower(input.charCodeAt(i + 1)))) {
      words.push(input.slice(start, i));
      start = i;
    }
  }
  if (start !== -1) words.push(input.slice(start));
  return words;
}

function splitWords(input: string): string[] {
  if (ASCII_ONLY.test(input)) return splitAsciiWords(input);
  return input
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, '$1\0$2')
    .replace(/(\p{Lu})([\p{Lu}][\p{Ll}])/gu, '$1\0$2')
    .replace(/[^\p{L}\d]+/giu, '\0')
    .split('\0')
    .filter((w) => w.length > 0);
}

function pascalCaseUncached(input: string): string {
  const words = splitWords(input);
  return words
    .map((word, index) => {
      const first = word.charAt(0);
      // change-case prefixes a digit-initial word (other than the first) with `_`; Stacktape strips
      // underscores for some names and not for others, so keep change-case's behaviour exactly.
      const initial = index > 0 && first >= '0' && first <= '9' ? `_${first}` : first.toUpperCase();
      return initial + word.slice(1).toLowerCase();
    })
    .join('');
}

export interface LogicalNameParts {
  /** The stp resource name; omitted for stack-wide resources (parent becomes `Stp`). */
  resourceName?: string;
  specifier?: { type: string; typeIndex?: number; subtype?: string };
  /** Full CloudFormation type, e.g. `AWS::Lambda::Function`; its last segment is the suffix. */
  cfnType: string;
  index?: number;
}

export function buildLogicalName(parts: LogicalNameParts): string {
  const segments = parts.cfnType.split(':');
  const parent = parts.resourceName || 'Stp';
  const spec = parts.specifier
    ? `${parts.specifier.type}${parts.specifier.typeIndex ?? ''}${
        parts.specifier.subtype !== undefined ? `-${parts.specifier.subtype}` : ''
      }`
    : '';
  const suffix = `${segments[segments.length - 1] ?? ''}${parts.index ?? ''}`;
  return pascalCase(`${parent}-${spec}-${suffix}`);
}

const ln = buildLogicalName;

/** Named logical IDs used by stp's compilers (same names Stacktape generates where one exists). */
export const logicalNames = {
  // Lambda functions
  lambda: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Lambda::Function' }),
  lambdaRole: (name: string) => ln({ resourceName: name, cfnType: 'AWS::IAM::Role' }),
  lambdaLogGroup: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Logs::LogGroup' }),
  lambdaPermission: (name: string, eventIndex: number) =>
    ln({ resourceName: name, specifier: { type: 'Event', typeIndex: eventIndex }, cfnType: 'AWS::Lambda::Permission' }),
  eventSourceMapping: (name: string, eventIndex: number) =>
    ln({
      resourceName: name,
      specifier: { type: 'Event', typeIndex: eventIndex },
      cfnType: 'AWS::Lambda::EventSourceMapping',
    }),
  eventBusRule: (name: string, eventIndex: number) =>
    ln({ resourceName: name, specifier: { type: 'Event', typeIndex: eventIndex }, cfnType: 'AWS::Events::Rule' }),
  snsEventSubscription: (name: string, eventIndex: number) =>
    ln({ resourceName: name, specifier: { type: 'Event', typeIndex: eventIndex }, cfnType: 'AWS::SNS::Subscription' }),
  snsEventPermission: (name: string, eventIndex: number) =>
    ln({ resourceName: name, specifier: { type: 'Event', typeIndex: eventIndex }, cfnType: 'AWS::Lambda::Permission' }),
  lambdaTargetGroupPermission: (name: string, loadBalancerName: string) =>
    ln({ resourceName: name, specifier: { type: `${loadBalancerName}TargetGroup` }, cfnType: 'AWS::Lambda::Permission' }),
  cloudWatchLogSubscriptionFilter: (name: string, eventIndex: number) =>
    ln({
      resourceName: name,
      specifier: { type: 'Event', typeIndex: eventIndex },
      cfnType: 'AWS::Logs::SubscriptionFilter',
    }),
  lambdaPublicUrlPermission: (name: string) =>
    ln({ resourceName: name, specifier: { type: 'PublicUrl' }, cfnType: 'AWS::Lambda::Permission' }),
  s3Notifications: (name: string, bucketKey: string) =>
    ln({ resourceName: name, specifier: { type: `${bucketKey}S3Notifications` }, cfnType: 'AWS::CloudFormation::CustomResource' }),
  lambdaInvokeConfig: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Lambda::EventInvokeConfig' }),
  lambdaUrl: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Lambda::Url' }),

  // HTTP API integration pieces owned by the workload (the API itself is its own resource)
  httpApiLambdaIntegration: (name: string, apiName: string) =>
    ln({ resourceName: name, specifier: { type: apiName }, cfnType: 'AWS::ApiGatewayV2::Integration' }),
  httpApiContainerWorkloadIntegration: (name: string, apiName: string, port: number) =>
    ln({ resourceName: name, specifier: { type: `${apiName}ToPort${port}` }, cfnType: 'AWS::ApiGatewayV2::Integration' }),
  httpApiLambdaPermission: (name: string, apiName: string) =>
    ln({ resourceName: name, specifier: { type: apiName }, cfnType: 'AWS::Lambda::Permission' }),
  httpApiRoute: (name: string, method: string, path: string) =>
    ln({
      resourceName: '',
      specifier: { type: `${name}-${method === '*' ? 'Any' : method}-${path === '*' ? 'Default' : path}` },
      cfnType: 'AWS::ApiGatewayV2::Route',
    }),
  httpApiVpcLink: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ApiGatewayV2::VpcLink' }),

  // Deployment scripts
  scriptCustomResource: (name: string) =>
    ln({ resourceName: name, specifier: { type: 'Script' }, cfnType: 'AWS::CloudFormation::CustomResource' }),
  deploymentScriptRunner: () =>
    ln({ specifier: { type: 'DeploymentScriptRunner' }, cfnType: 'AWS::Lambda::Function' }),
  deploymentScriptRunnerRole: () => ln({ specifier: { type: 'DeploymentScriptRunner' }, cfnType: 'AWS::IAM::Role' }),
  deploymentScriptRunnerLogGroup: () =>
    ln({ specifier: { type: 'DeploymentScriptRunner' }, cfnType: 'AWS::Logs::LogGroup' }),

  // ECS workloads
  ecsCluster: () => ln({ cfnType: 'AWS::ECS::Cluster' }),
  ecsTaskDefinition: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ECS::TaskDefinition' }),
  ecsService: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ECS::Service' }),
  ecsExecutionRole: () => ln({ specifier: { type: 'EcsExecution' }, cfnType: 'AWS::IAM::Role' }),
  ecsTaskRole: (name: string) => ln({ resourceName: name, cfnType: 'AWS::IAM::Role' }),
  ecsLogGroup: (name: string, containerName: string) =>
    ln({ resourceName: name, specifier: { type: containerName }, cfnType: 'AWS::Logs::LogGroup' }),
  ecsInfrastructureRole: () => ln({ specifier: { type: 'EcsInfrastructure' }, cfnType: 'AWS::IAM::Role' }),
  ecsHookRole: () => ln({ specifier: { type: 'EcsLifecycleHook' }, cfnType: 'AWS::IAM::Role' }),
  autoScalingTarget: (name: string) =>
    ln({ resourceName: name, cfnType: 'AWS::ApplicationAutoScaling::ScalableTarget' }),
  autoScalingPolicy: (name: string, metric: string) =>
    ln({ resourceName: name, specifier: { type: metric }, cfnType: 'AWS::ApplicationAutoScaling::ScalingPolicy' }),
  workloadSecurityGroup: (name: string) => ln({ resourceName: name, cfnType: 'AWS::EC2::SecurityGroup' }),
  targetGroup: (name: string, loadBalancerName: string, port?: number, alternate?: boolean) =>
    ln({
      resourceName: name,
      specifier: { type: `${loadBalancerName}${port ? `ToPort${port}` : ''}${alternate ? 'BG' : ''}` },
      cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup',
    }),
  /** Listener rules are named after the load balancer (Stacktape's convention). */
  listenerRule: (loadBalancerName: string, port: number, priority: number) =>
    ln({
      resourceName: loadBalancerName,
      specifier: { type: `Port${port}Priority${priority}` },
      cfnType: 'AWS::ElasticLoadBalancingV2::ListenerRule',
    }),
  listener: (loadBalancerName: string, port: number) =>
    ln({ resourceName: loadBalancerName, specifier: { type: `Port${port}` }, cfnType: 'AWS::ElasticLoadBalancingV2::Listener' }),
  serviceDiscoveryNamespace: () =>
    ln({ specifier: { type: 'Discovery' }, cfnType: 'AWS::ServiceDiscovery::PrivateDnsNamespace' }),
  serviceDiscoveryService: (name: string, port: number) =>
    ln({ resourceName: name, specifier: { type: `Port${port}Discovery` }, cfnType: 'AWS::ServiceDiscovery::Service' }),
  lifecycleHookAdapter: (name: string, hook: string) =>
    ln({ resourceName: name, specifier: { type: `${hook}Hook` }, cfnType: 'AWS::Lambda::Function' }),

  // Data and network resources other compilers point at (compile-data's compilers use these too)
  httpApi: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ApiGatewayV2::Api' }),
  httpApiStage: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ApiGatewayV2::Stage' }),
  loadBalancer: (name: string) => ln({ resourceName: name, cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer' }),
  loadBalancerSecurityGroup: (name: string) =>
    ln({ resourceName: name, specifier: { type: 'Lb' }, cfnType: 'AWS::EC2::SecurityGroup' }),
  sqsQueue: (name: string) => ln({ resourceName: name, cfnType: 'AWS::SQS::Queue' }).replaceAll('_', ''),
  snsTopic: (name: string) => ln({ resourceName: name, cfnType: 'AWS::SNS::Topic' }).replaceAll('_', ''),
  eventBus: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Events::EventBus' }),
  bucket: (name: string) => pascalCase(`${name}-bucket`),

  // Batch jobs
  batchJobDefinition: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Batch::JobDefinition' }),
  batchStateMachine: (name: string) =>
    ln({ resourceName: name, specifier: { type: 'JobExecution' }, cfnType: 'AWS::StepFunctions::StateMachine' }),
  batchJobLogGroup: (name: string) => ln({ resourceName: name, cfnType: 'AWS::Logs::LogGroup' }),
  batchJobExecutionRole: (name: string) => ln({ resourceName: name, cfnType: 'AWS::IAM::Role' }),
  batchComputeEnvironment: (spot: boolean, gpu: boolean) =>
    ln({
      specifier: { type: `Batch-${spot ? 'spot' : 'onDemand'}-${gpu ? 'gpu' : ''}` },
      cfnType: 'AWS::Batch::ComputeEnvironment',
    }),
  batchJobQueue: (spot: boolean, gpu: boolean) =>
    ln({ specifier: { type: `Batch-${spot ? 'spot' : 'onDemand'}-${gpu ? 'gpu' : ''}` }, cfnType: 'AWS::Batch::JobQueue' }),
  batchServiceRole: () => ln({ specifier: { type: 'BatchService' }, cfnType: 'AWS::IAM::Role' }),
  batchStateMachineExecutionRole: () => ln({ specifier: { type: 'BatchStateMachine' }, cfnType: 'AWS::IAM::Role' }),
  batchEventsRole: () => ln({ specifier: { type: 'BatchEvents' }, cfnType: 'AWS::IAM::Role' }),
  batchSecurityGroup: () => ln({ specifier: { type: 'BatchInstance' }, cfnType: 'AWS::EC2::SecurityGroup' }),
} as const;

export type LogicalNames = typeof logicalNames;

/** Output names: alphanumeric, e.g. `MyFunctionArn` for `$ResourceParam('myFunction','arn')`. */
export function outputName(resourceName: string, param: string): string {
  return pascalCase(`${resourceName}-${param}`).replaceAll('_', '');
}
