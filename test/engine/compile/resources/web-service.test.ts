import { describe, expect, it } from 'vitest';
import { compileStack } from '../../../../src/engine/compile/compile-stack.js';
import { validateTemplate } from '../../../../src/engine/compile/validate/validate-template.js';
import type { RuntimeDirective } from '../../../../src/engine/config/directives/directive.js';
import { stackFixture } from '../stack-fixture.js';

const image = { type: 'prebuilt-image', properties: { image: 'nginx:1.27' } };
const secret = (arg: string): RuntimeDirective => ({ kind: 'directive', name: 'Secret', args: [arg], path: [], source: `$Secret('${arg}')` });

describe('web-service compiler', () => {
  it('default: Fargate service behind its own HTTP API through a VPC link and Cloud Map', () => {
    const result = compileStack(
      stackFixture({
        app: {
          type: 'web-service',
          properties: {
            packaging: image,
            resources: { cpu: 0.5, memory: 1024 },
            environment: [
              { name: 'MODE', value: 'prod' },
              { name: 'DB_PASSWORD', value: secret('db.password') },
            ],
            logging: { retentionDays: 7 },
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    expect(Object.keys(r).sort()).toEqual([
      'AppApi', 'AppAppLogGroup', 'AppPort3000DiscoveryService', 'AppRole', 'AppSecurityGroup', 'AppService',
      'AppFromStpVpcLinkSecurityGroupTcp3000SecurityGroupIngress',
      'AppStage', 'AppTaskDefinition', 'StpAppAnyDefaultRoute', 'StpCluster', 'StpDiscoveryPrivateDnsNamespace',
      'StpEcsExecutionRole', 'StpVpcLink', 'StpVpcLinkSecurityGroup', 'AppAppToPort3000Integration',
    ].sort());
    const td = r.AppTaskDefinition!.Properties!;
    expect(td).toMatchObject({ Cpu: '512', Memory: '1024', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'] });
    const [container] = td.ContainerDefinitions as Record<string, unknown>[];
    expect(container).toMatchObject({
      Name: 'app',
      Image: 'nginx:1.27',
      PortMappings: [{ ContainerPort: 3000, Protocol: 'tcp', Name: 'port-3000' }],
      Environment: [
        { Name: 'MODE', Value: 'prod' },
        { Name: 'PORT', Value: '3000' },
      ],
      LogConfiguration: { LogDriver: 'awslogs', Options: { 'awslogs-group': { Ref: 'AppAppLogGroup' } } },
    });
    // The secret reaches the task as an ECS secret, never as a plain value in the template.
    expect(container!.Secrets).toEqual([
      {
        Name: 'DB_PASSWORD',
        ValueFrom: { 'Fn::Sub': 'arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:db:password::' },
      },
    ]);
    expect(JSON.stringify(r.StpEcsExecutionRole)).toContain('secret:db-??????');
    expect(r.AppService!.Properties).toMatchObject({
      LaunchType: 'FARGATE',
      DesiredCount: 1,
      ServiceRegistries: [{ RegistryArn: { 'Fn::GetAtt': ['AppPort3000DiscoveryService', 'Arn'] }, ContainerName: 'app', ContainerPort: 3000 }],
      DeploymentConfiguration: { DeploymentCircuitBreaker: { Enable: true, Rollback: true } },
    });
    expect(r.AppAppToPort3000Integration!.Properties).toMatchObject({ ConnectionType: 'VPC_LINK', IntegrationType: 'HTTP_PROXY' });
    expect(r.StpAppAnyDefaultRoute!.Properties).toMatchObject({ RouteKey: '$default' });
    expect(r.AppFromStpVpcLinkSecurityGroupTcp3000SecurityGroupIngress!.Properties).toMatchObject({
      GroupId: { 'Fn::GetAtt': ['AppSecurityGroup', 'GroupId'] },
      FromPort: 3000,
      SourceSecurityGroupId: { 'Fn::GetAtt': ['StpVpcLinkSecurityGroup', 'GroupId'] },
    });
    expect(result.template.Parameters).toHaveProperty('StpVpcId');
    expect(result.template.Parameters).toHaveProperty('StpSubnetIds');
    expect(result.template.Outputs?.AppUrl?.Value).toEqual({ 'Fn::GetAtt': ['AppApi', 'ApiEndpoint'] });
  });

  it('ALB + Canary10Percent5Minutes + hooks + manualApproval → ECS-native canary with lifecycle hooks', () => {
    const result = compileStack(
      stackFixture({
        check: { type: 'function', properties: { packaging: { type: 'stacktape-lambda-buildpack', properties: { entryfilePath: 'check.ts' } } } },
        web: {
          type: 'web-service',
          properties: {
            packaging: image,
            port: 8000,
            resources: { cpu: 1, memory: 2048 },
            loadBalancing: { type: 'application-load-balancer' },
            scaling: { minInstances: 2, maxInstances: 4, scalingPolicy: { keepAvgMemoryUtilizationUnder: 70 } },
            deployment: {
              strategy: 'Canary10Percent5Minutes',
              beforeAllowTrafficFunction: 'check',
              afterTrafficShiftFunction: 'check',
              manualApproval: true,
            },
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(validateTemplate(result.template)).toEqual([]);
    const r = result.template.Resources;
    const service = r.WebService!;
    expect(service.Properties!.DeploymentController).toEqual({ Type: 'ECS' });
    const dc = service.Properties!.DeploymentConfiguration as Record<string, unknown>;
    expect(dc.Strategy).toBe('CANARY');
    expect(dc.CanaryConfiguration).toEqual({ CanaryPercent: 10, CanaryBakeTimeInMinutes: 5 });
    expect(dc.LifecycleHooks).toEqual([
      {
        TargetType: 'AWS_LAMBDA',
        HookTargetArn: { 'Fn::GetAtt': ['CheckEcsHookFunction', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['StpEcsLifecycleHookRole', 'Arn'] },
        LifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
      },
      {
        TargetType: 'AWS_LAMBDA',
        HookTargetArn: { 'Fn::GetAtt': ['CheckEcsHookFunction', 'Arn'] },
        RoleArn: { 'Fn::GetAtt': ['StpEcsLifecycleHookRole', 'Arn'] },
        LifecycleStages: ['POST_PRODUCTION_TRAFFIC_SHIFT'],
      },
      { TargetType: 'PAUSE', LifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'], TimeoutConfiguration: { Action: 'ROLLBACK', TimeoutInMinutes: 1440 } },
    ]);
    expect(service.Properties!.LoadBalancers).toEqual([
      {
        ContainerName: 'web',
        ContainerPort: 8000,
        TargetGroupArn: { Ref: 'WebWebToPort8000TargetGroup' },
        AdvancedConfiguration: {
          AlternateTargetGroupArn: { Ref: 'WebWebToPort8000BgTargetGroup' },
          ProductionListenerRule: { Ref: 'WebPort80Priority1ListenerRule' },
          TestListenerRule: { Ref: 'WebPort8080Priority1ListenerRule' },
          RoleArn: { 'Fn::GetAtt': ['StpEcsInfrastructureRole', 'Arn'] },
        },
      },
    ]);
    expect(r.WebPort8080Listener!.Properties).toMatchObject({ Port: 8080, LoadBalancerArn: { Ref: 'WebLoadBalancer' } });
    expect(service.DependsOn).toEqual(['WebPort8080Priority1ListenerRule', 'WebPort80Priority1ListenerRule']);
    expect((r.WebPort80Priority1ListenerRule!.Properties!.Actions as unknown[])[0]).toEqual({
      Type: 'forward',
      ForwardConfig: {
        TargetGroups: [
          { TargetGroupArn: { Ref: 'WebWebToPort8000TargetGroup' }, Weight: 100 },
          { TargetGroupArn: { Ref: 'WebWebToPort8000BgTargetGroup' }, Weight: 0 },
        ],
      },
    });
    expect(r.CheckEcsHookFunction!.Properties!.Environment).toEqual({
      Variables: { TARGET_FUNCTION_ARN: { 'Fn::GetAtt': ['CheckFunction', 'Arn'] } },
    });
    expect(result.assets.map((a) => a.id)).toContain('stp:lifecycle-hook-adapter');
    expect(r.WebScalableTarget!.Properties).toMatchObject({ MinCapacity: 2, MaxCapacity: 4 });
    expect(r.WebMemoryScalingPolicy!.Properties).toMatchObject({
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageMemoryUtilization' } },
    });
  });

  it.each([
    ['Canary10Percent15Minutes', { Strategy: 'CANARY', CanaryConfiguration: { CanaryPercent: 10, CanaryBakeTimeInMinutes: 15 } }],
    ['Linear10PercentEvery1Minute', { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 1 } }],
    ['Linear10PercentEvery1Minutes', { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 1 } }],
    ['Linear10PercentEvery3Minutes', { Strategy: 'LINEAR', LinearConfiguration: { StepPercent: 10, StepBakeTimeInMinutes: 3 } }],
    ['AllAtOnce', { Strategy: 'BLUE_GREEN' }],
  ])('maps %s', (strategy, expected) => {
    const result = compileStack(
      stackFixture({
        web: {
          type: 'web-service',
          properties: {
            packaging: image,
            resources: { cpu: 0.25, memory: 512 },
            loadBalancing: { type: 'application-load-balancer' },
            deployment: { strategy, testListenerPort: 9000 },
          },
        },
      }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.template.Resources.WebService!.Properties!.DeploymentConfiguration).toEqual({ ...expected, BakeTimeInMinutes: 0 });
    expect(result.template.Resources.WebPort9000Listener).toBeDefined();
  });

  it('reports a gradual deployment behind an HTTP API, and an image to build as an error naming the resource and prebuilt-image', () => {
    const result = compileStack(
      stackFixture({
        web: {
          type: 'web-service',
          properties: {
            packaging: { type: 'stacktape-image-buildpack', properties: { entryfilePath: 'src/index.ts' } },
            resources: { cpu: 0.25, memory: 512 },
            deployment: { strategy: 'AllAtOnce' },
          },
        },
      }),
    );
    // The image build is a capability refusal: found before the compilers run (capabilities/).
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.path?.join('.')])).toEqual([
      ['STP_PACKAGE_IMAGE_BUILD_UNAVAILABLE', 'error', 'resources.web.properties.packaging.type'],
      ['STP_COMPILE_DEPLOYMENT_NEEDS_LOAD_BALANCER', 'error', 'resources.web.properties.deployment.strategy'],
    ]);
    const image = result.diagnostics[0]!;
    expect(image.message).toBe('"web" uses stacktape-image-buildpack packaging, but stp does not build container images yet, so there would be no image to deploy.');
    expect(image.expected).toBe('prebuilt-image');
    expect(image.hint).toContain('packaging: { type: prebuilt-image, properties: { image: <repository>:<tag> } }');
    expect(JSON.stringify(result.template)).not.toContain('${stp:asset:image:');
  });
});
