import type { CfnValue } from '../../compile-contract.js';
import type { CompileContext } from '../../compile-context.js';
import { buildLogicalName } from '../../logical-names.js';
import { nameLimits, physicalName } from '../../physical-names.js';
import { addRuntimeFunction } from '../../runtime-function.js';
import { iamRole } from '../../workload/iam-role.js';
import { referencedResource } from '../../workload/stack-reference.js';
import { ecsStrategies } from './ecs-strategies.js';
import type { LbAttachment } from './load-balancing.js';
import type { WorkloadDeployment, WorkloadModel } from './workload-model.js';


/**
 * Where the hooks run. CodeDeploy's BeforeAllowTraffic ran after test traffic reached the new
 * revision and before production traffic moved: ECS's POST_TEST_TRAFFIC_SHIFT. AfterTrafficShift
 * ran once all production traffic had moved: POST_PRODUCTION_TRAFFIC_SHIFT.
 */
export const hookStages = {
  beforeAllowTrafficFunction: 'POST_TEST_TRAFFIC_SHIFT',
  afterTrafficShiftFunction: 'POST_PRODUCTION_TRAFFIC_SHIFT',
} as const;

/**
 * `manualApproval` (new in stp) is an ECS-native PAUSE hook: ECS waits with the hook
 * AWAITING_ACTION until `ContinueServiceDeployment` (CONTINUE or ROLLBACK, the operator's keys)
 * or the timeout. ECS refuses PAUSE hooks at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT
 * (those stages re-run during rollback), so the gate sits at:
 * - PRE_PRODUCTION_TRAFFIC_SHIFT (default): invoked before every production step, with a fresh
 *   hook id each time — canary: before 10 % and before 100 %; linear: before each step;
 * - POST_TEST_TRAFFIC_SHIFT (`gate: before-production`): once, after the test listener reached the
 *   new version and before any production traffic moves.
 */
export const manualApprovalStages = {
  'every-production-step': 'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'before-production': 'POST_TEST_TRAFFIC_SHIFT',
} as const;

/** ECS's defaults for a PAUSE hook without an answer: 1,440 minutes, then roll back. */
export const manualApprovalTimeoutMinutes = 1440;

/** The PAUSE hook for a `manualApproval` setting, or undefined when there is none. */
export function manualApprovalHook(setting: WorkloadDeployment['manualApproval']): Record<string, CfnValue> | undefined {
  if (setting === undefined || setting === false) return undefined;
  const options = setting === true ? {} : setting;
  return {
    TargetType: 'PAUSE',
    LifecycleStages: [manualApprovalStages[options.gate ?? 'every-production-step']],
    TimeoutConfiguration: {
      Action: options.onTimeout === 'continue' ? 'CONTINUE' : 'ROLLBACK',
      TimeoutInMinutes: options.timeoutMinutes ?? manualApprovalTimeoutMinutes,
    },
  };
}

export const defaultTestListenerPort = 8080;

export interface CompiledDeployment {
  deploymentConfiguration: Record<string, CfnValue>;
  /** Per production target group id: the `AdvancedConfiguration` of its `LoadBalancers` entry. */
  advanced: Map<string, CfnValue>;
  dependsOn: string[];
}

/** Role ECS assumes to move listener-rule weights during blue/green, canary and linear deployments. */
function infrastructureRole(ctx: CompileContext): string {
  return ctx.once('ecs-infrastructure-role', () => {
    const id = ctx.names.ecsInfrastructureRole();
    ctx.addResource(id, iamRole({
      servicePrincipals: ['ecs.amazonaws.com'],
      statements: [],
      policyName: 'stp-ecs-infrastructure',
      managedPolicyArns: [
        { 'Fn::Sub': 'arn:${AWS::Partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers' },
      ],
    }));
    return id;
  });
}

/** Role ECS assumes to invoke hook Lambdas; each adapter adds itself. */
function hookRole(ctx: CompileContext): { id: string; invocable: CfnValue[] } {
  return ctx.once('ecs-hook-role', () => {
    const id = ctx.names.ecsHookRole();
    const invocable: CfnValue[] = [];
    ctx.addResource(id, iamRole({
      servicePrincipals: ['ecs.amazonaws.com'],
      statements: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: invocable }],
      policyName: 'stp-ecs-lifecycle-hooks',
    }));
    return { id, invocable };
  });
}

/**
 * The adapter Lambda (src/runtime/lifecycle-hook-adapter) in front of one hook function: ECS needs
 * `{hookStatus}` back, a Stacktape hook just returns or throws. One adapter per hook function.
 */
function hookAdapter(ctx: CompileContext, functionName: string): CfnValue {
  return ctx.once(`ecs-hook-adapter:${functionName}`, () => {
    const fnId = ctx.names.lifecycleHookAdapter(functionName, 'Ecs');
    const roleId = buildLogicalName({ resourceName: functionName, specifier: { type: 'EcsHook' }, cfnType: 'AWS::IAM::Role' });
    const logGroupId = buildLogicalName({ resourceName: functionName, specifier: { type: 'EcsHook' }, cfnType: 'AWS::Logs::LogGroup' });
    const physical = physicalName([ctx.stack.stackName, functionName, 'ecs-hook'], nameLimits.lambdaFunction);
    const target = { 'Fn::GetAtt': [ctx.names.lambda(functionName), 'Arn'] };
    addRuntimeFunction(ctx, {
      asset: 'lifecycleHookAdapter',
      ids: { function: fnId, role: roleId, logGroup: logGroupId },
      functionName: physical,
      logGroupName: `/aws/lambda/${physical}`,
      policyName: 'stp-ecs-hook-adapter',
      statements: [{ Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: target }],
      memorySize: 128,
      // ECS gives a hook invocation at most 15 minutes.
      timeout: 900,
      environment: { TARGET_FUNCTION_ARN: target },
    });
    const arn = { 'Fn::GetAtt': [fnId, 'Arn'] };
    hookRole(ctx).invocable.push(arn);
    return arn;
  });
}

