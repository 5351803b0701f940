import type { CfnValue } from '../../compile-contract.js';
import type { CompileContext, ConfigPath } from '../../compile-context.js';
import { discoveryNamespace, httpApiVpcLink } from './stack-ecs.js';
import type { WorkloadModel } from './workload-model.js';

/**
 * An HTTP API (API Gateway v2) in front of an ECS service: a private integration through the
 * stack's VPC link to a Cloud Map service the ECS service registers its tasks in (SRV records).
 * ECS allows one service registry per service, so one container port per workload can be reached
 * this way; routes for a second port are reported.
 */
export interface HttpApiTarget {
  containerName: string;
  port: number;
  /** `ServiceRegistries` entry of the ECS service. */
  registry: CfnValue;
  /** Security group allowed into the workload on `port`. */
  vpcLinkSecurityGroupId: string;
}

export function httpApiTarget(ctx: CompileContext, model: WorkloadModel, containerName: string, port: number, at: ConfigPath): HttpApiTarget | undefined {
  const key = `http-api-target:${model.resource.name}`;
  const existing = ctx.once<{ value?: HttpApiTarget }>(key, () => ({}));
  if (existing.value) {
    // A second container port: ECS allows one service registry per service (reported by capabilities/).
    if (existing.value.containerName !== containerName || existing.value.port !== port) return undefined;
    return existing.value;
  }
  const ns = discoveryNamespace(ctx);
  const link = httpApiVpcLink(ctx);
  const discoveryId = ctx.names.serviceDiscoveryService(model.resource.name, port);
  ctx.addResource(discoveryId, {
    Type: 'AWS::ServiceDiscovery::Service',
    Properties: {
      Name: model.resource.name.toLowerCase(),
      NamespaceId: ns.namespaceId,
      DnsConfig: { DnsRecords: [{ Type: 'SRV', TTL: 60 }], RoutingPolicy: 'MULTIVALUE' },
      HealthCheckCustomConfig: { FailureThreshold: 1 },
    },
  }, at);
  existing.value = {
    containerName,
    port,
    registry: { RegistryArn: { 'Fn::GetAtt': [discoveryId, 'Arn'] }, ContainerName: containerName, ContainerPort: port },
    vpcLinkSecurityGroupId: link.securityGroupId,
  };
  return existing.value;
}

/** Integration (once per API) and a route on an HTTP API to the workload's registered port. */
export function httpApiRoute(
  ctx: CompileContext,
  model: WorkloadModel,
  target: HttpApiTarget,
  api: { name: string; logicalId: string },
  route: { method: string; path: string } | '$default',
  at: ConfigPath,
  authorization: object = {},
): void {
  const integrationId = ctx.names.httpApiContainerWorkloadIntegration(model.resource.name, api.name, target.port);
  if (!ctx.hasResource(integrationId)) {
    ctx.addResource(integrationId, {
      Type: 'AWS::ApiGatewayV2::Integration',
      Properties: {
        ApiId: { Ref: api.logicalId },
        IntegrationType: 'HTTP_PROXY',
        IntegrationMethod: 'ANY',
        ConnectionType: 'VPC_LINK',
        ConnectionId: { Ref: httpApiVpcLink(ctx).id },
        IntegrationUri: (target.registry as { RegistryArn: CfnValue }).RegistryArn,
        PayloadFormatVersion: '1.0',
      },
    }, at);
  }
  const routeKey = route === '$default' ? '$default' : `${route.method === '*' ? 'ANY' : route.method} ${route.path}`;
  const routeId = route === '$default'
    ? ctx.names.httpApiRoute(model.resource.name, '*', '*')
    : ctx.names.httpApiRoute(model.resource.name, route.method, route.path);
  ctx.addResource(routeId, {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: { Ref: api.logicalId },
      RouteKey: routeKey,
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: integrationId }]] },
      ...authorization,
    },
  }, at);
}

/** The HTTP API a web-service with the default `loadBalancing` brings: `$default` route, `$default` stage. */
export function ownHttpApi(ctx: CompileContext, model: WorkloadModel): { name: string; logicalId: string } {
  const name = model.resource.name;
  const logicalId = ctx.names.httpApi(name);
  const p = model.resource.properties;
  const props: Record<string, CfnValue> = { Name: `${ctx.stack.stackName}-${name}`, ProtocolType: 'HTTP' };
  const cors = p.cors as
    | { enabled?: boolean; allowedOrigins?: string[]; allowedHeaders?: string[]; allowedMethods?: string[]; allowCredentials?: boolean; exposedResponseHeaders?: string[]; maxAge?: number }
    | undefined;
  if (cors?.enabled) {
    const c: Record<string, CfnValue> = {
      AllowOrigins: cors.allowedOrigins ?? ['*'],
      AllowHeaders: cors.allowedHeaders ?? ['*'],
      AllowMethods: (cors.allowedMethods ?? ['*']).map((m) => m),
    };
    if (cors.allowCredentials !== undefined) c.AllowCredentials = cors.allowCredentials;
    if (cors.exposedResponseHeaders) c.ExposeHeaders = cors.exposedResponseHeaders;
    if (cors.maxAge !== undefined) c.MaxAge = cors.maxAge;
    props.CorsConfiguration = c;
  }
  ctx.addResource(logicalId, { Type: 'AWS::ApiGatewayV2::Api', Properties: props }, model.at);
  ctx.addResource(ctx.names.httpApiStage(name), {
    Type: 'AWS::ApiGatewayV2::Stage',
    Properties: { ApiId: { Ref: logicalId }, StageName: '$default', AutoDeploy: true },
  }, model.at);
  return { name, logicalId };
}
