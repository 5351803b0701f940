import type { CfnValue } from '../compile-contract.js';
import type { CompileContext, ConfigPath } from '../compile-context.js';
import type { ResourceView } from '../resource-compiler.js';

/** The routing part of an `application-load-balancer` event (function or container). */
export interface AlbRouting {
  loadBalancerName: string;
  priority: number;
  listenerPort?: number;
  paths?: string[];
  methods?: string[];
  hosts?: string[];
  headers?: Record<string, unknown>[];
  queryParams?: Record<string, unknown>[];
  sourceIps?: string[];
}

/**
 * The listener an event attaches to: `listenerPort`, else the load balancer's only listener, else
 * port 80 (a load balancer without `listeners` gets one HTTP listener on 80 — compile-data's
 * application-load-balancer compiler names it `ctx.names.listener(lb, port)`).
 */
export function listenerPort(loadBalancer: ResourceView, routing: AlbRouting): number {
  if (typeof routing.listenerPort === 'number') return routing.listenerPort;
  const listeners = loadBalancer.properties.listeners as { port?: number }[] | undefined;
  if (Array.isArray(listeners) && listeners.length > 0 && typeof listeners[0]?.port === 'number') {
    return listeners[0].port;
  }
  return 80;
}

/** ELBv2 rule conditions from Stacktape's `paths`, `methods`, `hosts`, `headers`, `queryParams`, `sourceIps`. */
export function ruleConditions(ctx: CompileContext, routing: AlbRouting, at: ConfigPath): CfnValue[] {
  const conditions: CfnValue[] = [];
  if (routing.paths?.length) conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: routing.paths } });
  if (routing.methods?.length) {
    conditions.push({ Field: 'http-request-method', HttpRequestMethodConfig: { Values: routing.methods.map((m) => m.toUpperCase()) } });
  }
  if (routing.hosts?.length) conditions.push({ Field: 'host-header', HostHeaderConfig: { Values: routing.hosts } });
  for (const [i, h] of (routing.headers ?? []).entries()) {
    conditions.push({
      Field: 'http-header',
      HttpHeaderConfig: {
        HttpHeaderName: ctx.resolveValue(h.headerName, [...at, 'headers', i, 'headerName']),
        Values: ctx.resolveValue(h.values, [...at, 'headers', i, 'values']),
      },
    });
  }
  if (routing.queryParams?.length) {
    conditions.push({
      Field: 'query-string',
      QueryStringConfig: {
        Values: routing.queryParams.map((q, i) => ({
          Key: ctx.resolveValue(q.paramName, [...at, 'queryParams', i, 'paramName']),
          Value: ctx.resolveValue(q.value, [...at, 'queryParams', i, 'value']),
        })),
      },
    });
  }
  if (routing.sourceIps?.length) conditions.push({ Field: 'source-ip', SourceIpConfig: { Values: routing.sourceIps } });
  // A rule needs at least one condition; Stacktape's catch-all is a `/*` path pattern.
  if (conditions.length === 0) conditions.push({ Field: 'path-pattern', PathPatternConfig: { Values: ['/*'] } });
  return conditions;
}
