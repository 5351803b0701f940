import type { CfnValue } from '../../compile-contract.js';
import type { CompileContext, ConfigPath } from '../../compile-context.js';
import { computeNames } from '../../compute-names.js';
import type { ResourceView } from '../../resource-compiler.js';
import { defaultVpc } from '../../workload/default-vpc.js';
import { workloadSecurityGroup, type IngressRule } from '../../workload/security-group.js';
import { referencedResource } from '../../workload/stack-reference.js';
import { addHttpApiAuthorizer, type HttpApiAuthorizerConfig, type RouteAuthorization } from '../http-api-gateway.js';
import { workloadAccess } from '../../workload/workload-access.js';
import type { AlbRouting } from '../../workload/listener-rule.js';
import { compileDeployment, type CompiledDeployment } from './deployment-strategy.js';
import { httpApiRoute, httpApiTarget, ownHttpApi, type HttpApiTarget } from './http-api-integration.js';
import { attachContainer, attachContainerEvent, ownLoadBalancer, type LbAttachment } from './load-balancing.js';
import { discoveryNamespace, ecsCluster } from './stack-ecs.js';
import { dynamicHostPorts, ec2Capacity } from './ec2-capacity.js';
import { compileTaskDefinition, portMappingName, type ContainerPorts } from './task-definition.js';
import { workloadModel, type WorkloadModel } from './workload-model.js';

const ecsTypes = ['web-service', 'private-service', 'worker-service', 'multi-container-workload'];

/** Whether any workload of the stack offers a Service Connect name (then every ECS service is a client). */
function stackUsesServiceConnect(ctx: CompileContext): boolean {
  return ctx.resources().some((r) => {
    if (r.type === 'private-service') {
      const lb = (r.properties.loadBalancing as { type?: string } | undefined)?.type;
      return lb === undefined || lb === 'service-connect';
    }
    if (r.type === 'multi-container-workload') {
      const containers = (r.properties.containers as { events?: { type?: string }[] }[] | undefined) ?? [];
      return containers.some((c) => (c.events ?? []).some((e) => e.type === 'service-connect'));
    }
    return false;
  });
}

/** Workloads that run in the VPC with a security group of their own (reachable by workload-internal ports). */
function vpcWorkloads(ctx: CompileContext, except: string): string[] {
  return ctx
    .resources()
    .filter((r) => r.name !== except)
    .filter((r) => ecsTypes.includes(r.type) || r.type === 'batch-job' || (r.type === 'function' && r.properties.joinDefaultVpc === true))
    .map((r) => r.name);
}

function addPort(ports: ContainerPorts, container: string, port: number, appProtocol?: string): void {
  const map = ports.get(container) ?? new Map<number, string | undefined>();
  map.set(port, appProtocol ?? map.get(port));
  ports.set(container, map);
}

