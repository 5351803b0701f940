/**
 * A CloudFormation stack with one ECS service behind an ALB with a production and a test listener
 * rule, an alternate target group and (optionally) a Lambda lifecycle hook and a PAUSE hook — the
 * shape stp compiles for a canary workload — plus SDK clients to watch its deployments.
 */
import { CloudFormationClient, CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, UpdateStackCommand } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  ContinueServiceDeploymentCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ECSClient,
  ListServiceDeploymentsCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { DescribeRulesCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { clientConfig } from '../../emulator/support/local-cloud.js';
import { startCfnLocalCloud, waitForStackToSettle, type CfnLocalCloud } from '../cloudformation/cfn-local-cloud.js';

export interface EcsStackOptions {
  image: string;
  strategy?: 'CANARY' | 'LINEAR' | 'BLUE_GREEN' | 'ROLLING';
  canaryPercent?: number;
  canaryBakeMinutes?: number;
  stepPercent?: number;
  stepBakeMinutes?: number;
  bakeTimeMinutes?: number;
  /** Source of a Node.js Lambda hook (index.handler) and its stages. */
  hook?: { code: string; stages: string[] };
  pause?: { stages: string[]; timeoutMinutes?: number; action?: 'ROLLBACK' | 'CONTINUE' };
  environment?: Record<string, string>;
  circuitBreaker?: boolean;
  desiredCount?: number;
}

export function ecsTemplate(options: EcsStackOptions): string {
  const strategy = options.strategy ?? 'CANARY';
  const hooks: unknown[] = [];
  if (options.hook) hooks.push({ TargetType: 'AWS_LAMBDA', HookTargetArn: { 'Fn::GetAtt': ['Hook', 'Arn'] }, RoleArn: { 'Fn::GetAtt': ['HookRole', 'Arn'] }, LifecycleStages: options.hook.stages });
  if (options.pause) {
    hooks.push({
      TargetType: 'PAUSE',
      LifecycleStages: options.pause.stages,
      TimeoutConfiguration: { TimeoutInMinutes: options.pause.timeoutMinutes ?? 1440, Action: options.pause.action ?? 'ROLLBACK' },
    });
  }
  const deploymentConfiguration: Record<string, unknown> = { Strategy: strategy, BakeTimeInMinutes: options.bakeTimeMinutes ?? 1 };
  if (strategy === 'CANARY') deploymentConfiguration.CanaryConfiguration = { CanaryPercent: options.canaryPercent ?? 10, CanaryBakeTimeInMinutes: options.canaryBakeMinutes ?? 5 };
  if (strategy === 'LINEAR') deploymentConfiguration.LinearConfiguration = { StepPercent: options.stepPercent ?? 25, StepBakeTimeInMinutes: options.stepBakeMinutes ?? 1 };
  if (hooks.length > 0) deploymentConfiguration.LifecycleHooks = hooks;
  if (options.circuitBreaker) deploymentConfiguration.DeploymentCircuitBreaker = { Enable: true, Rollback: true };
  const forward = { Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: { Ref: 'Blue' }, Weight: 100 }, { TargetGroupArn: { Ref: 'Green' }, Weight: 0 }] } };
  const resources: Record<string, unknown> = {
    Cluster: { Type: 'AWS::ECS::Cluster', Properties: { ClusterName: 'shop' } },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/stp/shop/web' } },
    Task: {
      Type: 'AWS::ECS::TaskDefinition',
      Properties: {
        Family: 'shop-web',
        Cpu: '256',
        Memory: '512',
        NetworkMode: 'awsvpc',
        RequiresCompatibilities: ['FARGATE'],
        ContainerDefinitions: [
          {
            Name: 'app',
            Image: options.image,
            Essential: true,
            PortMappings: [{ ContainerPort: 80 }],
            Environment: Object.entries(options.environment ?? {}).map(([Name, Value]) => ({ Name, Value })),
            HealthCheck: { Command: ['CMD-SHELL', 'true'], Interval: 10, StartPeriod: 5 },
            LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: 'Logs' }, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'web' } },
          },
        ],
      },
    },
    Alb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { Name: 'shop-alb', Subnets: ['subnet-1', 'subnet-2'] } },
    Blue: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', TargetType: 'ip', VpcId: 'vpc-1' } },
    Green: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 80, Protocol: 'HTTP', TargetType: 'ip', VpcId: 'vpc-1' } },
    Prod: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] } },
    Test: { Type: 'AWS::ElasticLoadBalancingV2::Listener', Properties: { LoadBalancerArn: { Ref: 'Alb' }, Port: 8080, Protocol: 'HTTP', DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404' } }] } },
    ProdRule: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'Prod' }, Priority: 1, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }], Actions: [forward] } },
    TestRule: { Type: 'AWS::ElasticLoadBalancingV2::ListenerRule', Properties: { ListenerArn: { Ref: 'Test' }, Priority: 1, Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }], Actions: [forward] } },
    InfraRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } },
    Service: {
      Type: 'AWS::ECS::Service',
      DependsOn: ['ProdRule', 'TestRule'],
      Properties: {
        ServiceName: 'web',
        Cluster: { Ref: 'Cluster' },
        TaskDefinition: { Ref: 'Task' },
        DesiredCount: options.desiredCount ?? 2,
        LaunchType: 'FARGATE',
        DeploymentController: { Type: 'ECS' },
        DeploymentConfiguration: deploymentConfiguration,
        LoadBalancers: [
          {
            ContainerName: 'app',
            ContainerPort: 80,
            TargetGroupArn: { Ref: 'Blue' },
            AdvancedConfiguration: { AlternateTargetGroupArn: { Ref: 'Green' }, ProductionListenerRule: { Ref: 'ProdRule' }, TestListenerRule: { Ref: 'TestRule' }, RoleArn: { 'Fn::GetAtt': ['InfraRole', 'Arn'] } },
          },
        ],
      },
    },
  };
  if (options.hook) {
    resources.HookRole = { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [] } } };
    resources.Hook = {
      Type: 'AWS::Lambda::Function',
      Properties: { FunctionName: 'shop-web-hook', Runtime: 'nodejs20.x', Handler: 'index.handler', Timeout: 30, Role: { 'Fn::GetAtt': ['HookRole', 'Arn'] }, Code: { ZipFile: options.hook.code } },
    };
  }
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
}

