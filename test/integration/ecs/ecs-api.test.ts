/**
 * The ECS and ELBv2 APIs of the local cloud through the real SDK clients: what a deploy console
 * and the AWS CLI read (load balancers, listeners, rules, target groups and their healthy task
 * targets, tasks with their stop reasons) and the errors ECS gives for misuse.
 */
import {
  ContinueServiceDeploymentCommand,
  CreateServiceCommand,
  DescribeServiceRevisionsCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import {
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyRuleCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEcsStack, currentDeployment, physicalIds, ruleWeights, startEcsCloud, until, type EcsStack } from './ecs-stack.js';

let stack: EcsStack;
let ids: Record<string, string>;

beforeAll(async () => {
  stack = await startEcsCloud(600);
  expect(await createEcsStack(stack, { image: 'shop:v1', strategy: 'CANARY' })).toBe('CREATE_COMPLETE');
  ids = await physicalIds(stack);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

describe('ELBv2 on the local cloud', () => {
  it('describes the stack\'s load balancer, listeners, rules and target groups', async () => {
    const { LoadBalancers } = await stack.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [ids.Alb!] }));
    expect(LoadBalancers![0]).toMatchObject({ LoadBalancerName: 'shop-alb', Type: 'application', Scheme: 'internet-facing', State: { Code: 'active' } });
    expect(LoadBalancers![0]!.DNSName).toMatch(/^shop-alb-[0-9a-f]{10}\.us-east-1\.elb\.amazonaws\.com$/);
    const { Listeners } = await stack.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: ids.Alb }));
    expect(Listeners!.map((l) => l.Port).sort()).toEqual([80, 8080]);
    expect(ids.Prod).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:000000000000:listener\/app\/shop-alb\/[0-9a-f]{16}\/[0-9a-f]{16}$/);
    const { Rules } = await stack.elbv2.send(new DescribeRulesCommand({ ListenerArn: ids.Prod }));
    // The rule stp compiled, then the listener's default rule, last.
    expect(Rules!.map((r) => [r.Priority, r.IsDefault])).toEqual([['1', false], ['default', true]]);
    expect(Rules![0]!.Actions![0]!.ForwardConfig!.TargetGroups).toEqual([
      { TargetGroupArn: ids.Blue, Weight: 100 },
      { TargetGroupArn: ids.Green, Weight: 0 },
    ]);
    const { TargetGroups } = await stack.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: ids.Alb }));
    expect(TargetGroups!.map((t) => t.TargetGroupArn).sort()).toEqual([ids.Blue, ids.Green].sort());
  });

  it('the serving target group holds the running tasks as healthy targets', async () => {
    const { TargetHealthDescriptions } = await stack.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: ids.Blue }));
    expect(TargetHealthDescriptions).toHaveLength(2);
    expect(TargetHealthDescriptions!.every((t) => t.TargetHealth?.State === 'healthy' && t.Target?.Port === 80)).toBe(true);
    const { TargetHealthDescriptions: green } = await stack.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: ids.Green }));
    expect(green).toEqual([]);
  });

  it('ModifyRule rewrites forward weights and validates them', async () => {
    await stack.elbv2.send(
      new ModifyRuleCommand({
        RuleArn: ids.TestRule,
        Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: ids.Blue, Weight: 30 }, { TargetGroupArn: ids.Green, Weight: 70 }] } }],
      }),
    );
    expect(await ruleWeights(stack, 'TestRule')).toBe('30/70');
    await expect(
      stack.elbv2.send(new ModifyRuleCommand({ RuleArn: ids.TestRule, Actions: [{ Type: 'forward', ForwardConfig: { TargetGroups: [{ TargetGroupArn: ids.Blue, Weight: 1000 }] } }] })),
    ).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(stack.elbv2.send(new DescribeRulesCommand({ RuleArns: [`${ids.ProdRule}0`] }))).rejects.toMatchObject({ name: 'RuleNotFoundException' });
  });
});