/**
 * `deployment` → ECS deployment configuration: strategy, Lambda hooks, the manual-approval PAUSE
 * hook, and for each load-balanced port a test listener rule on `testListenerPort` plus the
 * advanced load-balancer configuration ECS needs to shift traffic between the two target groups.
 */
export function compileDeployment(
  ctx: CompileContext,
  model: WorkloadModel,
  deployment: WorkloadDeployment,
  attachments: LbAttachment[],
): CompiledDeployment | undefined {
  const strategy = ecsStrategies[deployment.strategy];
  if (!strategy) return undefined; // reported by capabilities/unsupported-constructs.ts
  const gradual = attachments.filter((a) => a.alternateTargetGroupId !== undefined);
  if (gradual.length === 0) {
    ctx.addDiagnostic({
      code: 'STP_COMPILE_DEPLOYMENT_NEEDS_LOAD_BALANCER',
      message: `Gradual deployments shift traffic on an application load balancer, but "${model.resource.name}" has none.`,
      path: [...deployment.at, 'strategy'],
      hint: 'use loadBalancing type application-load-balancer, or add an application-load-balancer event',
    });
    return undefined;
  }

  const hooks: CfnValue[] = [];
  for (const key of ['beforeAllowTrafficFunction', 'afterTrafficShiftFunction'] as const) {
    const name = deployment[key];
    if (name === undefined) continue;
    const fn = referencedResource(ctx, name, ['function'], [...deployment.at, key]);
    if (!fn) continue;
    hooks.push({
      TargetType: 'AWS_LAMBDA',
      HookTargetArn: hookAdapter(ctx, fn.name),
      RoleArn: { 'Fn::GetAtt': [hookRole(ctx).id, 'Arn'] },
      LifecycleStages: [hookStages[key]],
    });
  }
  const pause = manualApprovalHook(deployment.manualApproval);
  if (pause) hooks.push(pause);

  // Always explicit: CloudFormation's documented defaults for the post-shift bake (180 or 2,160
  // minutes) contradict the API's 0–1440 range and "required for BLUE_GREEN". Stacktape's strategies
  // name only the canary/linear bake, so the old revision goes once all traffic has moved.
  const deploymentConfiguration: Record<string, CfnValue> = { ...strategy, BakeTimeInMinutes: 0 };
  if (hooks.length > 0) deploymentConfiguration.LifecycleHooks = hooks;

  const roleId = infrastructureRole(ctx);
  const testPort = deployment.testListenerPort ?? defaultTestListenerPort;
  const advanced = new Map<string, CfnValue>();
  const dependsOn: string[] = [];
  for (const a of gradual) {
    const testListenerId = testListener(ctx, a, testPort);
    const priority = Number(/Priority(\d+)/.exec(a.productionRuleId)?.[1] ?? 1);
    const testRuleId = ctx.names.listenerRule(a.loadBalancerName, testPort, priority);
    const production = ctx.getResource(a.productionRuleId);
    ctx.addResource(testRuleId, {
      Type: 'AWS::ElasticLoadBalancingV2::ListenerRule',
      Properties: {
        ListenerArn: { Ref: testListenerId },
        Priority: priority,
        Conditions: structuredClone(production?.Properties?.Conditions ?? [{ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } }]),
        Actions: structuredClone(production?.Properties?.Actions ?? []),
      },
    }, a.at);
    advanced.set(a.targetGroupId, {
      AlternateTargetGroupArn: { Ref: a.alternateTargetGroupId },
      ProductionListenerRule: { Ref: a.productionRuleId },
      TestListenerRule: { Ref: testRuleId },
      RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
    dependsOn.push(testRuleId);
  }
  return { deploymentConfiguration, advanced, dependsOn };
}

/** The test listener of a load balancer (created once; reused if the config already has that port). */
function testListener(ctx: CompileContext, a: LbAttachment, port: number): string {
  const id = ctx.names.listener(a.loadBalancerName, port);
  const lb = ctx.resource(a.loadBalancerName);
  const configured = (lb?.properties.listeners as { port?: number }[] | undefined)?.some((l) => l.port === port);
  if (configured || ctx.hasResource(id)) return id;
  ctx.addResource(id, {
    Type: 'AWS::ElasticLoadBalancingV2::Listener',
    Properties: {
      LoadBalancerArn: { Ref: ctx.names.loadBalancer(a.loadBalancerName) },
      Port: port,
      Protocol: 'HTTP',
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'Not found' } }],
    },
  }, a.at);
  ctx.addResource(
    buildLogicalName({ resourceName: a.loadBalancerName, specifier: { type: `TestPort${port}` }, cfnType: 'AWS::EC2::SecurityGroupIngress' }),
    {
      Type: 'AWS::EC2::SecurityGroupIngress',
      Properties: {
        GroupId: { 'Fn::GetAtt': [a.loadBalancerSecurityGroupId, 'GroupId'] },
        IpProtocol: 'tcp',
        FromPort: port,
        ToPort: port,
        CidrIp: '0.0.0.0/0',
        Description: 'test traffic of gradual deployments',
      },
    },
    a.at,
  );
  return id;
}
