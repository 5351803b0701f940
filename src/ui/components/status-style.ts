/**
 * A CloudFormation resource or stack status as the console shows it: failed ✗ red, rolling back or
 * rolled back ↺ yellow, in progress (a spinner frame) cyan, complete ✓ green, pending · dim. The
 * symbol and the status word carry the meaning without colour.
 */
export type StatusKind = 'failed' | 'rollback' | 'in-progress' | 'complete' | 'pending';

export interface StatusStyle {
  kind: StatusKind;
  /** For in-progress: undefined (the caller draws its spinner frame). */
  symbol?: string;
  color?: 'red' | 'yellow' | 'cyan' | 'green';
  dim?: boolean;
}

export function statusKind(status: string | undefined): StatusKind {
  if (!status) return 'pending';
  if (status.endsWith('_FAILED')) return 'failed';
  if (status.includes('ROLLBACK')) return 'rollback';
  if (status.endsWith('_IN_PROGRESS')) return 'in-progress';
  return 'complete';
}

export function statusStyle(status: string | undefined): StatusStyle {
  const kind = statusKind(status);
  switch (kind) {
    case 'failed':
      return { kind, symbol: '✗', color: 'red' };
    case 'rollback':
      return { kind, symbol: '↺', color: 'yellow' };
    case 'in-progress':
      return { kind, color: 'cyan' };
    case 'complete':
      return { kind, symbol: '✓', color: 'green' };
    case 'pending':
      return { kind, symbol: '·', dim: true };
  }
}
