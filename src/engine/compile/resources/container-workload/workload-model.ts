import type { ConfigPath } from '../../compile-context.js';
import type { ResourceView } from '../../resource-compiler.js';

/**
 * web-service, private-service, worker-service and multi-container-workload compile the same way:
 * each is first normalised into this model (one or more containers plus workload-wide settings),
 * as Stacktape itself turns the single-container services into a multi-container workload.
 */
export interface ContainerEventModel {
  type: string;
  properties: Record<string, unknown>;
  at: ConfigPath;
}

export interface ContainerModel {
  name: string;
  packaging: { type?: string; properties?: Record<string, unknown> };
  essential: boolean;
  environment: unknown;
  dependsOn: { containerName: string; condition: string }[];
  internalHealthCheck?: {
    healthCheckCommand: string[];
    intervalSeconds?: number;
    timeoutSeconds?: number;
    retries?: number;
    startPeriodSeconds?: number;
  };
  loadBalancerHealthCheck?: {
    healthcheckPath?: string;
    healthcheckInterval?: number;
    healthcheckTimeout?: number;
    healthCheckProtocol?: 'HTTP' | 'TCP';
    healthCheckPort?: number;
  };
  stopTimeout?: number;
  logging?: { disabled?: boolean; retentionDays?: number };
  events: ContainerEventModel[];
  /** EFS mounts (not compiled yet; reported at this container). */
  volumeMounts?: unknown;
  /** Extra environment the service type implies (e.g. `PORT` of a web service). */
  impliedEnvironment: Record<string, string>;
  at: ConfigPath;
}

export interface WorkloadDeployment {
  strategy: string;
  beforeAllowTrafficFunction?: string;
  afterTrafficShiftFunction?: string;
  testListenerPort?: number;
  manualApproval?: boolean | { gate?: 'every-production-step' | 'before-production'; timeoutMinutes?: number; onTimeout?: 'rollback' | 'continue' };
  at: ConfigPath;
}

/** A load balancer or API the workload type itself brings (web-service, private-service). */
export type OwnEntryPoint =
  | { kind: 'none' }
  | { kind: 'http-api-gateway'; containerName: string; port: number; at: ConfigPath }
  | { kind: 'application-load-balancer'; internal: boolean; containerName: string; port: number; at: ConfigPath }
  | { kind: 'service-connect'; containerName: string; port: number; protocol?: string; at: ConfigPath }
  | { kind: 'unsupported'; what: string; at: ConfigPath };

export interface WorkloadModel {
  resource: ResourceView;
  /** FARGATE, or EC2 when `resources.instanceTypes` is given (see ec2-capacity.ts). */
  launch: 'FARGATE' | 'EC2';
  containers: ContainerModel[];
  resources: { cpu?: number; memory?: number; instanceTypes?: string[]; architecture?: string; enableWarmPool?: boolean };
  scaling?: {
    minInstances?: number;
    maxInstances?: number;
    scalingPolicy?: { keepAvgCpuUtilizationUnder?: number; keepAvgMemoryUtilizationUnder?: number };
  };
  deployment?: WorkloadDeployment;
  entryPoint: OwnEntryPoint;
  enableRemoteSessions: boolean;
  at: ConfigPath;
}

/** Web and private services listen on 3000 unless `port` says otherwise (Stacktape's default). */
export const defaultServicePort = 3000;

