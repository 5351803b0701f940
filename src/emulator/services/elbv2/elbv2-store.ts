/**
 * The local Elastic Load Balancing v2 state: load balancers, listeners (each with its default
 * rule), listener rules, target groups and their registered targets. CloudFormation's provisioners
 * create the records; ECS rewrites forward weights and registers task targets through this store,
 * so DescribeRules shows the traffic split an ECS deployment is at (the console's ground truth).
 */
import { randomBytes } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';

export interface ElbTargetGroupTuple {
  TargetGroupArn: string;
  Weight: number;
}

export interface ElbAction {
  Type: string;
  Order?: number;
  TargetGroupArn?: string;
  ForwardConfig?: { TargetGroups: ElbTargetGroupTuple[]; TargetGroupStickinessConfig?: { Enabled: boolean; DurationSeconds?: number } };
  [key: string]: unknown;
}

export interface LoadBalancerRecord {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  CanonicalHostedZoneId: string;
  CreatedTime: string;
  Scheme: string;
  VpcId?: string;
  Type: string;
  IpAddressType: string;
  SecurityGroups: string[];
  Subnets: string[];
  region: string;
}

export interface TargetRecord {
  Id: string;
  Port?: number;
  /** initial → healthy; draining while deregistering (removed afterwards). */
  state: 'initial' | 'healthy' | 'unhealthy' | 'draining';
}

export interface TargetGroupRecord {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol?: string;
  Port?: number;
  VpcId?: string;
  TargetType: string;
  HealthCheckPath?: string;
  HealthCheckProtocol?: string;
  targets: TargetRecord[];
  region: string;
}

export interface ListenerRecord {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port?: number;
  Protocol?: string;
  DefaultActions: ElbAction[];
  /** The listener's default rule (AWS gives every listener one). */
  defaultRuleArn: string;
}

export interface RuleRecord {
  RuleArn: string;
  ListenerArn: string;
  Priority: string;
  Conditions: unknown[];
  Actions: ElbAction[];
  IsDefault: boolean;
}

export interface Elbv2Snapshot {
  loadBalancers: LoadBalancerRecord[];
  targetGroups: TargetGroupRecord[];
  listeners: ListenerRecord[];
  rules: RuleRecord[];
}

function hex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString('hex').slice(0, length);
}

function notFound(code: string, message: string): AwsServiceError {
  return new AwsServiceError(code, message, 400);
}

/** Actions as ELBv2 stores them: a single-target forward also gets its ForwardConfig, as AWS returns. */
export function normaliseActions(actions: unknown): ElbAction[] {
  if (!Array.isArray(actions)) return [];
  return actions.map((raw, index) => {
    const action = { ...(raw as Record<string, unknown>) } as ElbAction;
    if (action.Order !== undefined) action.Order = Number(action.Order);
    else action.Order = index + 1;
    const forward = action.ForwardConfig as { TargetGroups?: { TargetGroupArn: string; Weight?: unknown }[] } | undefined;
    if (forward?.TargetGroups) {
      action.ForwardConfig = {
        ...(action.ForwardConfig as object),
        TargetGroups: forward.TargetGroups.map((t) => ({ TargetGroupArn: String(t.TargetGroupArn), Weight: t.Weight === undefined ? 1 : Number(t.Weight) })),
      } as ElbAction['ForwardConfig'];
      if (action.ForwardConfig!.TargetGroupStickinessConfig === undefined) action.ForwardConfig!.TargetGroupStickinessConfig = { Enabled: false };
      else action.ForwardConfig!.TargetGroupStickinessConfig.Enabled = String(action.ForwardConfig!.TargetGroupStickinessConfig.Enabled) === 'true';
    } else if (action.Type === 'forward' && typeof action.TargetGroupArn === 'string') {
      action.ForwardConfig = { TargetGroups: [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }], TargetGroupStickinessConfig: { Enabled: false } };
    }
    return action;
  });
}

