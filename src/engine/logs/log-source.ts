/**
 * Which log group `stp logs <resource>` reads: a function's or a deployment script's Lambda log
 * group, a container's awslogs group (the main container unless `--container` names another), a
 * batch job's group. Derived from compile's resourceHandles, the names compile gives the stack.
 */
import type { ResourceHandles } from '../compile/compute-names.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { StpError } from '../../errors/stp-error.js';

export interface LogSource {
  /** The config resource (and container) the lines come from, e.g. `api` or `web/proxy`. */
  source: string;
  logGroupName: string;
  /** Lambda output: platform lines are dropped and the runtime's prefix stripped. */
  format: 'lambda' | 'raw';
}

export function resolveLogSource(handles: ResourceHandles, resource: string, container?: string): LogSource {
  const fn = handles.functions.find((f) => f.resourceName === resource);
  if (fn) {
    if (container !== undefined) throw usage(`"${resource}" is a ${fn.kind}, it has no containers`, `name it alone: stp logs ${resource}`);
    if (!fn.logGroupName) throw disabled(resource);
    return { source: resource, logGroupName: fn.logGroupName, format: 'lambda' };
  }
  const service = handles.services.find((s) => s.resourceName === resource);
  if (service) {
    const names = service.containers.map((c) => c.name);
    const chosen = container === undefined ? service.containers[0] : service.containers.find((c) => c.name === container);
    if (!chosen) {
      const suggestion = container !== undefined ? didYouMean(container, names) : undefined;
      throw usage(`"${resource}" has no container "${container}" (containers: ${names.join(', ')})`, suggestion ? `did you mean --container ${suggestion}?` : `pick one of: ${names.join(', ')}`);
    }
    if (!chosen.logGroupName) throw disabled(`${resource}/${chosen.name}`);
    return { source: container === undefined ? resource : `${resource}/${chosen.name}`, logGroupName: chosen.logGroupName, format: 'raw' };
  }
  const job = handles.batchJobs.find((j) => j.resourceName === resource);
  if (job) {
    if (!job.logGroupName) throw disabled(resource);
    return { source: resource, logGroupName: job.logGroupName, format: 'raw' };
  }
  const known = [...handles.functions.map((f) => f.resourceName), ...handles.services.map((s) => s.resourceName), ...handles.batchJobs.map((j) => j.resourceName)];
  const suggestion = didYouMean(resource, known);
  throw usage(
    `no resource "${resource}" with logs in this stack`,
    suggestion ? `did you mean "${suggestion}"?` : known.length > 0 ? `resources with logs: ${known.join(', ')}` : 'the stack has no functions, services, scripts or batch jobs',
  );
}

function usage(message: string, fix: string): StpError {
  return new StpError('usage', message, { code: 'STP_LOGS_UNKNOWN_SOURCE', fix });
}

function disabled(resource: string): StpError {
  return new StpError('config', `logging is disabled for "${resource}"`, { code: 'STP_LOGS_DISABLED', resource, fix: 'remove `logging: { disabled: true }` from the resource and deploy' });
}

/** `10m`, `90s`, `2h`, `1d` or an ISO time → epoch ms. */
export function parseSince(value: string, now: number): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(value.trim());
  if (m) return now - Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  const at = Date.parse(value);
  if (!Number.isNaN(at) && /^\d{4}-\d{2}-\d{2}/.test(value)) return at;
  throw new StpError('usage', `--since "${value}" is neither a duration (10m, 90s, 2h, 1d) nor an ISO time`, { code: 'STP_LOGS_BAD_SINCE', fix: 'e.g. --since 10m or --since 2026-01-01T12:00:00Z' });
}