export interface EcsStack {
  local: CfnLocalCloud;
  cfn: CloudFormationClient;
  ecs: ECSClient;
  elbv2: ElasticLoadBalancingV2Client;
  logs: CloudWatchLogsClient;
  stop(): Promise<void>;
}

export async function startEcsCloud(timeScale: number): Promise<EcsStack> {
  const local = await startCfnLocalCloud({ timeScale });
  const config = clientConfig(local.cloud.endpoint);
  const ecs = new ECSClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  const logs = new CloudWatchLogsClient(config);
  return {
    local,
    cfn: local.cfn,
    ecs,
    elbv2,
    logs,
    async stop() {
      ecs.destroy();
      elbv2.destroy();
      logs.destroy();
      await local.stop();
    },
  };
}

export const STACK = 'shop';

export async function createEcsStack(stack: EcsStack, options: EcsStackOptions): Promise<string> {
  await stack.cfn.send(new CreateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate(options), Capabilities: ['CAPABILITY_IAM'] }));
  return waitForStackToSettle(stack.cfn, STACK, 60_000);
}

export async function updateEcsStack(stack: EcsStack, options: EcsStackOptions): Promise<void> {
  await stack.cfn.send(new UpdateStackCommand({ StackName: STACK, TemplateBody: ecsTemplate(options), Capabilities: ['CAPABILITY_IAM'] }));
}

export async function physicalIds(stack: EcsStack): Promise<Record<string, string>> {
  const { StackResources } = await stack.cfn.send(new DescribeStackResourcesCommand({ StackName: STACK }));
  return Object.fromEntries((StackResources ?? []).map((r) => [r.LogicalResourceId!, r.PhysicalResourceId!]));
}

/** The newest deployment of the service (polling DescribeServices → DescribeServiceDeployments, as a console would). */
export async function currentDeployment(stack: EcsStack): Promise<ServiceDeployment | undefined> {
  const { services } = await stack.ecs.send(new DescribeServicesCommand({ cluster: 'shop', services: ['web'] }));
  const arn = services?.[0]?.currentServiceDeployment;
  if (!arn) return undefined;
  const { serviceDeployments } = await stack.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
  return serviceDeployments?.[0];
}

export async function deploymentsOf(stack: EcsStack) {
  const { serviceDeployments } = await stack.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'shop', service: 'web' }));
  return serviceDeployments ?? [];
}

/** The forward weights of a listener rule, by target group logical id (Blue / Green). */
export async function ruleWeights(stack: EcsStack, ruleLogicalId: 'ProdRule' | 'TestRule'): Promise<string> {
  const ids = await physicalIds(stack);
  const { Rules } = await stack.elbv2.send(new DescribeRulesCommand({ RuleArns: [ids[ruleLogicalId]!] }));
  const groups = Rules?.[0]?.Actions?.[0]?.ForwardConfig?.TargetGroups ?? [];
  const weight = (logical: string) => groups.find((g) => g.TargetGroupArn === ids[logical])?.Weight;
  return `${weight('Blue')}/${weight('Green')}`;
}

/** Polls until `check` returns a value (the deployment moved far enough); bounded by a generous timeout. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The pause hook awaiting action now (a different id than `after`), with the deployment. */
export async function awaitingPause(s: EcsStack, after?: string): Promise<{ deployment: ServiceDeployment; hookId: string }> {
  return until('a PAUSE hook awaiting action', async () => {
    const deployment = await currentDeployment(s);
    const hook = deployment?.lifecycleHookDetails?.find((h) => h.targetType === 'PAUSE' && h.status === 'AWAITING_ACTION' && h.hookId !== after);
    return hook && deployment ? { deployment, hookId: hook.hookId! } : undefined;
  });
}

export async function continuePause(s: EcsStack, deployment: ServiceDeployment, hookId: string, action: 'CONTINUE' | 'ROLLBACK' = 'CONTINUE'): Promise<void> {
  await s.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: deployment.serviceDeploymentArn, hookId, action }));
}

export async function stackStatus(s: EcsStack): Promise<{ status: string; reason?: string }> {
  const { Stacks } = await s.cfn.send(new DescribeStacksCommand({ StackName: STACK }));
  return { status: Stacks![0]!.StackStatus!, reason: Stacks![0]!.StackStatusReason };
}

/** Creates the stack, answering the first deployment's pause (hooks run on CreateService too). */
export async function createWithPause(s: EcsStack, options: EcsStackOptions): Promise<void> {
  const created = createEcsStack(s, options);
  const first = await awaitingPause(s);
  if (first.deployment.sourceServiceRevisions?.length) throw new Error('the first deployment has no source revision');
  await continuePause(s, first.deployment, first.hookId);
  const status = await created;
  if (status !== 'CREATE_COMPLETE') throw new Error(`stack create ended ${status}`);
}