export function compileContainerWorkload(ctx: CompileContext, resource: ResourceView): void {
  const model = workloadModel(resource);
  if (model.containers.length === 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_MISSING_PROPERTY',
      message: `"${resource.name}" has no containers to run.`,
      path: [...model.at, 'containers'],
      expected: 'at least one container',
    });
    return;
  }
  if (model.launch === 'EC2') {
    if (model.resources.memory === undefined) {
      ctx.addDiagnostic({
        code: 'STP_COMPILE_MISSING_PROPERTY',
        message: 'A workload on EC2 instances needs resources.memory (MiB per task) so ECS can place its tasks.',
        path: [...model.at, 'resources'],
        expected: 'resources.memory, e.g. 512',
      });
      return;
    }
  }
  // Properties and constructs stp cannot compile yet are reported by capabilities/unsupported-constructs.ts.

  const blueGreen = model.deployment !== undefined;
  const ports: ContainerPorts = new Map();
  const attachments: LbAttachment[] = [];
  const ingress: IngressRule[] = [];
  const scServices: CfnValue[] = [];
  let apiTarget: HttpApiTarget | undefined;

  const entry = model.entryPoint;
  switch (entry.kind) {
    case 'http-api-gateway': {
      addPort(ports, entry.containerName, entry.port);
      apiTarget = httpApiTarget(ctx, model, entry.containerName, entry.port, entry.at);
      if (apiTarget) httpApiRoute(ctx, model, apiTarget, ownHttpApi(ctx, model), '$default', entry.at);
      if (blueGreen && model.deployment) {
        ctx.addDiagnostic({
          code: 'STP_COMPILE_DEPLOYMENT_NEEDS_LOAD_BALANCER',
          message: 'Gradual deployments shift traffic on an application load balancer; a web-service behind an HTTP API has none.',
          path: [...model.deployment.at, 'strategy'],
          hint: 'set loadBalancing.type to application-load-balancer',
        });
      }
      break;
    }
    case 'application-load-balancer': {
      addPort(ports, entry.containerName, entry.port);
      const lb = ownLoadBalancer(ctx, model, entry.internal);
      const container = model.containers.find((c) => c.name === entry.containerName)!;
      attachments.push(
        attachContainer(ctx, model, container, entry.port, lb, {
          priority: 1,
          conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }],
        }, blueGreen, entry.at),
      );
      break;
    }
    case 'service-connect':
      addPort(ports, entry.containerName, entry.port, entry.protocol);
      scServices.push({
        PortName: portMappingName(entry.port),
        DiscoveryName: resource.name.toLowerCase(),
        ClientAliases: [{ Port: entry.port, DnsName: resource.name.toLowerCase() }],
      });
      break;
    case 'unsupported':
    case 'none':
      break;
  }

  for (const container of model.containers) {
    for (const event of container.events) {
      const port = event.properties.containerPort as number;
      switch (event.type) {
        case 'application-load-balancer': {
          addPort(ports, container.name, port);
          const a = attachContainerEvent(ctx, model, container, event.properties as unknown as AlbRouting & { containerPort: number }, blueGreen, event.at);
          if (a) attachments.push(a);
          break;
        }
        case 'http-api-gateway': {
          const api = referencedResource(ctx, event.properties.httpApiGatewayName, ['http-api-gateway'], [...event.at, 'properties', 'httpApiGatewayName']);
          if (!api) break;
          const route = { method: String(event.properties.method ?? '*'), path: String(event.properties.path ?? '/') };
          let authorization: RouteAuthorization | Record<string, never> = {};
          if (event.properties.authorizer !== undefined) {
            const auth = addHttpApiAuthorizer(ctx, {
              apiName: api.name,
              owner: resource.name,
              ...route,
              authorizer: event.properties.authorizer as HttpApiAuthorizerConfig,
              at: [...event.at, 'properties', 'authorizer'],
            });
            if (!auth) break;
            authorization = auth;
          }
          addPort(ports, container.name, port);
          const target = httpApiTarget(ctx, model, container.name, port, event.at);
          if (!target) break;
          apiTarget = target;
          httpApiRoute(ctx, model, target, { name: api.name, logicalId: ctx.names.httpApi(api.name) }, route, event.at, authorization);
          break;
        }
        case 'workload-internal':
          if (model.launch === 'EC2') break; // dynamic host ports: reported by capabilities/
          addPort(ports, container.name, port);
          for (const other of vpcWorkloads(ctx, resource.name)) {
            ingress.push({
              port,
              protocol: event.properties.protocol === 'udp' ? 'udp' : 'tcp',
              fromSecurityGroupId: ctx.names.workloadSecurityGroup(other),
              description: `workload-internal from ${other}`,
            });
          }
          break;
        case 'service-connect': {
          addPort(ports, container.name, port, typeof event.properties.protocol === 'string' ? event.properties.protocol : undefined);
          const alias = typeof event.properties.alias === 'string' ? event.properties.alias : `${resource.name.toLowerCase()}-${port}`;
          scServices.push({ PortName: portMappingName(port), DiscoveryName: alias, ClientAliases: [{ Port: port, DnsName: alias }] });
          break;
        }
        default:
          break; // reported by capabilities/unsupported-constructs.ts
      }
    }
  }

  // On EC2 (bridge networking) traffic reaches the instance on the task's dynamic host port.
  const portRange = (port: number): Pick<IngressRule, 'port' | 'toPort'> =>
    model.launch === 'EC2' ? { port: dynamicHostPorts.from, toPort: dynamicHostPorts.to } : { port };
  for (const a of attachments) {
    ingress.push({ ...portRange(a.port), fromSecurityGroupId: a.loadBalancerSecurityGroupId, description: `from load balancer ${a.loadBalancerName}` });
  }
  if (apiTarget) ingress.push({ ...portRange(apiTarget.port), fromSecurityGroupId: apiTarget.vpcLinkSecurityGroupId, description: 'from the HTTP API VPC link' });
  if (scServices.length > 0) {
    for (const other of vpcWorkloads(ctx, resource.name)) {
      for (const port of [...ports.values()].flatMap((m) => [...m.keys()])) {
        ingress.push({ ...portRange(port), fromSecurityGroupId: ctx.names.workloadSecurityGroup(other), description: `service connect from ${other}` });
      }
    }
  }

  const access = workloadAccess(ctx, resource);
  const task = compileTaskDefinition(ctx, model, ports, access);
  if (!task) return;
  const securityGroupId = workloadSecurityGroup(ctx, resource, dedupeIngress(ingress));
  // Behind its own HTTP API a web-service has nothing to shift traffic on (reported above).
  const deployment: CompiledDeployment | undefined = model.deployment && entry.kind !== 'http-api-gateway'
    ? compileDeployment(ctx, model, model.deployment, attachments)
    : undefined;
  compileService(ctx, model, task.taskDefinitionId, securityGroupId, attachments, apiTarget, scServices, deployment);
}

