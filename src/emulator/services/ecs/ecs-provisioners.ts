/**
 * CloudFormation's AWS::ECS::Cluster, TaskDefinition and Service through the local ECS backend:
 * a service create or update waits for its deployment the way CloudFormation does (through the
 * final bake), and a deployment that ends rolled back or stopped fails the resource, which rolls
 * the stack back. During that stack rollback the service's UpdateService to the old task
 * definition is a no-op when ECS already went back to it (reference §10 question 6: stp's choice).
 */
import { handlerFailure, ResourceFailure, type Provisioner } from '../cloudformation/provisioning/provisioner.js';
import { identityFor } from '../cloudformation/provisioning/resource-identities.js';
import { identityContext } from '../cloudformation/provisioning/types/record-only.js';
import { generatedName } from '../cloudformation/provisioning/physical-names.js';
import type { DeploymentConfiguration } from './deployment-plan.js';
import type { EcsBackend } from './ecs-backend.js';
import type { LoadBalancerBinding, ServiceDeploymentRecord } from './ecs-records.js';

/** Maps whose keys are data, not property names: never camelCased. */
const OPAQUE_KEYS = new Set(['Options', 'DockerLabels', 'SystemControls', 'Tags', 'HookDetails']);
const NUMERIC_KEYS = new Set([
  'desiredCount', 'maximumPercent', 'minimumHealthyPercent', 'bakeTimeInMinutes', 'canaryPercent', 'canaryBakeTimeInMinutes',
  'stepPercent', 'stepBakeTimeInMinutes', 'timeoutInMinutes', 'containerPort', 'hostPort', 'interval', 'timeout', 'retries',
  'startPeriod', 'stopTimeout', 'startTimeout', 'memoryReservation',
]);
const BOOLEAN_KEYS = new Set(['essential', 'enable', 'rollback', 'readonlyRootFilesystem', 'privileged']);

/** CloudFormation's PascalCase properties → the ECS API's camelCase, with numbers and booleans typed. */
export function toApiShape(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => toApiShape(item));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const apiKey = k.charAt(0).toLowerCase() + k.slice(1);
      out[apiKey] = OPAQUE_KEYS.has(k) ? v : toApiShape(v, apiKey);
    }
    return out;
  }
  if (key !== undefined && NUMERIC_KEYS.has(key) && typeof value === 'string' && value.trim() !== '') return Number(value);
  if (key !== undefined && BOOLEAN_KEYS.has(key) && typeof value === 'string') return value === 'true';
  if (key === 'value' && typeof value !== 'string' && value !== undefined && value !== null) return String(value);
  return value;
}

function failure(deployment: ServiceDeploymentRecord, requestToken: string): Error {
  return handlerFailure(`Error occurred during operation '${deployment.statusReason ?? `ECS service deployment ${deployment.status}`}'.`, 'GeneralServiceException', requestToken);
}

export function ecsProvisioners(backend: EcsBackend, requestToken: () => string): Record<string, Provisioner> {
  const serviceIdentity = identityFor('AWS::ECS::Service');

  const awaitDeployment = async (deployment: ServiceDeploymentRecord | undefined, signal: AbortSignal): Promise<void> => {
    if (!deployment) return;
    const onAbort = () => {
      // A cancelled stack operation rolls the running ECS deployment back first.
      try {
        backend.stopServiceDeployment(deployment.serviceDeploymentArn, 'ROLLBACK');
      } catch {
        // Already terminal.
      }
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const done = await backend.waitForDeployment(deployment.serviceDeploymentArn);
      if (signal.aborted) throw signal.reason;
      if (done.status !== 'SUCCESSFUL') throw failure(done, requestToken());
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  };

  const serviceInput = (properties: Record<string, unknown>) => {
    const api = toApiShape(properties) as Record<string, unknown>;
    return {
      cluster: typeof api.cluster === 'string' ? api.cluster : undefined,
      taskDefinition: String(api.taskDefinition ?? ''),
      desiredCount: typeof api.desiredCount === 'number' ? api.desiredCount : 1,
      launchType: typeof api.launchType === 'string' ? api.launchType : undefined,
      loadBalancers: (api.loadBalancers as LoadBalancerBinding[] | undefined) ?? [],
      networkConfiguration: api.networkConfiguration,
      deploymentConfiguration: api.deploymentConfiguration as DeploymentConfiguration | undefined,
      deploymentController: api.deploymentController as { type?: string } | undefined,
    };
  };

  return {
    'AWS::ECS::Cluster': {
      async create(request) {
        const ctx = identityContext(request);
        const name = identityFor('AWS::ECS::Cluster').physicalId(ctx);
        const cluster = backend.createCluster(name, request.stack.region);
        return { physicalId: name, attributes: { Arn: cluster.clusterArn } };
      },
      async update(request) {
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        try {
          backend.deleteCluster(request.physicalId, request.stack.region);
        } catch (error) {
          if ((error as { code?: string }).code !== 'ClusterNotFoundException') throw error;
        }
      },
    },
    'AWS::ECS::TaskDefinition': {
      async create(request) {
        const api = toApiShape(request.properties) as Record<string, unknown>;
        const family = typeof api.family === 'string' && api.family !== '' ? api.family : generatedName(request.stack.stackName, request.logicalId);
        const record = backend.registerTaskDefinition({ ...api, family }, request.stack.region);
        return { physicalId: record.taskDefinitionArn, attributes: { TaskDefinitionArn: record.taskDefinitionArn } };
      },
      async update(request) {
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        try {
          backend.deregisterTaskDefinition(request.physicalId);
        } catch {
          // Gone already.
        }
      },
    },
    'AWS::ECS::Service': {
      async create(request) {
        const ctx = identityContext(request);
        const arn = serviceIdentity.physicalId(ctx);
        const name = arn.split('/').pop()!;
        const input = serviceInput(request.properties);
        const service = backend.createService({ ...input, serviceName: name, region: request.stack.region });
        const deployment = service.currentServiceDeployment ? (await backend.describeServiceDeployments([service.currentServiceDeployment])).serviceDeployments[0] : undefined;
        try {
          await awaitDeployment(deployment as ServiceDeploymentRecord | undefined, request.signal);
        } catch (error) {
          // The service exists even though its first deployment failed: the rollback must delete it.
          throw new ResourceFailure((error as Error).message, service.serviceArn);
        }
        return { physicalId: service.serviceArn, attributes: { ServiceArn: service.serviceArn, Name: name } };
      },
      async update(request) {
        const input = serviceInput(request.properties);
        const { deployment } = backend.updateService({
          cluster: input.cluster,
          service: request.physicalId,
          taskDefinition: input.taskDefinition,
          desiredCount: input.desiredCount,
          loadBalancers: input.loadBalancers,
          networkConfiguration: input.networkConfiguration,
          deploymentConfiguration: input.deploymentConfiguration,
          region: request.stack.region,
        });
        await awaitDeployment(deployment, request.signal);
        return { physicalId: request.physicalId, attributes: request.attributes };
      },
      async delete(request) {
        const input = serviceInput(request.properties);
        try {
          await backend.deleteService(input.cluster, request.physicalId, true, request.stack.region);
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code !== 'ServiceNotFoundException' && code !== 'ClusterNotFoundException') throw error;
        }
      },
    },
  };
}
