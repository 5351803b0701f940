/**
 * Amazon ECS (awsJson1.1, `AmazonEC2ContainerServiceV20141113`): clusters, task definitions,
 * services, tasks, and ECS-native service deployments with lifecycle hooks — the operations a
 * deploy console and the `services-stable` waiter use. The work is in ecs-backend.ts.
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorContext, EmulatorService, RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import type { EcsBackend } from './ecs-backend.js';
import type { EcsSnapshot, LoadBalancerBinding } from './ecs-records.js';
import type { DeploymentConfiguration } from './deployment-plan.js';

export const ECS_STATE_NAMESPACE = 'ecs';

type Input = Record<string, unknown>;

function str(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${name} must be a string`);
  return value;
}

function required(input: Input, name: string): string {
  const value = str(input, name);
  if (value === undefined || value === '') throw new AwsServiceError('InvalidParameterException', `${name} can not be blank.`);
  return value;
}

function strings(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new AwsServiceError('SerializationException', `${name} must be a list`);
  return value.map(String);
}

function num(input: Input, name: string): number | undefined {
  const value = input[name];
  return typeof value === 'number' ? value : undefined;
}

/** Fields the ECS model types as Timestamp: records keep ISO strings, the wire wants epoch seconds. */
const TIMESTAMP_FIELDS = new Set(['createdAt', 'startedAt', 'updatedAt', 'finishedAt', 'stoppedAt', 'stoppingAt', 'registeredAt', 'expiresAt', 'pullStartedAt', 'pullStoppedAt']);

function withTimestamps(value: unknown, key?: string): unknown {
  if (typeof value === 'string' && key !== undefined && TIMESTAMP_FIELDS.has(key)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? value : new Date(ms);
  }
  if (Array.isArray(value)) return value.map((item) => withTimestamps(item));
  if (value && typeof value === 'object' && !(value instanceof Date) && !Buffer.isBuffer(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withTimestamps(v, k)]));
  }
  return value;
}

function hasStateStore(ctx: EmulatorContext): ctx is EmulatorRuntimeContext {
  return typeof (ctx as Partial<EmulatorRuntimeContext>).state?.register === 'function';
}

