import type { CfnResource, CfnValue } from '../../compile-contract.js';
import type { CompileContext, ConfigPath } from '../../compile-context.js';
import { physicalName, nameLimits } from '../../physical-names.js';
import { defaultVpc } from '../../workload/default-vpc.js';
import { listenerPort, ruleConditions, type AlbRouting } from '../../workload/listener-rule.js';
import { referencedResource } from '../../workload/stack-reference.js';
import type { ContainerModel, WorkloadModel } from './workload-model.js';

/** One container port behind one ALB listener, as the ECS service's `LoadBalancers` entry needs it. */
export interface LbAttachment {
  containerName: string;
  port: number;
  loadBalancerName: string;
  listenerPort: number;
  listenerId: string;
  targetGroupId: string;
  /** Second target group for ECS blue/green, canary and linear deployments. */
  alternateTargetGroupId?: string;
  productionRuleId: string;
  /** Logical id of the load balancer's security group (allowed into the workload). */
  loadBalancerSecurityGroupId: string;
  at: ConfigPath;
}

function targetGroup(ctx: CompileContext, model: WorkloadModel, container: ContainerModel, port: number): CfnResource {
  const hc = container.loadBalancerHealthCheck ?? {};
  const props: Record<string, CfnValue> = {
    // Fargate tasks register their ENI's IP; EC2 tasks (bridge networking) the instance and host port.
    TargetType: model.launch === 'EC2' ? 'instance' : 'ip',
    Protocol: 'HTTP',
    Port: port,
    VpcId: defaultVpc(ctx).vpcId,
    HealthCheckPath: hc.healthcheckPath ?? '/',
    HealthCheckProtocol: 'HTTP',
    // Fargate tasks drain quickly; AWS's 300 s default makes every deploy wait five minutes.
    TargetGroupAttributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }],
  };
  if (hc.healthcheckInterval !== undefined) props.HealthCheckIntervalSeconds = hc.healthcheckInterval;
  if (hc.healthcheckTimeout !== undefined) props.HealthCheckTimeoutSeconds = hc.healthcheckTimeout;
  if (hc.healthCheckPort !== undefined) props.HealthCheckPort = String(hc.healthCheckPort);
  if (hc.healthCheckProtocol === 'TCP') {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_ADJUSTED',
      severity: 'warning',
      message: 'Application load balancer target groups check health over HTTP; the TCP health check protocol is not available there.',
      path: [...container.at, 'loadBalancerHealthCheck', 'healthCheckProtocol'],
    });
  }
  return { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: props };
}

/**
 * Target group(s) and the production listener rule for one container port. With a gradual
 * deployment the rule forwards to both groups (100/0) and ECS moves the weights.
 */
export function attachContainer(
  ctx: CompileContext,
  model: WorkloadModel,
  container: ContainerModel,
  port: number,
  lb: { name: string; listenerPort: number; listenerId: string; securityGroupId: string },
  routing: { priority: number; conditions: CfnValue[] },
  blueGreen: boolean,
  at: ConfigPath,
): LbAttachment {
  const name = model.resource.name;
  const targetGroupId = ctx.names.targetGroup(name, lb.name, port);
  if (!ctx.hasResource(targetGroupId)) ctx.addResource(targetGroupId, targetGroup(ctx, model, container, port), at);
  let alternateTargetGroupId: string | undefined;
  if (blueGreen) {
    alternateTargetGroupId = ctx.names.targetGroup(name, lb.name, port, true);
    if (!ctx.hasResource(alternateTargetGroupId)) {
      ctx.addResource(alternateTargetGroupId, targetGroup(ctx, model, container, port), at);
    }
  }
  const productionRuleId = ctx.names.listenerRule(lb.name, lb.listenerPort, routing.priority);
  const forward = alternateTargetGroupId
    ? {
        Type: 'forward',
        ForwardConfig: {
          TargetGroups: [
            { TargetGroupArn: { Ref: targetGroupId }, Weight: 100 },
            { TargetGroupArn: { Ref: alternateTargetGroupId }, Weight: 0 },
          ],
        },
      }
    : { Type: 'forward', TargetGroupArn: { Ref: targetGroupId } };
  ctx.addResource(
    productionRuleId,
    {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: { Ref: lb.listenerId },
        Priority: routing.priority,
        Conditions: routing.conditions,
        Actions: [forward],
      },
    },
    at,
  );
  return {
    containerName: container.name,
    port,
    loadBalancerName: lb.name,
    listenerPort: lb.listenerPort,
    listenerId: lb.listenerId,
    targetGroupId,
    ...(alternateTargetGroupId ? { alternateTargetGroupId } : {}),
    productionRuleId,
    loadBalancerSecurityGroupId: lb.securityGroupId,
    at,
  };
}

/** An `application-load-balancer` container event against a load balancer of the stack. */
export function attachContainerEvent(
  ctx: CompileContext,
  model: WorkloadModel,
  container: ContainerModel,
  routing: AlbRouting & { containerPort: number },
  blueGreen: boolean,
  at: ConfigPath,
): LbAttachment | undefined {
  const lb = referencedResource(ctx, routing.loadBalancerName, ['application-load-balancer'], [...at, 'properties', 'loadBalancerName']);
  if (!lb) return undefined;
  const port = listenerPort(lb, routing);
  return attachContainer(
    ctx,
    model,
    container,
    routing.containerPort,
    {
      name: lb.name,
      listenerPort: port,
      listenerId: ctx.names.listener(lb.name, port),
      securityGroupId: ctx.names.loadBalancerSecurityGroup(lb.name),
    },
    { priority: routing.priority, conditions: ruleConditions(ctx, routing, [...at, 'properties']) },
    blueGreen,
    at,
  );
}

/**
 * The load balancer a web-service (internet-facing) or private-service (internal) with
 * `loadBalancing.type: application-load-balancer` brings: HTTP on port 80, a catch-all rule to the
 * service. HTTPS needs a certificate (`customDomains`), which is reported where it is set.
 */
export function ownLoadBalancer(
  ctx: CompileContext,
  model: WorkloadModel,
  internal: boolean,
): { name: string; listenerPort: number; listenerId: string; securityGroupId: string } {
  const name = model.resource.name;
  const lbId = ctx.names.loadBalancer(name);
  const sgId = ctx.names.loadBalancerSecurityGroup(name);
  const listenerId = ctx.names.listener(name, 80);
  const vpc = defaultVpc(ctx);
  ctx.addResource(sgId, {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: `stp ${ctx.stack.stackName} ${name} load balancer`,
      VpcId: vpc.vpcId,
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0', Description: 'HTTP' }],
      SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0', Description: 'to targets' }],
    },
  }, model.at);
  ctx.addResource(lbId, {
    Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
    Properties: {
      Name: physicalName([ctx.stack.stackName, name], nameLimits.targetGroup),
      Type: 'application',
      Scheme: internal ? 'internal' : 'internet-facing',
      Subnets: vpc.subnetIds,
      SecurityGroups: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }],
    },
  }, model.at);
  ctx.addResource(listenerId, {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: { Ref: lbId },
      Port: 80,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } }],
    },
  }, model.at);
  return { name, listenerPort: 80, listenerId, securityGroupId: sgId };
}
