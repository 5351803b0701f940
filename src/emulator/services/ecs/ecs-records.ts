/**
 * The local ECS's records, in the API's own (camelCase) shapes so DescribeX answers are views of
 * them, and the ids/ARNs ECS uses (reference: shared/reference/ecs-deployments.md §2.7).
 */
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import type { DeploymentConfiguration } from './deployment-plan.js';

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  status: 'ACTIVE' | 'INACTIVE';
  region: string;
}

export interface ContainerDefinition {
  name: string;
  image?: string;
  essential?: boolean;
  command?: string[];
  environment?: { name: string; value: string }[];
  healthCheck?: { command?: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number };
  logConfiguration?: { logDriver?: string; options?: Record<string, string> };
  portMappings?: { containerPort?: number; hostPort?: number; protocol?: string }[];
  dependsOn?: { containerName: string; condition: string }[];
  [key: string]: unknown;
}

export interface TaskDefinitionRecord {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  status: 'ACTIVE' | 'INACTIVE';
  containerDefinitions: ContainerDefinition[];
  registeredAt: string;
  /** Every other field of RegisterTaskDefinition (cpu, memory, roles, networkMode…), echoed back. */
  rest: Record<string, unknown>;
}

export interface LoadBalancerBinding {
  targetGroupArn?: string;
  loadBalancerName?: string;
  containerName?: string;
  containerPort?: number;
  advancedConfiguration?: { alternateTargetGroupArn: string; productionListenerRule?: string; testListenerRule?: string; roleArn?: string };
}

export interface ServiceEvent {
  id: string;
  createdAt: string;
  message: string;
}

/** An entry of DescribeServices `deployments[]` (PRIMARY, ACTIVE until CLEAN_UP). */
export interface ServiceDeploymentEntry {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  revisionArn: string;
  desiredCount: number;
  createdAt: string;
  updatedAt: string;
  failedTasks: number;
  rolloutState: 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
  rolloutStateReason: string;
}

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  region: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  launchType?: string;
  loadBalancers: LoadBalancerBinding[];
  networkConfiguration?: unknown;
  deploymentConfiguration: DeploymentConfiguration;
  deploymentController: { type: string };
  createdAt: string;
  /** Newest first, at most 100 (as DescribeServices). */
  events: ServiceEvent[];
  deployments: ServiceDeploymentEntry[];
  currentServiceDeployment?: string;
  /** Per load balancer binding: the target group serving production now (roles swap every deployment). */
  servingTargetGroups: (string | undefined)[];
  /** The revision serving production (the last COMPLETED deployment's target). */
  currentRevisionArn?: string;
}

export interface RevisionRecord {
  serviceRevisionArn: string;
  serviceArn: string;
  clusterArn: string;
  taskDefinition: string;
  launchType?: string;
  loadBalancers: LoadBalancerBinding[];
  networkConfiguration?: unknown;
  createdAt: string;
  /** The target groups this revision's tasks register in (resolvedConfiguration). */
  resolvedTargetGroups: { targetGroupArn: string; productionListenerRule?: string }[];
}

export interface RevisionSummary {
  arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  pendingTaskCount: number;
  requestedTestTrafficWeight?: number;
  requestedProductionTrafficWeight?: number;
}

export interface HookDetail {
  hookId: string;
  targetType: 'AWS_LAMBDA' | 'PAUSE';
  targetArn?: string;
  status: 'AWAITING_ACTION' | 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT';
  expiresAt?: string;
  timeoutAction: 'ROLLBACK' | 'CONTINUE';
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'IN_PROGRESS'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export const TERMINAL_DEPLOYMENT_STATUSES: ReadonlySet<string> = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

export interface ServiceDeploymentRecord {
  serviceDeploymentArn: string;
  serviceArn: string;
  clusterArn: string;
  createdAt: string;
  startedAt?: string;
  updatedAt: string;
  finishedAt?: string;
  stoppedAt?: string;
  sourceServiceRevisions: RevisionSummary[];
  targetServiceRevision: RevisionSummary;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  lifecycleStage?: string;
  lifecycleHookDetails: HookDetail[];
  deploymentConfiguration: DeploymentConfiguration;
  rollback?: { reason: string; startedAt: string; serviceRevisionArn?: string };
  deploymentCircuitBreaker: { status: string; failureCount: number; threshold: number };
  alarms: { status: string };
}

export interface ContainerState {
  name: string;
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED';
  exitCode?: number;
  reason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
}

export interface TaskRecord {
  taskArn: string;
  clusterArn: string;
  serviceArn: string;
  group: string;
  taskDefinitionArn: string;
  revisionArn: string;
  lastStatus: 'PROVISIONING' | 'PENDING' | 'ACTIVATING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'DEPROVISIONING' | 'STOPPED';
  desiredStatus: 'RUNNING' | 'STOPPED';
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  createdAt: string;
  startedAt?: string;
  stoppingAt?: string;
  stoppedAt?: string;
  stoppedReason?: string;
  stopCode?: string;
  containers: ContainerState[];
  launchType?: string;
  /** The private IP the task registers with its target group. */
  ip: string;
  /** Set once the task was stopped because it failed (circuit breaker input). */
  failed: boolean;
}

export interface EcsSnapshot {
  clusters: ClusterRecord[];
  taskDefinitions: TaskDefinitionRecord[];
  services: ServiceRecord[];
  revisions: RevisionRecord[];
  deployments: ServiceDeploymentRecord[];
  tasks: TaskRecord[];
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function idChars(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ID_CHARS[bytes[i]! % ID_CHARS.length];
  return out;
}

export const ecsIds = {
  arn: (region: string, account: string, resource: string) => `arn:aws:ecs:${region}:${account}:${resource}`,
  /** 19 decimal digits, as service-revision ids are. */
  revisionId: () => `${randomInt(1, 10)}${Array.from({ length: 18 }, () => randomInt(0, 10)).join('')}`,
  /** 21 characters of [A-Za-z0-9_-], as service-deployment ids are. */
  deploymentId: () => idChars(21),
  /** `ecs-pause-` + 43 characters, fresh per PAUSE invocation. */
  pauseHookId: () => `ecs-pause-${idChars(43)}`,
  /** Lambda hook ids are undocumented; stp uses the invocation's executionId (a UUID). */
  executionId: () => randomUUID(),
  taskId: () => randomBytes(16).toString('hex'),
  eventId: () => randomUUID(),
  privateIp: () => `172.31.${randomInt(0, 256)}.${randomInt(2, 255)}`,
};
