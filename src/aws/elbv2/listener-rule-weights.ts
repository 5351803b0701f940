/**
 * The production traffic split as the load balancer applies it: the forward action's target-group
 * weights of a listener rule (ALB), or of a listener's default action (NLB, or a default rule).
 * This is the ground truth ECS rewrites while it shifts traffic.
 */
import { DescribeListenersCommand, DescribeRulesCommand, type Action, type ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/** Target group ARN → weight; empty when the rule does not forward to weighted target groups. */
export async function listenerRuleWeights(elbv2: ElasticLoadBalancingV2Client, ruleOrListenerArn: string, call: Call = (fn) => fn()): Promise<Map<string, number>> {
  if (/:listener\//.test(ruleOrListenerArn)) {
    const out = await call(() => elbv2.send(new DescribeListenersCommand({ ListenerArns: [ruleOrListenerArn] })));
    return forwardWeights(out.Listeners?.[0]?.DefaultActions ?? []);
  }
  const out = await call(() => elbv2.send(new DescribeRulesCommand({ RuleArns: [ruleOrListenerArn] })));
  return forwardWeights(out.Rules?.[0]?.Actions ?? []);
}

export function forwardWeights(actions: Action[]): Map<string, number> {
  const weights = new Map<string, number>();
  const forward = actions.find((action) => action.Type === 'forward');
  if (!forward) return weights;
  const groups = forward.ForwardConfig?.TargetGroups ?? [];
  if (groups.length === 0 && forward.TargetGroupArn) weights.set(forward.TargetGroupArn, 1);
  for (const group of groups) if (group.TargetGroupArn) weights.set(group.TargetGroupArn, group.Weight ?? 1);
  return weights;
}
