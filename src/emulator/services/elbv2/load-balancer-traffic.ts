/**
 * HTTP through a local load balancer. Functions running in the local Lambda reach an emulated
 * ALB by its DNS name (the Lambda runtime routes `*.elb.amazonaws.com` requests here, see
 * lambda/runtime/bootstrap-source.ts): the listener on the port is found, its rules evaluated in
 * priority order, and the action answered — a fixed response or redirect as configured, a forward
 * by the rule's target-group weights (weighted round robin) to a healthy target, or 503 when the
 * chosen group has none (as an ALB does). No container runs here, so a healthy target answers with
 * a plain-text line naming the simulated task that "served" it.
 */
import type { HttpResponseData } from '../../core/backends.js';
import type { ElbAction, Elbv2Store, RuleRecord } from './elbv2-store.js';

interface Condition {
  Field?: string;
  Values?: string[];
  PathPatternConfig?: { Values?: string[] };
  HostHeaderConfig?: { Values?: string[] };
  HttpRequestMethodConfig?: { Values?: string[] };
}

function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function matches(condition: Condition, request: { host: string; method: string; path: string }): boolean {
  const values = (config?: { Values?: string[] }) => config?.Values ?? condition.Values ?? [];
  switch (condition.Field) {
    case 'path-pattern':
      return values(condition.PathPatternConfig).some((v) => wildcard(v).test(request.path));
    case 'host-header':
      return values(condition.HostHeaderConfig).some((v) => wildcard(v).test(request.host));
    case 'http-request-method':
      return values(condition.HttpRequestMethodConfig).some((v) => v.toUpperCase() === request.method.toUpperCase());
    default:
      // Conditions the local cloud does not evaluate (headers, query strings, source IPs) never match.
      return false;
  }
}

export class LoadBalancerTraffic {
  /** Weighted round robin state per rule: requests served so far. */
  private readonly served = new Map<string, number>();

  constructor(private readonly store: Elbv2Store) {}

  route(request: { host: string; port: number; method: string; path: string }): HttpResponseData {
    const lb = this.store.listLoadBalancers().find((l) => l.DNSName.toLowerCase() === request.host.toLowerCase());
    if (!lb) return text(502, `stp local cloud: no load balancer is named ${request.host}`);
    const listener = this.store.listListeners().find((l) => l.LoadBalancerArn === lb.LoadBalancerArn && l.Port === request.port);
    // No listener on the port: the connection is refused on AWS; the closest HTTP answer is 503.
    if (!listener) return text(503, `stp local cloud: ${lb.LoadBalancerName} has no listener on port ${request.port}`);
    const rules = this.store
      .listRules()
      .filter((r) => r.ListenerArn === listener.ListenerArn)
      .sort((a, b) => (a.IsDefault ? 1 : b.IsDefault ? -1 : Number(a.Priority) - Number(b.Priority)));
    const rule = rules.find((r) => r.IsDefault || (r.Conditions as Condition[]).every((c) => matches(c, request)));
    if (!rule) return text(503, 'stp local cloud: no rule matched');
    return this.act(rule, [...rule.Actions].sort((a, b) => (a.Order ?? 0) - (b.Order ?? 0)).find((a) => a.Type !== 'authenticate-oidc' && a.Type !== 'authenticate-cognito'));
  }

  private act(rule: RuleRecord, action: ElbAction | undefined): HttpResponseData {
    if (!action) return text(503, 'stp local cloud: the rule has no action');
    if (action.Type === 'fixed-response') {
      const config = (action.FixedResponseConfig ?? {}) as { StatusCode?: string; ContentType?: string; MessageBody?: string };
      return { status: Number(config.StatusCode ?? 200), headers: { 'content-type': config.ContentType ?? 'text/plain' }, body: config.MessageBody ?? '' };
    }
    if (action.Type === 'redirect') {
      const config = (action.RedirectConfig ?? {}) as { StatusCode?: string; Host?: string; Path?: string; Protocol?: string };
      return { status: config.StatusCode === 'HTTP_302' ? 302 : 301, headers: { location: `${(config.Protocol ?? 'https').toLowerCase()}://${config.Host ?? '#{host}'}${config.Path ?? '/#{path}'}` } };
    }
    const groups = action.ForwardConfig?.TargetGroups ?? [];
    const total = groups.reduce((sum, g) => sum + g.Weight, 0);
    if (total === 0) return text(503, 'stp local cloud: every target group of the rule has weight 0');
    // Weighted round robin: request n goes to the group whose cumulative weight covers n mod total.
    const n = this.served.get(rule.RuleArn) ?? 0;
    this.served.set(rule.RuleArn, n + 1);
    let slot = n % total;
    const chosen = groups.find((g) => (slot -= g.Weight) < 0)!;
    const group = this.store.targetGroup(chosen.TargetGroupArn);
    const healthy = group?.targets.filter((t) => t.state === 'healthy') ?? [];
    if (!group || healthy.length === 0) return text(503, `stp local cloud: target group ${group?.TargetGroupName ?? chosen.TargetGroupArn} has no healthy targets`);
    const target = healthy[n % healthy.length]!;
    return text(200, `stp local cloud: served by simulated task ${target.Id}:${target.Port ?? group.Port ?? ''} of target group ${group.TargetGroupName} (no container runs locally)`);
  }
}

function text(status: number, body: string): HttpResponseData {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `${body}\n` };
}
