import { describe, expect, it } from 'vitest';
import type { DeployEventBody, StackEventRecord } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { initialSessionState, reduceEvents, resourceKey } from '../../../src/engine/session/session-store.js';

const ROOT = 'arn:aws:cloudformation:eu-west-1:1:stack/shop-dev/1';
const CHILD = 'arn:aws:cloudformation:eu-west-1:1:stack/shop-dev-Db-X/2';

function ev(logicalId: string, status: string, at: string, extra: Partial<StackEventRecord> = {}): DeployEventBody {
  return { type: 'stack.event', event: { eventId: `${logicalId}-${status}-${at}`, stackName: 'shop-dev', stackId: ROOT, logicalId, resourceType: 'AWS::SNS::Topic', status, at, depth: 0, ...extra } };
}

function reduce(bodies: DeployEventBody[]) {
  const bus = createEventBus([], () => new Date('2026-12-06T10:00:00.000Z'));
  const state = reduceEvents(initialSessionState(), bodies.map((b) => bus.emit(b)));
  return Object.assign(state, { more: (more: DeployEventBody[]) => reduceEvents(state, more.map((b) => bus.emit(b))) });
}

describe('resource rows', () => {
  it('keys root resources by logical id and nested ones by stack id too, with depth and the nested stack id', () => {
    const state = reduce([
      ev('Db', 'CREATE_IN_PROGRESS', '2026-12-06T10:00:01.000Z', { resourceType: 'AWS::CloudFormation::Stack', physicalId: CHILD }),
      ev('Topic', 'CREATE_IN_PROGRESS', '2026-12-06T10:00:02.000Z', { stackId: CHILD, stackName: 'shop-dev-Db-X', depth: 1 }),
      ev('Topic', 'CREATE_IN_PROGRESS', '2026-12-06T10:00:03.000Z'),
    ]);
    expect(Object.keys(state.resources)).toEqual(['Db', `${CHILD}/Topic`, 'Topic']);
    expect(state.resources.Db).toMatchObject({ depth: 0, physicalId: CHILD, firstSeq: 1 });
    expect(state.resources[`${CHILD}/Topic`]).toMatchObject({ stackId: CHILD, depth: 1, firstSeq: 2 });
    expect(resourceKey({ depth: 1, stackId: CHILD, logicalId: 'Topic' })).toBe(`${CHILD}/Topic`);
  });

  it("keeps an operation's start across repeats, restarts it when a finished resource starts again (rollback), and keeps the first seq", () => {
    const state = reduce([
      ev('Topic', 'UPDATE_IN_PROGRESS', '2026-12-06T10:00:01.000Z'),
      ev('Topic', 'UPDATE_IN_PROGRESS', '2026-12-06T10:00:02.000Z', { reason: 'Resource update Initiated' }),
      ev('Other', 'UPDATE_FAILED', '2026-12-06T10:00:04.000Z', { reason: 'boom' }),
    ]);
    expect(state.resources.Topic).toMatchObject({ startedAt: '2026-12-06T10:00:01.000Z', at: '2026-12-06T10:00:02.000Z', reason: 'Resource update Initiated' });
    const later = state.more([ev('Topic', 'UPDATE_COMPLETE', '2026-12-06T10:00:05.000Z'), ev('Topic', 'UPDATE_IN_PROGRESS', '2026-12-06T10:00:07.000Z')]);
    expect(later.resources.Topic).toMatchObject({ status: 'UPDATE_IN_PROGRESS', startedAt: '2026-12-06T10:00:07.000Z', firstSeq: 1 });
    expect(later.resources.Topic!.reason).toBeUndefined();
    expect(later.stackClock).toBe('2026-12-06T10:00:07.000Z');
  });

  it('the clock never goes back for an older event', () => {
    const state = reduce([ev('A', 'CREATE_IN_PROGRESS', '2026-12-06T10:00:09.000Z'), ev('B', 'CREATE_IN_PROGRESS', '2026-12-06T10:00:03.000Z')]);
    expect(state.stackClock).toBe('2026-12-06T10:00:09.000Z');
  });

  it('marks what happens during a rollback and keeps the failure after the resource is reverted', () => {
    const root = (status: string, at: string) => ev('shop-dev', status, at, { resourceType: 'AWS::CloudFormation::Stack' });
    const state = reduce([
      root('UPDATE_IN_PROGRESS', '2026-12-06T10:00:00.000Z'),
      ev('Fn', 'UPDATE_COMPLETE', '2026-12-06T10:00:01.000Z'),
      ev('Script', 'UPDATE_FAILED', '2026-12-06T10:00:02.000Z', { reason: 'script threw' }),
      root('UPDATE_ROLLBACK_IN_PROGRESS', '2026-12-06T10:00:03.000Z'),
      ev('Script', 'UPDATE_IN_PROGRESS', '2026-12-06T10:00:04.000Z'),
      ev('Script', 'UPDATE_COMPLETE', '2026-12-06T10:00:05.000Z'),
    ]);
    expect(state.rootEventStatus).toBe('UPDATE_ROLLBACK_IN_PROGRESS');
    expect(Object.keys(state.resources)).toEqual(['Fn', 'Script']);
    expect(state.resources.Fn!.rollback).toBeUndefined();
    expect(state.resources.Script).toMatchObject({ status: 'UPDATE_COMPLETE', rollback: true, failure: { status: 'UPDATE_FAILED', reason: 'script threw', at: '2026-12-06T10:00:02.000Z' } });
  });
});
