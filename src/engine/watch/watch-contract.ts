import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import type { DeployEventBody } from '../events.js';

/**
 * What the deploy state machine hands the watchers after it starts an operation (execute, cancel,
 * rollback, recover, delete) or attaches to one already running. The watchers report only through
 * `emit`; they resolve when the stack reaches a terminal status or `signal` aborts (detach).
 */
export interface WatchClients {
  cloudFormation: CloudFormationClient;
  logs: CloudWatchLogsClient;
  lambda: LambdaClient;
  ecs?: ECSClient;
  elbv2?: ElasticLoadBalancingV2Client;
}

export interface WatchedScript {
  /** The config resource name of the deployment script. */
  name: string;
  /** Its custom resource's logical id (the script starts when this resource goes *_IN_PROGRESS). */
  logicalId: string;
  /** The Lambda function that runs it and its log group, when known before the deploy. */
  functionName?: string;
  logGroup?: string;
}

export interface WatchedService {
  /** The config resource name (e.g. `web`) and the AWS::ECS::Service logical id. */
  name: string;
  logicalId: string;
}

export interface WatchOperationInput {
  clients: WatchClients;
  stackName: string;
  /** Only events carrying this token belong to the operation (stp sets it on every call it makes). */
  clientRequestToken?: string;
  /** The operation's start: events before it are history (for attach: the first event of the operation). */
  since: Date;
  /** How many resources the plan touches (progress total); 0 when unknown (attach). */
  plannedResources: number;
  /** Logical id → config resource name (compile's owners map). */
  owners: Record<string, string>;
  scripts: WatchedScript[];
  services: WatchedService[];
  emit(event: DeployEventBody): void;
  /** Aborts watching (detach or interrupt); the operation keeps running in AWS. */
  signal: AbortSignal;
}

export interface WatchOperationResult {
  /** The terminal stack status reached, e.g. UPDATE_COMPLETE, UPDATE_ROLLBACK_COMPLETE; undefined if detached. */
  stackStatus?: string;
  stackStatusReason?: string;
  detached: boolean;
}
