import { pascalCase } from './logical-names.js';
import { nameLimits, physicalName } from './physical-names.js';
import type { StackInput } from './stack-input.js';

/**
 * Physical names of compute resources, shared by the compilers (which set them) and by the deploy
 * watchers and CLI (which look the resources up: `stp script:run`, the log view, ECS deployment
 * progress). One source, so the two never disagree.
 */
export const computeNames = {
  lambdaFunction: (stackName: string, resourceName: string) => physicalName([stackName, resourceName], nameLimits.lambdaFunction),
  lambdaLogGroup: (functionName: string) => `/aws/lambda/${functionName}`,
  scriptRunnerFunction: (stackName: string) => physicalName([stackName, 'stp-script-runner'], nameLimits.lambdaFunction),
  ecsCluster: (stackName: string) => physicalName([stackName], nameLimits.ecsCluster),
  ecsService: (stackName: string, resourceName: string) => physicalName([stackName, resourceName], nameLimits.ecsService),
  taskFamily: (stackName: string, resourceName: string) => physicalName([stackName, resourceName], 255),
  containerLogGroup: (stackName: string, resourceName: string, container: string) => `/stp/${stackName}/${resourceName}/${container}`,
  batchLogGroup: (stackName: string, resourceName: string) => `/stp/${stackName}/${resourceName}`,
  batchStateMachine: (stackName: string, resourceName: string) => physicalName([stackName, resourceName], nameLimits.stateMachine),
  batchJobDefinition: (stackName: string, resourceName: string) => physicalName([stackName, resourceName], nameLimits.batch),
  /** Stack output holding a deployment script's event (JSON text), for `stp script:run`. */
  scriptParametersOutput: (resourceName: string) => `${pascalCase(resourceName).replaceAll('_', '')}ScriptParameters`,
} as const;

export interface FunctionHandle {
  resourceName: string;
  kind: 'function' | 'deployment-script';
  /** For deployment scripts. */
  trigger?: 'after:deploy' | 'before:delete';
  /** For deployment scripts: the stack output with the script's event as JSON text. */
  parametersOutput?: string;
  functionName: string;
  /** Absent when the resource's logging is disabled. */
  logGroupName?: string;
}

export interface ServiceHandle {
  resourceName: string;
  type: string;
  clusterName: string;
  serviceName: string;
  containers: { name: string; logGroupName?: string }[];
}

export interface BatchJobHandle {
  resourceName: string;
  stateMachineName: string;
  logGroupName?: string;
}

export interface ResourceHandles {
  functions: FunctionHandle[];
  services: ServiceHandle[];
  batchJobs: BatchJobHandle[];
  /** The deployment-script runner, when the stack has scripts (its log shows runner errors). */
  scriptRunner?: { functionName: string; logGroupName: string };
}

const serviceTypes = ['web-service', 'private-service', 'worker-service', 'multi-container-workload'];

function loggingDisabled(properties: Record<string, unknown> | undefined): boolean {
  return (properties?.logging as { disabled?: boolean } | undefined)?.disabled === true;
}

/** Where each compute resource of a stack lives in AWS once deployed, by name. */
export function resourceHandles(stack: Pick<StackInput, 'stackName' | 'resources'>): ResourceHandles {
  const s = stack.stackName;
  const out: ResourceHandles = { functions: [], services: [], batchJobs: [] };
  for (const name of Object.keys(stack.resources).sort()) {
    const r = stack.resources[name]!;
    const p = r.properties ?? {};
    if (r.type === 'function' || r.type === 'deployment-script') {
      const functionName = computeNames.lambdaFunction(s, name);
      const handle: FunctionHandle = { resourceName: name, kind: r.type, functionName };
      if (r.type === 'deployment-script') {
        handle.trigger = p.trigger === 'before:delete' ? 'before:delete' : 'after:deploy';
        handle.parametersOutput = computeNames.scriptParametersOutput(name);
      }
      if (!loggingDisabled(p)) handle.logGroupName = computeNames.lambdaLogGroup(functionName);
      out.functions.push(handle);
    } else if (serviceTypes.includes(r.type)) {
      const containers =
        r.type === 'multi-container-workload'
          ? ((p.containers as { name: string; logging?: unknown }[] | undefined) ?? []).map((c) => ({
              name: c.name,
              disabled: loggingDisabled(c as Record<string, unknown>),
            }))
          : [
              { name, disabled: loggingDisabled(p) },
              ...((p.sideContainers as { name: string }[] | undefined) ?? []).map((c) => ({
                name: c.name,
                disabled: loggingDisabled(c as Record<string, unknown>),
              })),
            ];
      out.services.push({
        resourceName: name,
        type: r.type,
        clusterName: computeNames.ecsCluster(s),
        serviceName: computeNames.ecsService(s, name),
        containers: containers.map((c) =>
          c.disabled ? { name: c.name } : { name: c.name, logGroupName: computeNames.containerLogGroup(s, name, c.name) },
        ),
      });
    } else if (r.type === 'batch-job') {
      const handle: BatchJobHandle = { resourceName: name, stateMachineName: computeNames.batchStateMachine(s, name) };
      if (!loggingDisabled(p)) handle.logGroupName = computeNames.batchLogGroup(s, name);
      out.batchJobs.push(handle);
    }
  }
  if (out.functions.some((f) => f.kind === 'deployment-script')) {
    const functionName = computeNames.scriptRunnerFunction(s);
    out.scriptRunner = { functionName, logGroupName: computeNames.lambdaLogGroup(functionName) };
  }
  return out;
}