function dedupeIngress(rules: IngressRule[]): IngressRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = `${r.protocol ?? 'tcp'}:${r.port}:${r.fromSecurityGroupId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function compileService(
  ctx: CompileContext,
  model: WorkloadModel,
  taskDefinitionId: string,
  securityGroupId: string,
  attachments: LbAttachment[],
  apiTarget: HttpApiTarget | undefined,
  scServices: CfnValue[],
  deployment: CompiledDeployment | undefined,
): void {
  const name = model.resource.name;
  const clusterId = ecsCluster(ctx).id;
  const vpc = defaultVpc(ctx);
  const serviceId = ctx.names.ecsService(name);
  const props: Record<string, CfnValue> = {
    Cluster: { Ref: clusterId },
    ServiceName: computeNames.ecsService(ctx.stack.stackName, name),
    TaskDefinition: { Ref: taskDefinitionId },
    DesiredCount: model.scaling?.minInstances ?? 1,
    PropagateTags: 'SERVICE',
    DeploymentController: { Type: 'ECS' },
    DeploymentConfiguration: deployment?.deploymentConfiguration ?? {
      MinimumHealthyPercent: 100,
      MaximumPercent: 200,
      DeploymentCircuitBreaker: { Enable: true, Rollback: true },
    },
  };
  if (model.launch === 'EC2') {
    props.CapacityProviderStrategy = [{ CapacityProvider: { Ref: ec2Capacity(ctx, model, securityGroupId) }, Weight: 1 }];
  } else {
    props.LaunchType = 'FARGATE';
    props.NetworkConfiguration = {
      AwsvpcConfiguration: {
        // Default subnets are public and have no NAT: tasks need a public IP to pull images.
        AssignPublicIp: 'ENABLED',
        Subnets: vpc.subnetIds,
        SecurityGroups: [{ 'Fn::GetAtt': [securityGroupId, 'GroupId'] }],
      },
    };
  }
  if (model.enableRemoteSessions) props.EnableExecuteCommand = true;
  if (attachments.length > 0) {
    props.LoadBalancers = attachments.map((a) => {
      const entry: Record<string, CfnValue> = {
        ContainerName: a.containerName,
        ContainerPort: a.port,
        TargetGroupArn: { Ref: a.targetGroupId },
      };
      const advanced = deployment?.advanced.get(a.targetGroupId);
      if (advanced) entry.AdvancedConfiguration = advanced;
      return entry;
    });
    props.HealthCheckGracePeriodSeconds = 60;
  }
  if (apiTarget) props.ServiceRegistries = [apiTarget.registry];
  if (scServices.length > 0 || stackUsesServiceConnect(ctx)) {
    const sc: Record<string, CfnValue> = { Enabled: true, Namespace: discoveryNamespace(ctx).arn };
    if (scServices.length > 0) sc.Services = scServices;
    props.ServiceConnectConfiguration = sc;
  }
  ctx.addResource(serviceId, {
    Type: 'AWS::ECS::Service',
    Properties: props,
    // A target group must be attached to a listener before a service can register into it.
    DependsOn: [...attachments.map((a) => a.productionRuleId), ...(deployment?.dependsOn ?? [])],
  }, model.at);
  compileScaling(ctx, model, serviceId, clusterId);
}

function compileScaling(ctx: CompileContext, model: WorkloadModel, serviceId: string, clusterId: string): void {
  const s = model.scaling;
  if (!s) return;
  const min = s.minInstances ?? 1;
  const max = s.maxInstances ?? min;
  const policy = s.scalingPolicy ?? {};
  if (max <= min && policy.keepAvgCpuUtilizationUnder === undefined && policy.keepAvgMemoryUtilizationUnder === undefined) return;
  const name = model.resource.name;
  const targetId = ctx.names.autoScalingTarget(name);
  const at: ConfigPath = [...model.at, 'scaling'];
  ctx.addResource(targetId, {
    Type: 'AWS::ApplicationAutoScaling::ScalableTarget',
    Properties: {
      MinCapacity: min,
      MaxCapacity: max,
      ResourceId: { 'Fn::Join': ['/', ['service', { Ref: clusterId }, { 'Fn::GetAtt': [serviceId, 'Name'] }]] },
      ScalableDimension: 'ecs:service:DesiredCount',
      ServiceNamespace: 'ecs',
    },
  }, at);
  const metrics: [string, string, number][] = [];
  if (policy.keepAvgCpuUtilizationUnder !== undefined) metrics.push(['Cpu', 'ECSServiceAverageCPUUtilization', policy.keepAvgCpuUtilizationUnder]);
  if (policy.keepAvgMemoryUtilizationUnder !== undefined) metrics.push(['Memory', 'ECSServiceAverageMemoryUtilization', policy.keepAvgMemoryUtilizationUnder]);
  // Scaling range without a policy: Stacktape keeps average CPU under 80 %.
  if (metrics.length === 0) metrics.push(['Cpu', 'ECSServiceAverageCPUUtilization', 80]);
  for (const [label, metric, value] of metrics) {
    ctx.addResource(ctx.names.autoScalingPolicy(name, label), {
      Type: 'AWS::ApplicationAutoScaling::ScalingPolicy',
      Properties: {
        PolicyName: `${name}-${label.toLowerCase()}`,
        PolicyType: 'TargetTrackingScaling',
        ScalingTargetId: { Ref: targetId },
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: value,
          PredefinedMetricSpecification: { PredefinedMetricType: metric },
          ScaleInCooldown: 60,
          ScaleOutCooldown: 60,
        },
      },
    }, at);
  }
}