export class Elbv2Store {
  private loadBalancers = new Map<string, LoadBalancerRecord>();
  private targetGroups = new Map<string, TargetGroupRecord>();
  private listeners = new Map<string, ListenerRecord>();
  private rules = new Map<string, RuleRecord>();
  private onChange: () => void;

  constructor(onChange: () => void = () => undefined) {
    this.onChange = onChange;
  }

  snapshot(): Elbv2Snapshot {
    return {
      loadBalancers: [...this.loadBalancers.values()],
      targetGroups: [...this.targetGroups.values()],
      listeners: [...this.listeners.values()],
      rules: [...this.rules.values()],
    };
  }

  restore(saved: Elbv2Snapshot): void {
    this.loadBalancers = new Map(saved.loadBalancers.map((r) => [r.LoadBalancerArn, r]));
    this.targetGroups = new Map(saved.targetGroups.map((r) => [r.TargetGroupArn, r]));
    this.listeners = new Map(saved.listeners.map((r) => [r.ListenerArn, r]));
    this.rules = new Map(saved.rules.map((r) => [r.RuleArn, r]));
  }

  putLoadBalancer(record: LoadBalancerRecord): void {
    this.loadBalancers.set(record.LoadBalancerArn, record);
    this.onChange();
  }

  deleteLoadBalancer(arn: string): void {
    this.loadBalancers.delete(arn);
    for (const listener of [...this.listeners.values()]) if (listener.LoadBalancerArn === arn) this.deleteListener(listener.ListenerArn);
    this.onChange();
  }

  putTargetGroup(record: Omit<TargetGroupRecord, 'targets'> & { targets?: TargetRecord[] }): void {
    const existing = this.targetGroups.get(record.TargetGroupArn);
    this.targetGroups.set(record.TargetGroupArn, { ...record, targets: record.targets ?? existing?.targets ?? [] });
    this.onChange();
  }

  deleteTargetGroup(arn: string): void {
    this.targetGroups.delete(arn);
    this.onChange();
  }

  /** A listener and its default rule (`…:listener-rule/app/<lb>/<id>/<listener id>/<rule id>`). */
  putListener(record: Omit<ListenerRecord, 'defaultRuleArn'>): ListenerRecord {
    const existing = this.listeners.get(record.ListenerArn);
    const defaultRuleArn = existing?.defaultRuleArn ?? `${record.ListenerArn.replace(':listener/', ':listener-rule/')}/${hex(16)}`;
    const listener: ListenerRecord = { ...record, DefaultActions: normaliseActions(record.DefaultActions), defaultRuleArn };
    this.listeners.set(record.ListenerArn, listener);
    this.rules.set(defaultRuleArn, {
      RuleArn: defaultRuleArn,
      ListenerArn: record.ListenerArn,
      Priority: 'default',
      Conditions: [],
      Actions: listener.DefaultActions,
      IsDefault: true,
    });
    this.onChange();
    return listener;
  }

  deleteListener(arn: string): void {
    const listener = this.listeners.get(arn);
    if (!listener) return;
    this.listeners.delete(arn);
    for (const rule of [...this.rules.values()]) if (rule.ListenerArn === arn) this.rules.delete(rule.RuleArn);
    this.onChange();
  }

  newRuleArn(listenerArn: string): string {
    return `${listenerArn.replace(':listener/', ':listener-rule/')}/${hex(16)}`;
  }

  putRule(record: RuleRecord): void {
    this.rules.set(record.RuleArn, { ...record, Actions: normaliseActions(record.Actions) });
    this.onChange();
  }

  deleteRule(arn: string): void {
    this.rules.delete(arn);
    this.onChange();
  }

  loadBalancer(arn: string): LoadBalancerRecord | undefined {
    return this.loadBalancers.get(arn);
  }

  listLoadBalancers(): LoadBalancerRecord[] {
    return [...this.loadBalancers.values()];
  }