export function createEcsService(ctx: EmulatorContext, backend: EcsBackend): EmulatorService {
  if (hasStateStore(ctx)) {
    ctx.state.register<EcsSnapshot>(ECS_STATE_NAMESPACE, {
      serialize: () => backend.snapshot(),
      restore: (saved) => {
        const interrupted = backend.restore(saved);
        if (interrupted > 0) ctx.log(`ecs: ${interrupted} service deployment(s) interrupted by the last shutdown were marked STOPPED`);
      },
    });
  }

  const handlers: Record<string, (input: Input, request: RequestInfo) => unknown> = {
    CreateCluster: (input, r) => ({ cluster: backend.clusterView(backend.createCluster(str(input, 'clusterName'), r.region)) }),
    DeleteCluster: (input, r) => ({ cluster: backend.clusterView(backend.deleteCluster(required(input, 'cluster'), r.region)) }),
    DescribeClusters: (input, r) => {
      const { clusters, failures } = backend.describeClusters(strings(input, 'clusters'), r.region);
      return { clusters: clusters.map((c) => backend.clusterView(c)), failures };
    },
    ListClusters: () => ({ clusterArns: backend.listClusters() }),
    RegisterTaskDefinition: (input, r) => ({ taskDefinition: backend.taskDefinitionView(backend.registerTaskDefinition(input, r.region)), tags: input.tags ?? [] }),
    DescribeTaskDefinition: (input) => ({ taskDefinition: backend.taskDefinitionView(backend.requireTaskDefinition(required(input, 'taskDefinition'))), tags: [] }),
    DeregisterTaskDefinition: (input) => ({ taskDefinition: backend.taskDefinitionView(backend.deregisterTaskDefinition(required(input, 'taskDefinition'))) }),
    CreateService: (input, r) => ({
      service: backend.serviceView(
        backend.createService({
          cluster: str(input, 'cluster'),
          serviceName: required(input, 'serviceName'),
          taskDefinition: required(input, 'taskDefinition'),
          desiredCount: num(input, 'desiredCount'),
          launchType: str(input, 'launchType'),
          loadBalancers: input.loadBalancers as LoadBalancerBinding[] | undefined,
          networkConfiguration: input.networkConfiguration,
          deploymentConfiguration: input.deploymentConfiguration as DeploymentConfiguration | undefined,
          deploymentController: input.deploymentController as { type?: string } | undefined,
          region: r.region,
        }),
      ),
    }),
    UpdateService: (input, r) => ({
      service: backend.serviceView(
        backend.updateService({
          cluster: str(input, 'cluster'),
          service: required(input, 'service'),
          taskDefinition: str(input, 'taskDefinition'),
          desiredCount: num(input, 'desiredCount'),
          loadBalancers: input.loadBalancers as LoadBalancerBinding[] | undefined,
          networkConfiguration: input.networkConfiguration,
          deploymentConfiguration: input.deploymentConfiguration as DeploymentConfiguration | undefined,
          forceNewDeployment: input.forceNewDeployment === true,
          region: r.region,
        }).service,
      ),
    }),
    DeleteService: async (input, r) => {
      const service = backend.requireService(str(input, 'cluster'), required(input, 'service'), r.region);
      // DeleteService answers at once (DRAINING); tasks stop in the background.
      const deleting = backend.deleteService(str(input, 'cluster'), required(input, 'service'), input.force === true, r.region);
      deleting.catch((error: unknown) => ctx.log(`ecs: deleting ${service.serviceName} failed: ${(error as Error).message}`));
      await Promise.resolve();
      return { service: backend.serviceView(service) };
    },
    DescribeServices: (input, r) => backend.describeServices(str(input, 'cluster'), strings(input, 'services') ?? [], r.region),
    ListServices: (input, r) => ({ serviceArns: backend.listServices(str(input, 'cluster'), r.region) }),
    ListTasks: (input, r) => ({
      taskArns: backend.listTasks({ cluster: str(input, 'cluster'), serviceName: str(input, 'serviceName'), desiredStatus: str(input, 'desiredStatus'), family: str(input, 'family'), region: r.region }),
    }),
    DescribeTasks: (input, r) => backend.describeTasks(str(input, 'cluster'), strings(input, 'tasks') ?? [], r.region),
    StopTask: async (input, r) => ({ task: await backend.stopTask(str(input, 'cluster'), required(input, 'task'), str(input, 'reason'), r.region) }),
    ListServiceDeployments: (input, r) =>
      backend.listServiceDeployments({
        cluster: str(input, 'cluster'),
        service: required(input, 'service'),
        status: strings(input, 'status'),
        createdAt: input.createdAt as { before?: number; after?: number } | undefined,
        maxResults: num(input, 'maxResults'),
        nextToken: str(input, 'nextToken'),
        region: r.region,
      }),
    DescribeServiceDeployments: (input) => backend.describeServiceDeployments(strings(input, 'serviceDeploymentArns') ?? []),
    DescribeServiceRevisions: (input) => backend.describeServiceRevisions(strings(input, 'serviceRevisionArns') ?? []),
    StopServiceDeployment: (input) => ({ serviceDeploymentArn: backend.stopServiceDeployment(required(input, 'serviceDeploymentArn'), str(input, 'stopType')) }),
    ContinueServiceDeployment: (input) => ({
      serviceDeploymentArn: backend.continueServiceDeployment(required(input, 'serviceDeploymentArn'), required(input, 'hookId'), str(input, 'action')),
    }),
  };

  return {
    signingName: 'ecs',
    async handle(operation, input, request) {
      const handler = handlers[operation];
      if (!handler) throw new UnsupportedOperationError('ecs', operation);
      return withTimestamps(await handler(input, request));
    },
  };
}
