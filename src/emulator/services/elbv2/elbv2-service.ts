/**
 * Elastic Load Balancing v2 (awsQuery/XML), the read side a deploy console needs plus ModifyRule:
 * DescribeLoadBalancers, DescribeListeners, DescribeRules, DescribeTargetGroups,
 * DescribeTargetHealth, ModifyRule. Resources come from CloudFormation (elbv2-provisioners.ts);
 * ECS shifts forward weights through the store while a deployment runs.
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorContext, EmulatorService } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import { Elbv2Store, normaliseActions, type Elbv2Snapshot, type ListenerRecord, type RuleRecord } from './elbv2-store.js';

export const ELBV2_STATE_NAMESPACE = 'elbv2';

type Input = Record<string, unknown>;

function list(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === '') return undefined;
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

function str(input: Input, name: string): string | undefined {
  const value = input[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationError', message, 400);
}

function listenerView(listener: ListenerRecord) {
  return {
    ListenerArn: listener.ListenerArn,
    LoadBalancerArn: listener.LoadBalancerArn,
    Port: listener.Port,
    Protocol: listener.Protocol,
    DefaultActions: listener.DefaultActions,
  };
}

function ruleView(rule: RuleRecord) {
  return { RuleArn: rule.RuleArn, Priority: rule.Priority, Conditions: rule.Conditions, Actions: rule.Actions, IsDefault: rule.IsDefault };
}

function hasStateStore(ctx: EmulatorContext): ctx is EmulatorRuntimeContext {
  return typeof (ctx as Partial<EmulatorRuntimeContext>).state?.register === 'function';
}

export function createElbv2Service(ctx: EmulatorContext): { service: EmulatorService; store: Elbv2Store } {
  const store = new Elbv2Store(() => (hasStateStore(ctx) ? ctx.state.markDirty() : undefined));
  if (hasStateStore(ctx)) {
    ctx.state.register<Elbv2Snapshot>(ELBV2_STATE_NAMESPACE, { serialize: () => store.snapshot(), restore: (saved) => store.restore(saved) });
  }

  const handlers: Record<string, (input: Input) => unknown> = {
    DescribeLoadBalancers(input) {
      const arns = list(input, 'LoadBalancerArns');
      const names = list(input, 'Names');
      const all = store.listLoadBalancers();
      const found = arns ? arns.map((arn) => all.find((lb) => lb.LoadBalancerArn === arn)) : names ? names.map((name) => all.find((lb) => lb.LoadBalancerName === name)) : all;
      if (found.some((lb) => lb === undefined)) throw new AwsServiceError('LoadBalancerNotFound', 'One or more load balancers not found', 400);
      return {
        LoadBalancers: found.map((lb) => ({
          LoadBalancerArn: lb!.LoadBalancerArn,
          DNSName: lb!.DNSName,
          CanonicalHostedZoneId: lb!.CanonicalHostedZoneId,
          CreatedTime: lb!.CreatedTime,
          LoadBalancerName: lb!.LoadBalancerName,
          Scheme: lb!.Scheme,
          VpcId: lb!.VpcId,
          State: { Code: 'active' },
          Type: lb!.Type,
          AvailabilityZones: lb!.Subnets.map((subnet, i) => ({ ZoneName: `${lb!.region}${'abc'[i % 3]}`, SubnetId: subnet })),
          SecurityGroups: lb!.SecurityGroups,
          IpAddressType: lb!.IpAddressType,
        })),
      };
    },
    DescribeListeners(input) {
      const arns = list(input, 'ListenerArns');
      const lb = str(input, 'LoadBalancerArn');
      if (!arns && !lb) throw validation('You must specify either listener ARNs or a load balancer ARN');
      if (lb && !store.loadBalancer(lb)) throw new AwsServiceError('LoadBalancerNotFound', `Load balancer '${lb}' not found`, 400);
      const listeners = arns ? arns.map((arn) => store.listener(arn)) : store.listListeners().filter((l) => l.LoadBalancerArn === lb);
      if (listeners.some((l) => l === undefined)) throw new AwsServiceError('ListenerNotFound', 'One or more listeners not found', 400);
      return { Listeners: listeners.map((l) => listenerView(l!)) };
    },
    DescribeRules(input) {
      const arns = list(input, 'RuleArns');
      const listenerArn = str(input, 'ListenerArn');
      if (!arns && !listenerArn) throw validation('You must specify either listener rule ARNs or a listener ARN');
      if (listenerArn && !store.listener(listenerArn)) throw new AwsServiceError('ListenerNotFound', `Listener '${listenerArn}' not found`, 400);
      const rules = arns
        ? arns.map((arn) => store.rule(arn))
        : store
            .listRules()
            .filter((r) => r.ListenerArn === listenerArn)
            // AWS lists rules by priority, the default rule last.
            .sort((a, b) => (a.IsDefault ? 1 : b.IsDefault ? -1 : Number(a.Priority) - Number(b.Priority)));
      if (rules.some((r) => r === undefined)) throw new AwsServiceError('RuleNotFound', 'One or more rules not found', 400);
      return { Rules: rules.map((r) => ruleView(r!)) };
    },
    DescribeTargetGroups(input) {
      const arns = list(input, 'TargetGroupArns');
      const names = list(input, 'Names');
      const lb = str(input, 'LoadBalancerArn');
      const all = store.listTargetGroups();
      const found = arns
        ? arns.map((arn) => all.find((tg) => tg.TargetGroupArn === arn))
        : names
          ? names.map((name) => all.find((tg) => tg.TargetGroupName === name))
          : lb
            ? all.filter((tg) => store.loadBalancersOf(tg.TargetGroupArn).includes(lb))
            : all;
      if (found.some((tg) => tg === undefined)) throw new AwsServiceError('TargetGroupNotFound', 'One or more target groups not found', 400);
      return {
        TargetGroups: found.map((tg) => ({
          TargetGroupArn: tg!.TargetGroupArn,
          TargetGroupName: tg!.TargetGroupName,
          Protocol: tg!.Protocol,
          Port: tg!.Port,
          VpcId: tg!.VpcId,
          HealthCheckProtocol: tg!.HealthCheckProtocol ?? tg!.Protocol,
          HealthCheckPath: tg!.HealthCheckPath ?? '/',
          HealthCheckEnabled: true,
          LoadBalancerArns: store.loadBalancersOf(tg!.TargetGroupArn),
          TargetType: tg!.TargetType,
        })),
      };
    },
    DescribeTargetHealth(input) {
      const arn = str(input, 'TargetGroupArn');
      if (!arn) throw validation("1 validation error detected: Value null at 'targetGroupArn' failed to satisfy constraint: Member must not be null");
      const group = store.targetGroup(arn);
      if (!group) throw new AwsServiceError('TargetGroupNotFound', `Target groups '${arn}' not found`, 400);
      return {
        TargetHealthDescriptions: group.targets.map((t) => ({
          Target: { Id: t.Id, Port: t.Port },
          HealthCheckPort: String(t.Port ?? group.Port ?? ''),
          TargetHealth: t.state === 'healthy' ? { State: 'healthy' } : { State: t.state, Reason: t.state === 'initial' ? 'Elb.RegistrationInProgress' : 'Target.Timeout' },
        })),
      };
    },
    ModifyRule(input) {
      const arn = str(input, 'RuleArn');
      if (!arn) throw validation("1 validation error detected: Value null at 'ruleArn' failed to satisfy constraint: Member must not be null");
      const rule = store.rule(arn);
      if (!rule) throw new AwsServiceError('RuleNotFound', `One or more rules not found`, 400);
      const actions = input.Actions === undefined || input.Actions === '' ? rule.Actions : normaliseActions(input.Actions);
      for (const action of actions) {
        for (const t of action.ForwardConfig?.TargetGroups ?? []) {
          if (!store.targetGroup(t.TargetGroupArn)) throw new AwsServiceError('TargetGroupNotFound', `Target groups '${t.TargetGroupArn}' not found`, 400);
          if (!Number.isInteger(t.Weight) || t.Weight < 0 || t.Weight > 999) throw validation(`Target group weight must be between 0 and 999, got ${t.Weight}`);
        }
      }
      const conditions = input.Conditions === undefined || input.Conditions === '' ? rule.Conditions : (input.Conditions as unknown[]);
      store.putRule({ ...rule, Actions: actions, Conditions: conditions });
      return { Rules: [ruleView(store.rule(arn)!)] };
    },
  };

  return {
    store,
    service: {
      signingName: 'elasticloadbalancing',
      async handle(operation, input) {
        const handler = handlers[operation];
        if (!handler) throw new UnsupportedOperationError('elasticloadbalancing', operation);
        return handler(input);
      },
    },
  };
}