function containerFrom(raw: Record<string, unknown>, at: ConfigPath, implied: Record<string, string> = {}): ContainerModel {
  const c: ContainerModel = {
    name: String(raw.name),
    packaging: (raw.packaging ?? {}) as ContainerModel['packaging'],
    essential: raw.essential !== false,
    environment: raw.environment,
    dependsOn: (raw.dependsOn as ContainerModel['dependsOn'] | undefined) ?? [],
    events: ((raw.events as { type: string; properties?: Record<string, unknown> }[] | undefined) ?? []).map((e, i) => ({
      type: e.type,
      properties: e.properties ?? {},
      at: [...at, 'events', i],
    })),
    impliedEnvironment: implied,
    at,
  };
  if (raw.internalHealthCheck) c.internalHealthCheck = raw.internalHealthCheck as ContainerModel['internalHealthCheck'];
  if (raw.loadBalancerHealthCheck) c.loadBalancerHealthCheck = raw.loadBalancerHealthCheck as ContainerModel['loadBalancerHealthCheck'];
  if (typeof raw.stopTimeout === 'number') c.stopTimeout = raw.stopTimeout;
  if (raw.logging) c.logging = raw.logging as ContainerModel['logging'];
  if (raw.volumeMounts !== undefined) c.volumeMounts = raw.volumeMounts;
  return c;
}

export function workloadModel(resource: ResourceView): WorkloadModel {
  const p = resource.properties;
  const at: ConfigPath = [...resource.path, 'properties'];
  const resources = (p.resources ?? {}) as WorkloadModel['resources'];
  const base = {
    resource,
    launch: resources.instanceTypes && resources.instanceTypes.length > 0 ? ('EC2' as const) : ('FARGATE' as const),
    resources,
    enableRemoteSessions: p.enableRemoteSessions === true,
    at,
  };
  const model: WorkloadModel = { ...base, containers: [], entryPoint: { kind: 'none' } };
  if (p.scaling) model.scaling = p.scaling as WorkloadModel['scaling'];
  if (p.deployment) model.deployment = { ...(p.deployment as Omit<WorkloadDeployment, 'at'>), at: [...at, 'deployment'] };

  if (resource.type === 'multi-container-workload') {
    model.containers = ((p.containers as Record<string, unknown>[] | undefined) ?? []).map((c, i) =>
      containerFrom(c, [...at, 'containers', i]),
    );
    return model;
  }

  // Single-container services: the main container is named after the resource.
  const port = typeof p.port === 'number' ? p.port : defaultServicePort;
  const listens = resource.type !== 'worker-service';
  const main = containerFrom(
    {
      name: resource.name,
      packaging: p.packaging,
      essential: true,
      environment: p.environment,
      internalHealthCheck: p.internalHealthCheck,
      stopTimeout: p.stopTimeout,
      logging: p.logging,
    },
    at,
    listens ? { PORT: String(port) } : {},
  );
  const sides = ((p.sideContainers as Record<string, unknown>[] | undefined) ?? []).map((c, i) =>
    containerFrom(c, [...at, 'sideContainers', i]),
  );
  model.containers = [main, ...sides];

  const lb = (p.loadBalancing as { type?: string } | undefined)?.type;
  const lbAt: ConfigPath = [...at, 'loadBalancing'];
  if (resource.type === 'web-service') {
    if (lb === undefined || lb === 'http-api-gateway') {
      model.entryPoint = { kind: 'http-api-gateway', containerName: main.name, port, at: lbAt };
    } else if (lb === 'application-load-balancer') {
      model.entryPoint = { kind: 'application-load-balancer', internal: false, containerName: main.name, port, at: lbAt };
    } else {
      model.entryPoint = { kind: 'unsupported', what: `web-service loadBalancing type "${lb}"`, at: [...lbAt, 'type'] };
    }
  } else if (resource.type === 'private-service') {
    if (lb === undefined || lb === 'service-connect') {
      const protocol = typeof p.protocol === 'string' ? p.protocol : undefined;
      model.entryPoint = { kind: 'service-connect', containerName: main.name, port, at: lbAt, ...(protocol ? { protocol } : {}) };
    } else if (lb === 'application-load-balancer') {
      model.entryPoint = { kind: 'application-load-balancer', internal: true, containerName: main.name, port, at: lbAt };
    } else {
      model.entryPoint = { kind: 'unsupported', what: `private-service loadBalancing type "${lb}"`, at: [...lbAt, 'type'] };
    }
  }
  return model;
}
