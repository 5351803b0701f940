/**
 * The events pane's rows as data (no React): one row per resource with its latest status, nested
 * stacks' resources under the nested stack's row (a tree, by the stack id CloudFormation gives the
 * nested stack as physical id), the plan's resources not yet started as pending rows, and each
 * row's duration measured on CloudFormation's clock (`stackClock`), so a replay shows the same.
 */
import type { PlannedChange } from '../../engine/events.js';
import type { ResourceRow } from '../../engine/session/session-store.js';
import { statusStyle, type StatusStyle } from '../components/status-style.js';

export interface EventRow {
  key: string;
  logicalId: string;
  owner?: string;
  resourceType: string;
  /** Undefined while pending (planned, nothing heard yet). */
  status?: string;
  reason?: string;
  depth: number;
  /** Tree glyphs before the row (`  └ `); empty for the root stack's resources. */
  prefix: string;
  durationMs?: number;
  /** Still in progress: the duration so far. */
  running: boolean;
  /** Its latest event came during the stack's rollback. */
  rollback?: boolean;
  /** It failed in this session (kept after the rollback reverted it). */
  failure?: { status: string; reason?: string };
  /** The plan replaces it: a delete is of the old one. */
  replaced?: boolean;
}

/** Reasons CloudFormation repeats on every start: noise in a one-line row. */
const ROUTINE_REASON = /^Resource (creation|update|deletion) Initiated$/;

/** CloudFormation's wrappers around the message that matters, dropped in a one-line row (the first cause keeps them). */
const REASON_WRAPPERS = [/^Received response status \[FAILED\] from custom resource\. Message returned: /, /^Resource handler returned message: /];

export function conciseReason(reason: string): string {
  return REASON_WRAPPERS.reduce((text, wrapper) => text.replace(wrapper, ''), reason);
}

function duration(row: ResourceRow, clock: string | undefined): { durationMs?: number; running: boolean } {
  const running = row.status.endsWith('_IN_PROGRESS');
  const start = Date.parse(row.startedAt ?? row.at);
  const end = Date.parse(running ? (clock ?? row.at) : row.at);
  if (Number.isNaN(start) || Number.isNaN(end)) return { running };
  return { durationMs: Math.max(0, end - start), running };
}

export function eventRows(resources: Record<string, ResourceRow>, changes: readonly PlannedChange[] = [], clock?: string): EventRow[] {
  const entries = Object.entries(resources);
  const byStack = new Map<string, [string, ResourceRow][]>();
  const nestedIds = new Set<string>();
  for (const [, row] of entries) if (row.resourceType === 'AWS::CloudFormation::Stack' && row.physicalId) nestedIds.add(row.physicalId);
  const roots: [string, ResourceRow][] = [];
  for (const entry of entries) {
    const row = entry[1];
    if ((row.depth ?? 0) > 0 && row.stackId && nestedIds.has(row.stackId)) {
      const list = byStack.get(row.stackId) ?? [];
      list.push(entry);
      byStack.set(row.stackId, list);
    } else roots.push(entry);
  }
  const order = (a: [string, ResourceRow], b: [string, ResourceRow]) => (a[1].firstSeq ?? 0) - (b[1].firstSeq ?? 0);
  const out: EventRow[] = [];
  const replacing = new Set(changes.filter((c) => c.action === 'replace' || c.action === 'may-replace').map((c) => c.logicalId));
  const visit = (list: [string, ResourceRow][], level: number, seen: Set<string>) => {
    list.sort(order).forEach(([key, row], index) => {
      const last = index === list.length - 1;
      const latest = row.reason && !ROUTINE_REASON.test(row.reason) ? row.reason : undefined;
      const full = row.failure?.reason ?? latest;
      const reason = full === undefined ? undefined : conciseReason(full);
      out.push({
        key,
        logicalId: row.logicalId,
        ...(row.owner ? { owner: row.owner } : {}),
        resourceType: row.resourceType,
        status: row.status,
        ...(reason ? { reason } : {}),
        depth: level,
        prefix: level === 0 ? '' : `${'  '.repeat(level - 1)}${last ? '└ ' : '├ '}`,
        ...duration(row, clock),
        ...(row.rollback ? { rollback: true } : {}),
        ...(row.failure ? { failure: { status: row.failure.status, ...(row.failure.reason ? { reason: row.failure.reason } : {}) } } : {}),
        ...(level === 0 && replacing.has(row.logicalId) ? { replaced: true } : {}),
      });
      const children = row.physicalId ? byStack.get(row.physicalId) : undefined;
      if (children && !seen.has(row.physicalId!)) visit(children, level + 1, new Set([...seen, row.physicalId!]));
    });
  };
  visit(roots, 0, new Set());
  const known = new Set(entries.filter(([, row]) => (row.depth ?? 0) === 0).map(([, row]) => row.logicalId));
  for (const change of changes) {
    if (known.has(change.logicalId)) continue;
    out.push({ key: `planned:${change.logicalId}`, logicalId: change.logicalId, ...(change.owner ? { owner: change.owner } : {}), resourceType: change.resourceType, depth: 0, prefix: '', running: false });
  }
  return out;
}

/** `0.4s`, `12.0s`, `3m05s`, `1h02m`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** How a row's status looks: a failure stays a failure after the rollback reverts it; what the rollback touched is ↺. */
export function rowStyle(row: Pick<EventRow, 'status' | 'rollback' | 'failure'>): StatusStyle {
  if (row.failure) return { kind: 'failed', symbol: '✗', color: 'red' };
  const base = statusStyle(row.status);
  if (!row.rollback || base.kind === 'failed') return base;
  return base.kind === 'in-progress' ? { ...base, color: 'yellow' } : { kind: 'rollback', symbol: '↺', color: 'yellow' };
}

/**
 * The status word(s): `UPDATE_FAILED ↺` for a failure the rollback has since reverted;
 * `DELETE_COMPLETE (old)` for a replaced resource's predecessor going in the cleanup; a planned
 * resource nothing happened to is `pending`, then `unchanged` after a success (a conditional
 * replacement that did not happen) or `not reached` after anything else.
 */
export function rowStatusText(row: Pick<EventRow, 'status' | 'failure' | 'replaced'>, outcome?: string): string {
  if (!row.status) return outcome === undefined ? 'pending' : outcome === 'succeeded' ? 'unchanged' : 'not reached';
  if (row.failure && row.failure.status !== row.status) return `${row.failure.status} ↺`;
  if (row.replaced && row.status.startsWith('DELETE_')) return `${row.status} (old)`;
  return row.status;
}
