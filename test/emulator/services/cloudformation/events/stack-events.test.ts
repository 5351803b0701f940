import { describe, expect, it } from 'vitest';
import { StackEventLog } from '../../../../../src/emulator/services/cloudformation/events/stack-events.js';

function fill(log: StackEventLog, stackId: string, count: number): void {
  for (let i = 0; i < count; i++) {
    log.append(
      { StackId: stackId, StackName: 's', LogicalResourceId: `R${i}`, PhysicalResourceId: '', ResourceType: 'AWS::SNS::Topic', Timestamp: new Date(1_700_000_000_000 + i).toISOString(), ResourceStatus: 'CREATE_COMPLETE' },
      'resource',
    );
  }
}

describe('StackEventLog', () => {
  it('pages newest first with a NextToken until the oldest event', () => {
    const log = new StackEventLog();
    fill(log, 'stack-1', 250);
    const first = log.page('stack-1', undefined);
    expect(first.events).toHaveLength(100);
    expect(first.events[0]?.LogicalResourceId).toBe('R249');
    const second = log.page('stack-1', first.nextToken);
    expect(second.events[0]?.LogicalResourceId).toBe('R149');
    const third = log.page('stack-1', second.nextToken);
    expect(third.events.map((e) => e.LogicalResourceId).at(-1)).toBe('R0');
    expect(third.events).toHaveLength(50);
    expect(third.nextToken).toBeUndefined();
  });

  it('keeps a token valid while new events arrive (no duplicates, no gaps)', () => {
    const log = new StackEventLog();
    fill(log, 'stack-1', 150);
    const first = log.page('stack-1', undefined);
    fill(log, 'stack-1', 5);
    const second = log.page('stack-1', first.nextToken);
    expect(second.events.map((e) => e.LogicalResourceId)).toEqual(Array.from({ length: 50 }, (_, i) => `R${49 - i}`));
  });

  it('builds EventIds like CloudFormation: UUID for the stack, <LogicalId>-<STATUS>-<timestamp> for resources', () => {
    const log = new StackEventLog();
    const stack = log.append({ StackId: 'x', StackName: 's', LogicalResourceId: 's', PhysicalResourceId: 'x', ResourceType: 'AWS::CloudFormation::Stack', Timestamp: '2026-01-01T00:00:00.000Z', ResourceStatus: 'CREATE_IN_PROGRESS' }, 'stack');
    const resource = log.append({ StackId: 'x', StackName: 's', LogicalResourceId: 'Fn', PhysicalResourceId: '', ResourceType: 'AWS::Lambda::Function', Timestamp: '2026-01-01T00:00:01.000Z', ResourceStatus: 'CREATE_IN_PROGRESS' }, 'resource');
    const cleanup = log.append({ StackId: 'x', StackName: 's', LogicalResourceId: 'Fn', PhysicalResourceId: 'old', ResourceType: 'AWS::Lambda::Function', Timestamp: '2026-01-01T00:00:02.000Z', ResourceStatus: 'DELETE_COMPLETE' }, 'cleanup');
    expect(stack.EventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(resource.EventId).toBe('Fn-CREATE_IN_PROGRESS-2026-01-01T00:00:01.000Z');
    expect(cleanup.EventId).toMatch(/^Fn-[0-9a-f-]{36}$/);
  });

  it('rejects a token from another stack', () => {
    const log = new StackEventLog();
    fill(log, 'a', 150);
    fill(log, 'b', 150);
    const token = log.page('a', undefined).nextToken;
    expect(() => log.page('b', token)).toThrow('Invalid NextToken');
  });
});

describe('StackEventLog timestamps', () => {
  it('keeps them strictly increasing per stack so resource EventIds never repeat', () => {
    const log = new StackEventLog();
    const at = '2026-01-01T00:00:00.000Z';
    const base = { StackId: 'x', StackName: 's', LogicalResourceId: 'Fn', PhysicalResourceId: '', ResourceType: 'AWS::Lambda::Function', Timestamp: at, ResourceStatus: 'CREATE_IN_PROGRESS' };
    const first = log.append(base, 'resource');
    const second = log.append({ ...base, PhysicalResourceId: 'fn' }, 'resource');
    expect(first.EventId).not.toBe(second.EventId);
    expect(second.Timestamp).toBe('2026-01-01T00:00:00.001Z');
  });
});
