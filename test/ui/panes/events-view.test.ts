import { describe, expect, it } from 'vitest';
import { conciseReason, eventRows, formatDuration, rowStatusText, rowStyle } from '../../../src/ui/panes/events-view.js';

describe('events view', () => {
  it('formats durations for a glance', () => {
    expect([0, 400, 12_000, 59_949, 185_000, 3_720_000].map(formatDuration)).toEqual(['0.0s', '0.4s', '12.0s', '59.9s', '3m05s', '1h02m']);
  });

  it('a failure reverted by the rollback stays a failure; what the rollback touched is ↺; pending becomes "not reached" at the end', () => {
    expect(rowStatusText({ status: 'UPDATE_COMPLETE', failure: { status: 'UPDATE_FAILED' } })).toBe('UPDATE_FAILED ↺');
    expect(rowStatusText({ status: 'UPDATE_FAILED', failure: { status: 'UPDATE_FAILED' } })).toBe('UPDATE_FAILED');
    expect(rowStatusText({})).toBe('pending');
    expect(rowStatusText({}, 'rolled-back')).toBe('not reached');
    expect(rowStatusText({}, 'succeeded')).toBe('unchanged');
    expect(rowStatusText({ status: 'DELETE_COMPLETE', replaced: true })).toBe('DELETE_COMPLETE (old)');
    expect(rowStatusText({ status: 'DELETE_COMPLETE' })).toBe('DELETE_COMPLETE');
    expect(rowStyle({ status: 'UPDATE_COMPLETE', failure: { status: 'UPDATE_FAILED' } })).toMatchObject({ symbol: '✗', color: 'red' });
    expect(rowStyle({ status: 'UPDATE_COMPLETE', rollback: true })).toMatchObject({ symbol: '↺', color: 'yellow' });
    expect(rowStyle({ status: 'UPDATE_IN_PROGRESS', rollback: true })).toEqual({ kind: 'in-progress', color: 'yellow' });
  });

  it('hides the routine "Initiated" reason, keeps real ones, and lists planned resources not heard of after the rest', () => {
    const rows = eventRows(
      {
        B: { logicalId: 'B', resourceType: 'AWS::SNS::Topic', status: 'CREATE_IN_PROGRESS', reason: 'Resource creation Initiated', at: '2026-12-06T10:00:01.000Z', startedAt: '2026-12-06T10:00:00.000Z', firstSeq: 2, depth: 0 },
        A: { logicalId: 'A', resourceType: 'AWS::SNS::Topic', status: 'CREATE_FAILED', reason: 'name taken', at: '2026-12-06T10:00:02.000Z', startedAt: '2026-12-06T10:00:00.500Z', firstSeq: 1, depth: 0 },
      },
      [
        { logicalId: 'A', resourceType: 'AWS::SNS::Topic', action: 'add', causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false },
        { logicalId: 'C', owner: 'c', resourceType: 'AWS::SQS::Queue', action: 'add', causes: [], dataLoss: false, securityBroadening: false, protectedViolation: false },
      ],
      '2026-12-06T10:00:04.000Z',
    );
    expect(rows.map((r) => [r.key, r.status, r.reason, r.durationMs, r.running])).toEqual([
      ['A', 'CREATE_FAILED', 'name taken', 1500, false],
      ['B', 'CREATE_IN_PROGRESS', undefined, 4000, true],
      ['planned:C', undefined, undefined, undefined, false],
    ]);
    expect(rows[2]!.owner).toBe('c');
  });

  it("drops CloudFormation's wrappers from a row's reason", () => {
    expect(conciseReason('Received response status [FAILED] from custom resource. Message returned: boom (RequestId: 1)')).toBe('boom (RequestId: 1)');
    expect(conciseReason('Resource handler returned message: "Queue exists"')).toBe('"Queue exists"');
    expect(conciseReason('Property X is invalid')).toBe('Property X is invalid');
  });
});
