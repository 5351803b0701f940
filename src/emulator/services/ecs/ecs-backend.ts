/**
 * The local ECS: clusters, task definitions, services, service revisions, service deployments and
 * tasks. The JSON API (ecs-service.ts) and CloudFormation's AWS::ECS::* provisioners
 * (ecs-provisioners.ts) both go through this backend, so a stack update's deployment is the one
 * DescribeServiceDeployments shows. State persists in the `ecs` namespace; a deployment that was
 * running when the local cloud stopped is marked STOPPED on restart (never resumed half-way).
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { Clock } from '../../core/clock.js';
import type { LambdaBackend, LogsBackend } from '../../core/backends.js';
import type { Elbv2Store } from '../elbv2/elbv2-store.js';
import { strategyOf, validateDeploymentConfiguration, type DeploymentConfiguration } from './deployment-plan.js';
import {
  ecsIds,
  TERMINAL_DEPLOYMENT_STATUSES,
  type ClusterRecord,
  type ContainerDefinition,
  type EcsSnapshot,
  type LoadBalancerBinding,
  type RevisionRecord,
  type ServiceDeploymentRecord,
  type ServiceRecord,
  type TaskDefinitionRecord,
  type TaskRecord,
} from './ecs-records.js';
import { DeploymentRun, deploymentId, settleServiceOn } from './service-deployment-runner.js';
import { TaskSimulator, type CrashSpec } from './task-simulator.js';

export interface EcsBackendDeps {
  clock: Clock;
  accountId: string;
  lambda?: LambdaBackend;
  logs?: LogsBackend;
  elbv2?: Elbv2Store;
  log(line: string): void;
  onChange(): void;
  crashFromFaults?(service: string, container: string): CrashSpec | undefined;
  hookFault?(service: string, stage: string): 'FAILED' | undefined;
  steadyStateDelay?(service: string): number;
}

export interface CreateServiceInput {
  cluster?: string;
  serviceName: string;
  taskDefinition: string;
  desiredCount?: number;
  launchType?: string;
  loadBalancers?: LoadBalancerBinding[];
  networkConfiguration?: unknown;
  deploymentConfiguration?: DeploymentConfiguration;
  deploymentController?: { type?: string };
  region: string;
}

export interface UpdateServiceInput {
  cluster?: string;
  service: string;
  taskDefinition?: string;
  desiredCount?: number;
  loadBalancers?: LoadBalancerBinding[];
  networkConfiguration?: unknown;
  deploymentConfiguration?: DeploymentConfiguration;
  forceNewDeployment?: boolean;
  region: string;
}

const MAX_EVENTS = 100;

function clientError(message: string): AwsServiceError {
  return new AwsServiceError('ClientException', message);
}

function invalidParameter(message: string): AwsServiceError {
  return new AwsServiceError('InvalidParameterException', message);
}

export class EcsBackend {
  private clusters = new Map<string, ClusterRecord>();
  private taskDefinitions = new Map<string, TaskDefinitionRecord>();
  private services = new Map<string, ServiceRecord>();
  private revisions = new Map<string, RevisionRecord>();
  private deployments = new Map<string, ServiceDeploymentRecord>();
  private tasks = new Map<string, TaskRecord>();
  private readonly runs = new Map<string, DeploymentRun>();
  private readonly simulator: TaskSimulator;

  private closed = false;
  private readonly deps: EcsBackendDeps;

  constructor(deps: EcsBackendDeps) {
    // Nothing a deployment or task still does after close() may mark the state dirty.
    this.deps = { ...deps, onChange: () => (this.closed ? undefined : deps.onChange()) };
    this.simulator = new TaskSimulator({ clock: deps.clock, logs: deps.logs, crashFromFaults: deps.crashFromFaults, onChange: this.deps.onChange });
  }

  /** Shutdown: running deployments stop where they are (a restart reports them STOPPED). */
  close(): void {
    this.closed = true;
    for (const run of this.runs.values()) run.abandon();
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  // ---- persistence -----------------------------------------------------------------------------

  snapshot(): EcsSnapshot {
    return {
      clusters: [...this.clusters.values()],
      taskDefinitions: [...this.taskDefinitions.values()],
      services: [...this.services.values()],
      revisions: [...this.revisions.values()],
      deployments: [...this.deployments.values()],
      tasks: [...this.tasks.values()],
    };
  }

  restore(saved: EcsSnapshot): number {
    this.clusters = new Map(saved.clusters.map((r) => [r.clusterArn, r]));
    this.taskDefinitions = new Map(saved.taskDefinitions.map((r) => [r.taskDefinitionArn, r]));
    this.services = new Map(saved.services.map((r) => [r.serviceArn, r]));
    this.revisions = new Map(saved.revisions.map((r) => [r.serviceRevisionArn, r]));
    this.deployments = new Map(saved.deployments.map((r) => [r.serviceDeploymentArn, r]));
    this.tasks = new Map(saved.tasks.map((r) => [r.taskArn, r]));
    let interrupted = 0;
    for (const deployment of this.deployments.values()) {
      if (TERMINAL_DEPLOYMENT_STATUSES.has(deployment.status)) continue;
      interrupted++;
      deployment.status = 'STOPPED';
      deployment.statusReason = 'The local cloud stopped while this deployment was running.';
      deployment.stoppedAt = deployment.finishedAt = this.now();
      // The service goes back to the revision it last completed; the new revision's tasks stop.
      const service = this.services.get(deployment.serviceArn);
      const current = service?.currentRevisionArn ? this.revisions.get(service.currentRevisionArn) : undefined;
      for (const task of this.tasks.values()) {
        if (task.revisionArn !== deployment.targetServiceRevision.arn || task.lastStatus === 'STOPPED') continue;
        task.lastStatus = 'STOPPED';
        task.desiredStatus = 'STOPPED';
        task.stoppedReason = 'The local cloud stopped while this task\'s deployment was running.';
        task.stopCode = 'ServiceSchedulerInitiated';
        task.stoppedAt = this.now();
      }
      if (service && current) settleServiceOn(service, current, this.now());
    }
    // Tasks that were mid-start or mid-stop when the process ended settle where they were headed.
    for (const task of this.tasks.values()) {
      if (task.lastStatus !== 'RUNNING' && task.lastStatus !== 'STOPPED') {
        task.lastStatus = 'STOPPED';
        task.desiredStatus = 'STOPPED';
        task.stoppedReason ??= 'The local cloud stopped while this task was changing state.';
        task.stoppedAt ??= this.now();
      }
    }
    return interrupted;
  }

  /** Resolves when every running deployment has ended (shutdown waits for none; tests use it). */
  async settled(): Promise<void> {
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  // ---- clusters and task definitions -----------------------------------------------------------

  private clusterArn(nameOrArn: string | undefined, region: string): string {
    const name = nameOrArn ?? 'default';
    return name.startsWith('arn:') ? name : ecsIds.arn(region, this.deps.accountId, `cluster/${name}`);
  }

  private requireCluster(nameOrArn: string | undefined, region: string): ClusterRecord {
    const cluster = this.clusters.get(this.clusterArn(nameOrArn, region));
    if (!cluster || cluster.status !== 'ACTIVE') throw new AwsServiceError('ClusterNotFoundException', 'Cluster not found.');
    return cluster;
  }

  createCluster(name: string | undefined, region: string): ClusterRecord {
    const clusterName = name ?? 'default';
    const clusterArn = ecsIds.arn(region, this.deps.accountId, `cluster/${clusterName}`);
    const existing = this.clusters.get(clusterArn);
    if (existing && existing.status === 'ACTIVE') return existing;
    const record: ClusterRecord = { clusterArn, clusterName, status: 'ACTIVE', region };
    this.clusters.set(clusterArn, record);
    this.deps.onChange();
    return record;
  }

  deleteCluster(nameOrArn: string, region: string): ClusterRecord {
    const cluster = this.requireCluster(nameOrArn, region);
    if ([...this.services.values()].some((s) => s.clusterArn === cluster.clusterArn && s.status !== 'INACTIVE')) {
      throw new AwsServiceError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    }
    cluster.status = 'INACTIVE';
    this.deps.onChange();
    return cluster;
  }

  listClusters(): string[] {
    return [...this.clusters.values()].filter((c) => c.status === 'ACTIVE').map((c) => c.clusterArn);
  }

  describeClusters(names: string[] | undefined, region: string): { clusters: ClusterRecord[]; failures: { arn: string; reason: string }[] } {
    const wanted = names && names.length > 0 ? names : ['default'];
    const clusters: ClusterRecord[] = [];
    const failures: { arn: string; reason: string }[] = [];
    for (const name of wanted) {
      const cluster = this.clusters.get(this.clusterArn(name, region));
      if (cluster) clusters.push(cluster);
      else failures.push({ arn: this.clusterArn(name, region), reason: 'MISSING' });
    }
    return { clusters, failures };
  }

  clusterView(cluster: ClusterRecord) {
    const services = [...this.services.values()].filter((s) => s.clusterArn === cluster.clusterArn && s.status === 'ACTIVE');
    const tasks = [...this.tasks.values()].filter((t) => t.clusterArn === cluster.clusterArn);
    return {
      clusterArn: cluster.clusterArn,
      clusterName: cluster.clusterName,
      status: cluster.status,
      registeredContainerInstancesCount: 0,
      runningTasksCount: tasks.filter((t) => t.lastStatus === 'RUNNING').length,
      pendingTasksCount: tasks.filter((t) => t.lastStatus === 'PENDING' || t.lastStatus === 'PROVISIONING').length,
      activeServicesCount: services.length,
      statistics: [],
      tags: [],
      settings: [{ name: 'containerInsights', value: 'disabled' }],
      capacityProviders: [],
      defaultCapacityProviderStrategy: [],
    };
  }

  registerTaskDefinition(input: Record<string, unknown>, region: string): TaskDefinitionRecord {
    const family = input.family;
    if (typeof family !== 'string' || !/^[A-Za-z0-9_-]{1,255}$/.test(family)) throw clientError('Family contains invalid characters.');
    const containers = input.containerDefinitions;
    if (!Array.isArray(containers) || containers.length === 0) throw clientError('Container list cannot be empty.');
    const names = new Set<string>();
    for (const c of containers as ContainerDefinition[]) {
      if (typeof c.name !== 'string' || c.name === '') throw clientError('Container.name should not be null or empty.');
      if (names.has(c.name)) throw clientError(`Duplicate container name found: ${c.name}.`);
      names.add(c.name);
      if (typeof c.image !== 'string' || c.image === '') throw clientError('Container.image should not be null or empty.');
    }
    const revision = 1 + Math.max(0, ...[...this.taskDefinitions.values()].filter((t) => t.family === family).map((t) => t.revision));
    const { family: _f, containerDefinitions: _c, ...rest } = input;
    const record: TaskDefinitionRecord = {
      taskDefinitionArn: ecsIds.arn(region, this.deps.accountId, `task-definition/${family}:${revision}`),
      family,
      revision,
      status: 'ACTIVE',
      containerDefinitions: containers as ContainerDefinition[],
      registeredAt: this.now(),
      rest,
    };
    this.taskDefinitions.set(record.taskDefinitionArn, record);
    this.deps.onChange();
    return record;
  }

  /** `family`, `family:revision` or an ARN → the task definition (latest ACTIVE for a family). */
  taskDefinition(ref: string): TaskDefinitionRecord | undefined {
    if (ref.startsWith('arn:')) return this.taskDefinitions.get(ref);
    const [family, revision] = ref.split(':');
    const candidates = [...this.taskDefinitions.values()].filter((t) => t.family === family && (revision === undefined ? t.status === 'ACTIVE' : t.revision === Number(revision)));
    return candidates.sort((a, b) => b.revision - a.revision)[0];
  }

  requireTaskDefinition(ref: string): TaskDefinitionRecord {
    const found = this.taskDefinition(ref);
    if (!found) throw clientError('Unable to describe task definition.');
    return found;
  }

  deregisterTaskDefinition(ref: string): TaskDefinitionRecord {
    const found = this.requireTaskDefinition(ref);
    found.status = 'INACTIVE';
    this.deps.onChange();
    return found;
  }

  taskDefinitionView(t: TaskDefinitionRecord) {
    return { ...t.rest, taskDefinitionArn: t.taskDefinitionArn, family: t.family, revision: t.revision, status: t.status, containerDefinitions: t.containerDefinitions, registeredAt: t.registeredAt };
  }

  // ---- services --------------------------------------------------------------------------------

  private serviceArn(cluster: ClusterRecord, nameOrArn: string): string {
    return nameOrArn.startsWith('arn:') ? nameOrArn : ecsIds.arn(cluster.region, this.deps.accountId, `service/${cluster.clusterName}/${nameOrArn}`);
  }

  requireService(clusterRef: string | undefined, nameOrArn: string, region: string): ServiceRecord {
    const cluster = this.requireCluster(clusterRef ?? (nameOrArn.startsWith('arn:') ? clusterOfServiceArn(nameOrArn) : undefined), region);
    const service = this.services.get(this.serviceArn(cluster, nameOrArn));
    if (!service || service.status === 'INACTIVE') throw new AwsServiceError('ServiceNotFoundException', 'Service not found.');
    return service;
  }

  private validateLoadBalancers(bindings: LoadBalancerBinding[] | undefined, config: DeploymentConfiguration | undefined): void {
    const strategy = strategyOf(config);
    for (const binding of bindings ?? []) {
      if (strategy !== 'ROLLING' && !binding.advancedConfiguration) {
        throw invalidParameter(`The ${strategy} deployment strategy requires advancedConfiguration (alternateTargetGroupArn, productionListenerRule, roleArn) on each load balancer.`);
      }
      if (binding.advancedConfiguration && !binding.advancedConfiguration.alternateTargetGroupArn) throw invalidParameter('advancedConfiguration.alternateTargetGroupArn is required.');
      if (this.deps.elbv2 && binding.targetGroupArn && !this.deps.elbv2.targetGroup(binding.targetGroupArn)) {
        throw invalidParameter(`Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions. (target group ${binding.targetGroupArn} not found)`);
      }
    }
  }

  createService(input: CreateServiceInput): ServiceRecord {
    const cluster = this.requireCluster(input.cluster, input.region);
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.serviceName)) throw invalidParameter('Service name can only contain letters, numbers, hyphens and underscores.');
    const serviceArn = this.serviceArn(cluster, input.serviceName);
    const existing = this.services.get(serviceArn);
    if (existing && existing.status !== 'INACTIVE') throw invalidParameter('Creation of service was not idempotent.');
    const taskDefinition = this.requireTaskDefinition(input.taskDefinition);
    const config = withDefaults(input.deploymentConfiguration);
    validateDeploymentConfiguration(config);
    this.validateLoadBalancers(input.loadBalancers, config);
    const service: ServiceRecord = {
      serviceArn,
      serviceName: input.serviceName,
      clusterArn: cluster.clusterArn,
      region: cluster.region,
      status: 'ACTIVE',
      taskDefinition: taskDefinition.taskDefinitionArn,
      desiredCount: input.desiredCount ?? 1,
      launchType: input.launchType,
      loadBalancers: input.loadBalancers ?? [],
      networkConfiguration: input.networkConfiguration,
      deploymentConfiguration: config,
      deploymentController: { type: input.deploymentController?.type ?? 'ECS' },
      createdAt: this.now(),
      events: [],
      deployments: [],
      servingTargetGroups: (input.loadBalancers ?? []).map((b) => b.targetGroupArn),
    };
    this.services.set(serviceArn, service);
    this.startDeployment(service);
    return service;
  }

  /** UpdateService: a new deployment when the task definition, load balancers or network change, or on forceNewDeployment. */
  updateService(input: UpdateServiceInput): { service: ServiceRecord; deployment?: ServiceDeploymentRecord } {
    const service = this.requireService(input.cluster, input.service, input.region);
    let trigger = input.forceNewDeployment === true;
    if (input.deploymentConfiguration) {
      // A configuration change applies to the next deployment and does not start one.
      const config = withDefaults({ ...service.deploymentConfiguration, ...input.deploymentConfiguration });
      validateDeploymentConfiguration(config);
      service.deploymentConfiguration = config;
    }
    if (input.taskDefinition !== undefined) {
      const taskDefinition = this.requireTaskDefinition(input.taskDefinition);
      if (taskDefinition.taskDefinitionArn !== service.taskDefinition) trigger = true;
      service.taskDefinition = taskDefinition.taskDefinitionArn;
    }
    if (input.loadBalancers !== undefined) {
      this.validateLoadBalancers(input.loadBalancers, service.deploymentConfiguration);
      if (JSON.stringify(input.loadBalancers) !== JSON.stringify(service.loadBalancers)) {
        trigger = true;
        service.loadBalancers = input.loadBalancers;
        service.servingTargetGroups = input.loadBalancers.map((b, i) => service.servingTargetGroups[i] ?? b.targetGroupArn);
      }
    }
    if (input.networkConfiguration !== undefined && JSON.stringify(input.networkConfiguration) !== JSON.stringify(service.networkConfiguration)) {
      trigger = true;
      service.networkConfiguration = input.networkConfiguration;
    }
    if (input.desiredCount !== undefined && input.desiredCount !== service.desiredCount) {
      service.desiredCount = input.desiredCount;
      if (!trigger) void this.scale(service);
    }
    this.deps.onChange();
    const deployment = trigger ? this.startDeployment(service) : undefined;
    return { service, deployment };
  }

  /** desiredCount alone changes the task count of the serving revision, without a deployment. */
  private async scale(service: ServiceRecord): Promise<void> {
    const revision = service.currentRevisionArn;
    if (!revision) return;
    const running = this.tasksOf(revision).filter((t) => t.desiredStatus === 'RUNNING');
    const taskDefinition = this.taskDefinition(service.taskDefinition);
    if (!taskDefinition) return;
    if (running.length > service.desiredCount) {
      await Promise.all(running.slice(service.desiredCount).map((t) => this.simulator.stop(t, taskDefinition, `Scaling activity initiated by (service ${service.serviceName})`, 'ServiceSchedulerInitiated')));
    } else {
      const started = Array.from({ length: service.desiredCount - running.length }, () => {
        const task = this.simulator.newTask({ clusterArn: service.clusterArn, serviceArn: service.serviceArn, serviceName: service.serviceName, taskDefinition, revisionArn: revision, launchType: service.launchType });
        this.tasks.set(task.taskArn, task);
        return task;
      });
      const outcomes = await Promise.all(started.map((t) => this.simulator.start(t, taskDefinition, service.serviceName)));
      for (const [i, outcome] of outcomes.entries()) if (outcome.ok) this.registerServing(service, started[i]!);
    }
  }

  /** A task outside a deployment registers with the target groups serving production. */
  private registerServing(service: ServiceRecord, task: TaskRecord): void {
    for (const [index, binding] of service.loadBalancers.entries()) {
      const group = service.servingTargetGroups[index] ?? binding.targetGroupArn;
      if (group) this.deps.elbv2?.registerTarget(group, { Id: task.ip, Port: binding.containerPort });
    }
  }

  async deleteService(clusterRef: string | undefined, nameOrArn: string, force: boolean, region: string): Promise<ServiceRecord> {
    const service = this.requireService(clusterRef, nameOrArn, region);
    if (!force && service.desiredCount > 0 && strategyOf(service.deploymentConfiguration) === 'ROLLING') {
      throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
    }
    for (const run of this.runs.values()) if (run.deployment.serviceArn === service.serviceArn) run.requestStop();
    service.status = 'DRAINING';
    service.desiredCount = 0;
    this.deps.onChange();
    const running = [...this.tasks.values()].filter((t) => t.serviceArn === service.serviceArn && t.desiredStatus === 'RUNNING');
    await Promise.all(running.map((t) => this.simulator.stop(t, this.taskDefinition(t.taskDefinitionArn), `Service ${service.serviceName} was deleted`, 'ServiceSchedulerInitiated')));
    for (const t of running) for (const tg of this.deps.elbv2?.listTargetGroups() ?? []) this.deps.elbv2?.deregisterTarget(tg.TargetGroupArn, t.ip);
    service.status = 'INACTIVE';
    this.deps.onChange();
    return service;
  }

  listServices(clusterRef: string | undefined, region: string): string[] {
    const cluster = this.requireCluster(clusterRef, region);
    return [...this.services.values()].filter((s) => s.clusterArn === cluster.clusterArn && s.status === 'ACTIVE').map((s) => s.serviceArn);
  }

  describeServices(clusterRef: string | undefined, names: string[], region: string) {
    const cluster = this.requireCluster(clusterRef, region);
    const services = [];
    const failures = [];
    for (const name of names) {
      const service = this.services.get(this.serviceArn(cluster, name));
      if (service) services.push(this.serviceView(service));
      else failures.push({ arn: this.serviceArn(cluster, name), reason: 'MISSING' });
    }
    return { services, failures };
  }

  serviceView(service: ServiceRecord) {
    const tasks = [...this.tasks.values()].filter((t) => t.serviceArn === service.serviceArn);
    const counts = (revisionArn?: string) => {
      const of = revisionArn ? tasks.filter((t) => t.revisionArn === revisionArn) : tasks;
      return {
        runningCount: of.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length,
        pendingCount: of.filter((t) => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus) && t.desiredStatus === 'RUNNING').length,
      };
    };
    const activeRevisions = [...new Set(service.deployments.map((d) => d.revisionArn))];
    return {
      serviceArn: service.serviceArn,
      serviceName: service.serviceName,
      clusterArn: service.clusterArn,
      loadBalancers: service.loadBalancers,
      serviceRegistries: [],
      status: service.status,
      desiredCount: service.desiredCount,
      ...counts(),
      launchType: service.launchType,
      taskDefinition: service.taskDefinition,
      deploymentConfiguration: service.deploymentConfiguration,
      deploymentController: service.deploymentController,
      currentServiceDeployment: service.currentServiceDeployment,
      currentServiceRevisions: activeRevisions.map((arn) => {
        const c = counts(arn);
        const entry = service.deployments.find((d) => d.revisionArn === arn);
        return { arn, requestedTaskCount: entry?.desiredCount ?? 0, runningTaskCount: c.runningCount, pendingTaskCount: c.pendingCount };
      }),
      deployments: service.deployments.map((d) => ({
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition,
        desiredCount: d.desiredCount,
        ...counts(d.revisionArn),
        failedTasks: d.failedTasks,
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        launchType: service.launchType,
        networkConfiguration: service.networkConfiguration,
        rolloutState: d.rolloutState,
        rolloutStateReason: d.rolloutStateReason,
      })),
      taskSets: [],
      events: service.events,
      createdAt: service.createdAt,
      networkConfiguration: service.networkConfiguration,
      schedulingStrategy: 'REPLICA',
      enableECSManagedTags: false,
      propagateTags: 'NONE',
      enableExecuteCommand: false,
    };
  }

  private serviceEvent(service: ServiceRecord, message: string): void {
    service.events.unshift({ id: ecsIds.eventId(), createdAt: this.now(), message });
    if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
  }

  tasksOf(revisionArn: string): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.revisionArn === revisionArn);
  }

  // ---- deployments -----------------------------------------------------------------------------

  private startDeployment(service: ServiceRecord): ServiceDeploymentRecord {
    const cluster = this.clusters.get(service.clusterArn)!;
    // A deployment already running is superseded (STOP_REQUESTED → STOPPED).
    for (const run of this.runs.values()) if (run.deployment.serviceArn === service.serviceArn) run.requestStop();
    const source = service.currentRevisionArn ? this.revisions.get(service.currentRevisionArn) : undefined;
    const revisionId = ecsIds.revisionId();
    const target: RevisionRecord = {
      serviceRevisionArn: ecsIds.arn(cluster.region, this.deps.accountId, `service-revision/${cluster.clusterName}/${service.serviceName}/${revisionId}`),
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
      taskDefinition: service.taskDefinition,
      launchType: service.launchType,
      loadBalancers: structuredClone(service.loadBalancers),
      networkConfiguration: service.networkConfiguration,
      createdAt: this.now(),
      resolvedTargetGroups: [],
    };
    this.revisions.set(target.serviceRevisionArn, target);
    const desired = service.desiredCount;
    const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
    const deployment: ServiceDeploymentRecord = {
      serviceDeploymentArn: ecsIds.arn(cluster.region, this.deps.accountId, `service-deployment/${cluster.clusterName}/${service.serviceName}/${ecsIds.deploymentId()}`),
      serviceArn: service.serviceArn,
      clusterArn: service.clusterArn,
      createdAt: this.now(),
      updatedAt: this.now(),
      sourceServiceRevisions: source
        ? [{ arn: source.serviceRevisionArn, requestedTaskCount: desired, runningTaskCount: this.tasksOf(source.serviceRevisionArn).filter((t) => t.lastStatus === 'RUNNING').length, pendingTaskCount: 0, requestedTestTrafficWeight: 100, requestedProductionTrafficWeight: 100 }]
        : [],
      targetServiceRevision: { arn: target.serviceRevisionArn, requestedTaskCount: desired, runningTaskCount: 0, pendingTaskCount: 0, requestedTestTrafficWeight: 0, requestedProductionTrafficWeight: 0 },
      status: 'PENDING',
      lifecycleHookDetails: [],
      deploymentConfiguration: structuredClone(service.deploymentConfiguration),
      deploymentCircuitBreaker: {
        status: breaker?.enable ? 'MONITORING' : 'DISABLED',
        failureCount: 0,
        threshold: Math.min(200, Math.max(3, Math.ceil(desired * 0.5))),
      },
      alarms: { status: service.deploymentConfiguration.alarms?.enable ? 'MONITORING' : 'DISABLED' },
    };
    this.deployments.set(deployment.serviceDeploymentArn, deployment);
    service.currentServiceDeployment = deployment.serviceDeploymentArn;
    const id = deploymentId(target);
    for (const entry of service.deployments) entry.status = 'ACTIVE';
    service.deployments.unshift({
      id,
      status: 'PRIMARY',
      taskDefinition: service.taskDefinition,
      revisionArn: target.serviceRevisionArn,
      desiredCount: desired,
      createdAt: this.now(),
      updatedAt: this.now(),
      failedTasks: 0,
      rolloutState: 'IN_PROGRESS',
      rolloutStateReason: `ECS deployment ${id} in progress.`,
    });
    // The target revision serves from the target group that is not serving production now.
    target.resolvedTargetGroups = service.loadBalancers.flatMap((binding, index) => {
      const serving = service.servingTargetGroups[index] ?? binding.targetGroupArn;
      if (!serving) return [];
      const green = binding.advancedConfiguration && source ? (serving === binding.targetGroupArn ? binding.advancedConfiguration.alternateTargetGroupArn : binding.targetGroupArn) : serving;
      return green ? [{ targetGroupArn: green, productionListenerRule: binding.advancedConfiguration?.productionListenerRule }] : [];
    });
    this.deps.onChange();

    const run = new DeploymentRun(
      {
        clock: this.deps.clock,
        lambda: this.deps.lambda,
        elbv2: this.deps.elbv2,
        tasks: this.simulator,
        log: this.deps.log,
        onChange: this.deps.onChange,
        hookFault: this.deps.hookFault,
        steadyStateDelay: this.deps.steadyStateDelay,
      },
      {
        service,
        deployment,
        target,
        source,
        taskDefinitionOf: (arn) => this.taskDefinition(arn),
        tasksOf: (arn) => this.tasksOf(arn),
        addTask: (task) => {
          this.tasks.set(task.taskArn, task);
          this.deps.onChange();
        },
        serviceEvent: (message) => this.serviceEvent(service, message),
      },
    );
    this.runs.set(deployment.serviceDeploymentArn, run);
    void run.done.finally(() => this.runs.delete(deployment.serviceDeploymentArn));
    return deployment;
  }

  /** Resolves with the deployment once it reached a terminal status. */
  async waitForDeployment(arn: string): Promise<ServiceDeploymentRecord> {
    const run = this.runs.get(arn);
    if (run) await run.done;
    return this.deployments.get(arn)!;
  }

  listServiceDeployments(input: { cluster?: string; service: string; status?: string[]; createdAt?: { before?: number; after?: number }; maxResults?: number; nextToken?: string; region: string }) {
    const service = this.requireService(input.cluster, input.service, input.region);
    let list = [...this.deployments.values()].filter((d) => d.serviceArn === service.serviceArn);
    if (input.status && input.status.length > 0) list = list.filter((d) => input.status!.includes(d.status));
    if (input.createdAt?.after !== undefined) list = list.filter((d) => Date.parse(d.createdAt) / 1000 >= input.createdAt!.after!);
    if (input.createdAt?.before !== undefined) list = list.filter((d) => Date.parse(d.createdAt) / 1000 <= input.createdAt!.before!);
    list.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    const max = input.maxResults ?? 20;
    if (max < 1 || max > 100) throw invalidParameter('maxResults must be between 1 and 100.');
    const start = input.nextToken ? Number(Buffer.from(input.nextToken, 'base64').toString('utf8')) : 0;
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('The specified nextToken is invalid.');
    const page = list.slice(start, start + max);
    return {
      serviceDeployments: page.map((d) => ({
        serviceDeploymentArn: d.serviceDeploymentArn,
        serviceArn: d.serviceArn,
        clusterArn: d.clusterArn,
        startedAt: d.startedAt,
        createdAt: d.createdAt,
        finishedAt: d.finishedAt,
        targetServiceRevisionArn: d.targetServiceRevision.arn,
        status: d.status,
        statusReason: d.statusReason,
      })),
      ...(start + max < list.length ? { nextToken: Buffer.from(String(start + max)).toString('base64') } : {}),
    };
  }

  describeServiceDeployments(arns: string[]) {
    if (arns.length === 0 || arns.length > 20) throw invalidParameter('serviceDeploymentArns must contain between 1 and 20 ARNs.');
    const serviceDeployments = [];
    const failures = [];
    for (const arn of arns) {
      const d = this.deployments.get(arn);
      if (d) serviceDeployments.push(this.deploymentView(d));
      else failures.push({ arn, reason: 'MISSING', detail: 'The service deployment does not exist.' });
    }
    return { serviceDeployments, failures };
  }

  deploymentView(d: ServiceDeploymentRecord) {
    const revisionSummary = (s: ServiceDeploymentRecord['targetServiceRevision']) => {
      const tasks = this.tasksOf(s.arn);
      const live = !TERMINAL_DEPLOYMENT_STATUSES.has(d.status);
      return {
        ...s,
        // Task counts are live while the deployment runs, a snapshot once it ended (as ECS).
        runningTaskCount: live ? tasks.filter((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING').length : s.runningTaskCount,
        pendingTaskCount: live ? tasks.filter((t) => ['PROVISIONING', 'PENDING', 'ACTIVATING'].includes(t.lastStatus) && t.desiredStatus === 'RUNNING').length : s.pendingTaskCount,
      };
    };
    const { lifecycleStage, ...rest } = d;
    return {
      ...rest,
      ...(lifecycleStage !== undefined ? { lifecycleStage } : {}),
      sourceServiceRevisions: d.sourceServiceRevisions.map(revisionSummary),
      targetServiceRevision: revisionSummary(d.targetServiceRevision),
    };
  }

  describeServiceRevisions(arns: string[]) {
    if (arns.length === 0 || arns.length > 20) throw invalidParameter('serviceRevisionArns must contain between 1 and 20 ARNs.');
    const serviceRevisions = [];
    const failures = [];
    for (const arn of arns) {
      const r = this.revisions.get(arn);
      if (!r) {
        failures.push({ arn, reason: 'MISSING', detail: 'The service revision does not exist.' });
        continue;
      }
      const taskDefinition = this.taskDefinition(r.taskDefinition);
      serviceRevisions.push({
        serviceRevisionArn: r.serviceRevisionArn,
        serviceArn: r.serviceArn,
        clusterArn: r.clusterArn,
        taskDefinition: r.taskDefinition,
        launchType: r.launchType,
        loadBalancers: r.loadBalancers,
        networkConfiguration: r.networkConfiguration,
        containerImages: (taskDefinition?.containerDefinitions ?? []).map((c) => ({ containerName: c.name, image: c.image })),
        createdAt: r.createdAt,
        resolvedConfiguration: { loadBalancers: r.resolvedTargetGroups },
      });
    }
    return { serviceRevisions, failures };
  }

  stopServiceDeployment(arn: string, stopType: string | undefined): string {
    const d = this.deployments.get(arn);
    if (!d) throw new AwsServiceError('ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
    if ((stopType ?? 'ROLLBACK') !== 'ROLLBACK') throw invalidParameter('The only valid stopType is ROLLBACK.');
    if (TERMINAL_DEPLOYMENT_STATUSES.has(d.status)) {
      throw new AwsServiceError('ConflictException', `The service deployment is in a terminal state (${d.status}) and cannot be stopped.`);
    }
    this.runs.get(arn)?.requestRollback('deployment rolled back by StopServiceDeployment', true);
    return arn;
  }

  continueServiceDeployment(arn: string, hookId: string, action: string | undefined): string {
    const d = this.deployments.get(arn);
    if (!d) throw new AwsServiceError('ServiceDeploymentNotFoundException', `The service deployment ${arn} does not exist.`);
    const answer = action ?? 'CONTINUE';
    if (answer !== 'CONTINUE' && answer !== 'ROLLBACK') throw invalidParameter('action must be CONTINUE or ROLLBACK.');
    if (d.status !== 'IN_PROGRESS') throw invalidParameter(`The service deployment must be IN_PROGRESS to continue it; it is ${d.status}.`);
    const hook = d.lifecycleHookDetails.find((h) => h.hookId === hookId);
    if (!hook || hook.targetType !== 'PAUSE' || hook.status !== 'AWAITING_ACTION') {
      throw invalidParameter(`The lifecycle hook ${hookId} is not a pause hook in AWAITING_ACTION status for this service deployment.`);
    }
    this.runs.get(arn)?.continueHook(hookId, answer);
    return arn;
  }

  // ---- tasks -----------------------------------------------------------------------------------

  listTasks(input: { cluster?: string; serviceName?: string; desiredStatus?: string; family?: string; region: string }): string[] {
    const cluster = this.requireCluster(input.cluster, input.region);
    const service = input.serviceName ? this.requireService(input.cluster, input.serviceName, input.region) : undefined;
    const desired = input.desiredStatus ?? 'RUNNING';
    return [...this.tasks.values()]
      .filter((t) => t.clusterArn === cluster.clusterArn && (!service || t.serviceArn === service.serviceArn) && t.desiredStatus === desired)
      .filter((t) => !input.family || this.taskDefinition(t.taskDefinitionArn)?.family === input.family)
      .map((t) => t.taskArn);
  }

  describeTasks(clusterRef: string | undefined, refs: string[], region: string) {
    const cluster = this.requireCluster(clusterRef, region);
    const tasks = [];
    const failures = [];
    for (const ref of refs) {
      const task = this.findTask(cluster, ref);
      if (task) tasks.push(this.taskView(task));
      else failures.push({ arn: ref.startsWith('arn:') ? ref : `${cluster.clusterArn.replace(':cluster/', ':task/')}/${ref}`, reason: 'MISSING' });
    }
    return { tasks, failures };
  }

  private findTask(cluster: ClusterRecord, ref: string): TaskRecord | undefined {
    return [...this.tasks.values()].find((t) => t.clusterArn === cluster.clusterArn && (t.taskArn === ref || t.taskArn.endsWith(`/${ref}`)));
  }

  taskView(task: TaskRecord) {
    return {
      taskArn: task.taskArn,
      clusterArn: task.clusterArn,
      taskDefinitionArn: task.taskDefinitionArn,
      group: task.group,
      lastStatus: task.lastStatus,
      desiredStatus: task.desiredStatus,
      healthStatus: task.healthStatus,
      launchType: task.launchType,
      createdAt: task.createdAt,
      startedAt: task.startedAt,
      stoppingAt: task.stoppingAt,
      stoppedAt: task.stoppedAt,
      stoppedReason: task.stoppedReason,
      stopCode: task.stopCode,
      startedBy: `ecs-svc/${task.revisionArn.split('/').pop()}`,
      containers: task.containers.map((c) => ({
        containerArn: `${task.taskArn.replace(':task/', ':container/')}/${c.name}`,
        taskArn: task.taskArn,
        name: c.name,
        lastStatus: c.lastStatus,
        exitCode: c.exitCode,
        reason: c.reason,
        healthStatus: c.healthStatus,
        networkInterfaces: [{ attachmentId: task.taskArn.split('/').pop(), privateIpv4Address: task.ip }],
      })),
      attachments: [{ id: task.taskArn.split('/').pop(), type: 'ElasticNetworkInterface', status: task.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED', details: [{ name: 'privateIPv4Address', value: task.ip }] }],
    };
  }

  async stopTask(clusterRef: string | undefined, ref: string, reason: string | undefined, region: string) {
    const cluster = this.requireCluster(clusterRef, region);
    const task = this.findTask(cluster, ref);
    if (!task) throw invalidParameter('The referenced task was not found.');
    const stopping = this.simulator.stop(task, this.taskDefinition(task.taskDefinitionArn), reason ?? 'Task stopped by user', 'UserInitiated');
    for (const tg of this.deps.elbv2?.listTargetGroups() ?? []) this.deps.elbv2?.deregisterTarget(tg.TargetGroupArn, task.ip);
    void stopping.then(() => this.replaceStoppedTask(task));
    return this.taskView(task);
  }

  /** The service scheduler replaces a task that stopped outside a deployment. */
  private async replaceStoppedTask(stopped: TaskRecord): Promise<void> {
    const service = this.services.get(stopped.serviceArn);
    if (!service || service.status !== 'ACTIVE' || service.currentRevisionArn !== stopped.revisionArn) return;
    if ([...this.runs.values()].some((r) => r.deployment.serviceArn === service.serviceArn)) return;
    await this.scale(service);
  }
}

function clusterOfServiceArn(arn: string): string | undefined {
  const parts = arn.split(':service/')[1]?.split('/');
  return parts && parts.length === 2 ? parts[0] : undefined;
}

function withDefaults(config: DeploymentConfiguration | undefined): DeploymentConfiguration {
  return {
    maximumPercent: 200,
    minimumHealthyPercent: 100,
    ...config,
    strategy: config?.strategy ?? 'ROLLING',
    ...(config?.deploymentCircuitBreaker ? {} : { deploymentCircuitBreaker: { enable: false, rollback: false } }),
  };
}
