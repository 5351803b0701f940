import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import { stackFixture } from '../stack-fixture.js';

const image = (name: string) => ({ type: 'prebuilt-image', properties: { image: name } });

describe('multi-container-workload, private-service and worker-service', () => {
  const result = compileStack(
    stackFixture({
      lb: { type: 'application-load-balancer', properties: {} },
      api: { type: 'http-api-gateway', properties: {} },
      app: {
        type: 'multi-container-workload',
        properties: {
          resources: { cpu: 1, memory: 2048, architecture: 'arm64' },
          enableRemoteSessions: true,
          containers: [
            {
              name: 'web',
              packaging: image('web:1'),
              dependsOn: [{ containerName: 'sidecar', condition: 'HEALTHY' }],
              stopTimeout: 30,
              events: [
                { type: 'application-load-balancer', properties: { containerPort: 80, loadBalancerName: 'lb', priority: 5, paths: ['/app/*'] } },
                { type: 'http-api-gateway', properties: { containerPort: 80, httpApiGatewayName: 'api', method: 'GET', path: '/x' } },
              ],
              loadBalancerHealthCheck: { healthcheckPath: '/health' },
            },
            {
              name: 'sidecar',
              packaging: image('side:1'),
              essential: false,
              internalHealthCheck: { healthCheckCommand: ['CMD-SHELL', 'true'], intervalSeconds: 10 },
              events: [{ type: 'workload-internal', properties: { containerPort: 9000 } }],
              logging: { disabled: true },
            },
          ],
        },
      },
      backend: {
        type: 'private-service',
        properties: { packaging: image('backend:1'), resources: { cpu: 0.25, memory: 512 }, port: 4000, protocol: 'grpc' },
      },
      worker: {
        type: 'worker-service',
        properties: { packaging: image('worker:1'), resources: { cpu: 0.25, memory: 512 }, scaling: { minInstances: 1, maxInstances: 3 } },
      },
    }),
  );
  const r = result.template.Resources;

  it('compiles to a spec-valid template with one cluster', () => {
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    expect(Object.values(r).filter((x) => x.Type === 'AWS::ECS::Cluster')).toHaveLength(1);
    expect(Object.values(r).filter((x) => x.Type === 'AWS::ECS::Service')).toHaveLength(3);
  });

  it('builds containers with ports, dependsOn, health check, stop timeout and per-container logs', () => {
    const defs = r.AppTaskDefinition!.Properties!.ContainerDefinitions as Record<string, unknown>[];
    expect(defs[0]).toMatchObject({
      Name: 'web',
      Essential: true,
      PortMappings: [{ ContainerPort: 80, Protocol: 'tcp', Name: 'port-80' }],
      DependsOn: [{ ContainerName: 'sidecar', Condition: 'HEALTHY' }],
      StopTimeout: 30,
    });
    expect(defs[1]).toMatchObject({
      Name: 'sidecar',
      Essential: false,
      PortMappings: [{ ContainerPort: 9000, Protocol: 'tcp', Name: 'port-9000' }],
      HealthCheck: { Command: ['CMD-SHELL', 'true'], Interval: 10 },
    });
    expect(defs[1]).not.toHaveProperty('LogConfiguration');
    expect(r.AppWebLogGroup).toBeDefined();
    expect(r.AppSidecarLogGroup).toBeUndefined();
    expect(r.AppTaskDefinition!.Properties!.RuntimePlatform).toEqual({ CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' });
    expect(r.AppService!.Properties!.EnableExecuteCommand).toBe(true);
  });

  it('routes the ALB event through a target group and a listener rule on the stack ALB', () => {
    expect(r.AppLbToPort80TargetGroup!.Properties).toMatchObject({ TargetType: 'ip', Port: 80, HealthCheckPath: '/health' });
    expect(r.LbPort80Priority5ListenerRule!.Properties).toMatchObject({
      ListenerArn: { Ref: 'LbPort80Listener' },
      Priority: 5,
      Conditions: [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/app/*'] } }],
    });
    expect(r.AppService!.DependsOn).toEqual(['LbPort80Priority5ListenerRule']);
    expect(r.StpAppGetXRoute!.Properties).toMatchObject({ RouteKey: 'GET /x', ApiId: { Ref: 'ApiApi' } });
  });

  it('opens workload-internal ports to the other workloads and service-connect to clients', () => {
    const appIngress = JSON.stringify(
      Object.entries(r).filter(([id, x]) => id.startsWith('App') && x.Type === 'AWS::EC2::SecurityGroupIngress'),
    );
    expect(appIngress).toContain('"FromPort":9000');
    expect(appIngress).toContain('BackendSecurityGroup');
    expect(appIngress).toContain('LbLbSecurityGroup');
    expect(r.BackendService!.Properties!.ServiceConnectConfiguration).toMatchObject({
      Enabled: true,
      Services: [{ PortName: 'port-4000', DiscoveryName: 'backend', ClientAliases: [{ Port: 4000, DnsName: 'backend' }] }],
    });
    expect(r.WorkerService!.Properties!.ServiceConnectConfiguration).toEqual({
      Enabled: true,
      Namespace: { 'Fn::GetAtt': ['StpDiscoveryPrivateDnsNamespace', 'Arn'] },
    });
    expect(result.template.Outputs?.BackendAddress?.Value).toBe('backend:4000');
    const [backend] = r.BackendTaskDefinition!.Properties!.ContainerDefinitions as Record<string, unknown>[];
    expect(backend!.PortMappings).toEqual([{ ContainerPort: 4000, Protocol: 'tcp', Name: 'port-4000', AppProtocol: 'grpc' }]);
  });

  it('scales the worker on CPU by default when a range is given', () => {
    expect(r.WorkerScalableTarget!.Properties).toMatchObject({ MinCapacity: 1, MaxCapacity: 3, ScalableDimension: 'ecs:service:DesiredCount' });
    expect(r.WorkerCpuScalingPolicy).toBeDefined();
    const worker = (r.WorkerTaskDefinition!.Properties!.ContainerDefinitions as Record<string, unknown>[])[0]!;
    expect(worker).not.toHaveProperty('PortMappings');
  });

  it('runs a workload with instanceTypes on its own EC2 capacity provider (bridge networking)', () => {
    const res = compileStack(
      stackFixture({
        lb: { type: 'application-load-balancer', properties: {} },
        w: {
          type: 'web-service',
          properties: {
            packaging: image('w'),
            resources: { instanceTypes: ['t3.small', 't3.medium'], memory: 512 },
            loadBalancing: { type: 'application-load-balancer' },
            scaling: { minInstances: 1, maxInstances: 3 },
          },
        },
      }),
    );
    expect(res.diagnostics).toEqual([]);
    expect(validateTemplate(res.template)).toEqual([]);
    const r = res.template.Resources;
    expect(r.WTaskDefinition!.Properties).toMatchObject({ NetworkMode: 'bridge', RequiresCompatibilities: ['EC2'], Memory: '512' });
    expect(r.WTaskDefinition!.Properties).not.toHaveProperty('Cpu');
    const [container] = r.WTaskDefinition!.Properties!.ContainerDefinitions as Record<string, unknown>[];
    expect(container!.PortMappings).toEqual([{ ContainerPort: 3000, HostPort: 0, Protocol: 'tcp', Name: 'port-3000' }]);
    expect(r.WService!.Properties).toMatchObject({ CapacityProviderStrategy: [{ CapacityProvider: { Ref: 'WCapacityProvider' }, Weight: 1 }] });
    expect(r.WService!.Properties).not.toHaveProperty('LaunchType');
    expect(r.WService!.Properties).not.toHaveProperty('NetworkConfiguration');
    expect(r.StpCluster!.Properties!.CapacityProviders).toEqual(['FARGATE', 'FARGATE_SPOT', { Ref: 'WCapacityProvider' }]);
    expect(r.WAutoScalingGroup!.Properties).toMatchObject({
      MinSize: '0',
      MaxSize: '3',
      MixedInstancesPolicy: { LaunchTemplate: { Overrides: [{ InstanceType: 't3.small' }, { InstanceType: 't3.medium' }] } },
    });
    expect((r.WAutoScalingGroup!.Properties!.Tags as { PropagateAtLaunch?: boolean }[])[0]!.PropagateAtLaunch).toBe(true);
    expect(JSON.stringify(r.WLaunchTemplate)).toContain('ECS_CLUSTER=app-dev');
    expect(r.WWToPort3000TargetGroup!.Properties!.TargetType).toBe('instance');
    expect(r.WFromWLbSecurityGroupTcp32768To65535SecurityGroupIngress!.Properties).toMatchObject({ FromPort: 32768, ToPort: 65535 });
  });

  it('asks for memory when a workload runs on EC2', () => {
    const res = compileStack(
      stackFixture({ w: { type: 'worker-service', properties: { packaging: image('w'), resources: { instanceTypes: ['t3.micro'] } } } }),
    );
    expect(res.diagnostics.map((d) => [d.code, d.path?.join('.')])).toEqual([['STP_COMPILE_MISSING_PROPERTY', 'resources.w.properties.resources']]);
  });
});