describe('ECS API on the local cloud', () => {
  it('task definitions get revisions per family; DescribeTaskDefinition resolves family, family:revision and ARN', async () => {
    const registered = await stack.ecs.send(new RegisterTaskDefinitionCommand({ family: 'shop-web', containerDefinitions: [{ name: 'app', image: 'shop:v9' }] }));
    expect(registered.taskDefinition?.revision).toBe(2);
    expect(registered.taskDefinition?.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:000000000000:task-definition/shop-web:2');
    const latest = await stack.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'shop-web' }));
    expect(latest.taskDefinition?.containerDefinitions?.[0]?.image).toBe('shop:v9');
    const first = await stack.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'shop-web:1' }));
    expect(first.taskDefinition?.containerDefinitions?.[0]?.image).toBe('shop:v1');
    expect(first.taskDefinition?.registeredAt).toBeInstanceOf(Date);
  });

  it('CreateService refuses a PAUSE hook on TEST_TRAFFIC_SHIFT with InvalidParameterException', async () => {
    await expect(
      stack.ecs.send(
        new CreateServiceCommand({
          cluster: 'shop',
          serviceName: 'other',
          taskDefinition: 'shop-web:1',
          deploymentConfiguration: { strategy: 'CANARY', lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['TEST_TRAFFIC_SHIFT'] }] },
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterException', message: 'Pause hooks cannot be configured at the TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages.' });
  });

  it('the target revision resolves to the target group it serves from', async () => {
    const deployment = await currentDeployment(stack);
    const { serviceRevisions } = await stack.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [deployment!.targetServiceRevision!.arn!] }));
    expect(serviceRevisions![0]!.resolvedConfiguration?.loadBalancers?.[0]?.targetGroupArn).toBe(ids.Blue);
    expect(serviceRevisions![0]!.serviceRevisionArn).toMatch(/^arn:aws:ecs:us-east-1:000000000000:service-revision\/shop\/web\/\d{19}$/);
  });

  it('ContinueServiceDeployment on a finished deployment is refused', async () => {
    const deployment = await currentDeployment(stack);
    await expect(
      stack.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: deployment!.serviceDeploymentArn, hookId: 'ecs-pause-nope' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterException' });
  });

  it('StopTask stops a task with the given reason, and the scheduler replaces it', async () => {
    const { taskArns } = await stack.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'web' }));
    expect(taskArns).toHaveLength(2);
    const stopped = await stack.ecs.send(new StopTaskCommand({ cluster: 'shop', task: taskArns![0]!, reason: 'operator says so' }));
    expect(stopped.task?.desiredStatus).toBe('STOPPED');
    const settled = await until('the stopped task', async () => {
      const { tasks } = await stack.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: [taskArns![0]!] }));
      return tasks![0]!.lastStatus === 'STOPPED' ? tasks![0]! : undefined;
    });
    expect(settled.stoppedReason).toBe('operator says so');
    expect(settled.stopCode).toBe('UserInitiated');
    expect(settled.containers![0]!.exitCode).toBe(137);
    const running = await until('a replacement task', async () => {
      const { taskArns: now } = await stack.ecs.send(new ListTasksCommand({ cluster: 'shop', serviceName: 'web' }));
      const { tasks } = await stack.ecs.send(new DescribeTasksCommand({ cluster: 'shop', tasks: now! }));
      return tasks!.filter((t) => t.lastStatus === 'RUNNING').length === 2 ? now : undefined;
    });
    expect(running).not.toContain(taskArns![0]);
    // The replacement joins the target group once healthy (after RUNNING).
    const targets = await until('the replacement registered', async () => {
      const { TargetHealthDescriptions } = await stack.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: ids.Blue }));
      return TargetHealthDescriptions!.length === 2 ? TargetHealthDescriptions : undefined;
    });
    expect(targets.every((t) => t.TargetHealth?.State === 'healthy')).toBe(true);
  });
});