  targetGroup(arn: string): TargetGroupRecord | undefined {
    return this.targetGroups.get(arn);
  }

  listTargetGroups(): TargetGroupRecord[] {
    return [...this.targetGroups.values()];
  }

  listener(arn: string): ListenerRecord | undefined {
    return this.listeners.get(arn);
  }

  listListeners(): ListenerRecord[] {
    return [...this.listeners.values()];
  }

  rule(arn: string): RuleRecord | undefined {
    return this.rules.get(arn);
  }

  listRules(): RuleRecord[] {
    return [...this.rules.values()];
  }

  /** The load balancers whose listeners forward to a target group. */
  loadBalancersOf(targetGroupArn: string): string[] {
    const arns = new Set<string>();
    for (const rule of this.rules.values()) {
      if (!rule.Actions.some((a) => a.ForwardConfig?.TargetGroups.some((t) => t.TargetGroupArn === targetGroupArn) || a.TargetGroupArn === targetGroupArn)) continue;
      const listener = this.listeners.get(rule.ListenerArn);
      if (listener) arns.add(listener.LoadBalancerArn);
    }
    return [...arns];
  }

  /**
   * Rewrites the forward weights of a rule (or, for a listener ARN, its default action), as ECS does
   * while shifting traffic: only the weights change, the order of the target groups stays. A
   * target group the rule does not forward to yet is added (ECS accepts single-target rules).
   */
  setForwardWeights(ruleOrListenerArn: string, weights: Record<string, number>): void {
    const listener = this.listeners.get(ruleOrListenerArn);
    const rule = listener ? this.rules.get(listener.defaultRuleArn) : this.rules.get(ruleOrListenerArn);
    if (!rule) throw notFound('RuleNotFound', `One or more rules not found: '${ruleOrListenerArn}'`);
    const forward = rule.Actions.find((a) => a.Type === 'forward');
    if (!forward) throw new AwsServiceError('InvalidConfigurationRequest', `Rule '${rule.RuleArn}' has no forward action to shift traffic on.`);
    const tuples = forward.ForwardConfig?.TargetGroups ?? [];
    for (const [arn, weight] of Object.entries(weights)) {
      const tuple = tuples.find((t) => t.TargetGroupArn === arn);
      if (tuple) tuple.Weight = weight;
      else tuples.push({ TargetGroupArn: arn, Weight: weight });
    }
    forward.ForwardConfig = { TargetGroupStickinessConfig: { Enabled: false }, ...forward.ForwardConfig, TargetGroups: tuples };
    delete forward.TargetGroupArn;
    if (rule.IsDefault) {
      const owner = this.listeners.get(rule.ListenerArn);
      if (owner) owner.DefaultActions = rule.Actions;
    }
    this.onChange();
  }

  /** The forward weights of a rule or listener, by target group ARN. */
  forwardWeights(ruleOrListenerArn: string): Record<string, number> {
    const listener = this.listeners.get(ruleOrListenerArn);
    const rule = listener ? this.rules.get(listener.defaultRuleArn) : this.rules.get(ruleOrListenerArn);
    const forward = rule?.Actions.find((a) => a.Type === 'forward');
    return Object.fromEntries((forward?.ForwardConfig?.TargetGroups ?? []).map((t) => [t.TargetGroupArn, t.Weight]));
  }

  registerTarget(targetGroupArn: string, target: { Id: string; Port?: number }): void {
    const group = this.targetGroups.get(targetGroupArn);
    if (!group) return;
    group.targets = group.targets.filter((t) => t.Id !== target.Id);
    group.targets.push({ ...target, state: 'healthy' });
    this.onChange();
  }

  deregisterTarget(targetGroupArn: string, id: string): void {
    const group = this.targetGroups.get(targetGroupArn);
    if (!group) return;
    group.targets = group.targets.filter((t) => t.Id !== id);
    this.onChange();
  }
}
