import { describe, expect, it } from 'vitest';
import type { DeployEventBody } from '../../../src/engine/events.js';
import { createEventBus } from '../../../src/engine/session/event-bus.js';
import { DeploySession } from '../../../src/engine/session/deploy-session.js';
import { createRecordingSink } from '../../../src/engine/session/recording-sink.js';
import { emptyRing, pushAll } from '../../../src/engine/session/ring-buffer.js';
import { createSessionStore, initialSessionState, reduceEvents } from '../../../src/engine/session/session-store.js';

const fixedNow = () => new Date('2026-01-01T12:00:00.000Z');

describe('event bus', () => {
  it('adds v, seq from 1 and ts; a throwing sink does not stop the others', () => {
    const rec = createRecordingSink();
    const bus = createEventBus([{ emit: () => { throw new Error('renderer bug'); } }, rec], fixedNow);
    bus.emit({ type: 'phase.changed', phase: 'resolve' });
    bus.emit({ type: 'phase.changed', phase: 'package', previous: 'resolve' });
    expect(rec.events).toEqual([
      { type: 'phase.changed', phase: 'resolve', v: 1, seq: 1, ts: '2026-01-01T12:00:00.000Z' },
      { type: 'phase.changed', phase: 'package', previous: 'resolve', v: 1, seq: 2, ts: '2026-01-01T12:00:00.000Z' },
    ]);
    expect(bus.sinkErrors.map((e) => (e as Error).message)).toEqual(['renderer bug', 'renderer bug']);
  });
});

describe('ring buffer', () => {
  it('keeps the last N items and counts what it dropped', () => {
    let ring = emptyRing<number>(3);
    ring = pushAll(ring, [1, 2]);
    ring = pushAll(ring, [3, 4, 5]);
    expect(ring).toEqual({ capacity: 3, items: [3, 4, 5], dropped: 2 });
    expect(() => emptyRing(0)).toThrow(RangeError);
  });
});

describe('session store', () => {
  const bodies: DeployEventBody[] = [
    { type: 'session.started', command: 'deploy', stack: 's-dev', stage: 'dev', region: 'eu-west-1', target: 'local', mode: 'ci' },
    { type: 'phase.changed', phase: 'watch' },
    { type: 'stack.event', event: { eventId: 'e1', stackName: 's-dev', stackId: 'id', logicalId: 'Fn', resourceType: 'AWS::Lambda::Function', status: 'UPDATE_IN_PROGRESS', at: 't1', owner: 'fn', depth: 0 } },
    { type: 'stack.event', event: { eventId: 'e2', stackName: 's-dev', stackId: 'id', logicalId: 'Fn', resourceType: 'AWS::Lambda::Function', status: 'UPDATE_COMPLETE', at: 't2', owner: 'fn', depth: 0 } },
    { type: 'script.started', script: 'greet', functionName: 'f', logGroup: '/aws/lambda/f', trigger: 'deploy' },
    { type: 'script.log', script: 'greet', line: 'one', at: 't3', eventId: 'l1' },
    { type: 'script.log', script: 'greet', line: 'two', at: 't4', eventId: 'l2' },
    { type: 'script.log', script: 'greet', line: 'three', at: 't5', eventId: 'l3' },
    { type: 'script.finished', script: 'greet', ok: true, durationMs: 40 },
    { type: 'result', outcome: 'succeeded', exitCode: 0, durationMs: 1000, outputs: { a: 'b' } },
  ];

  it('reduces events into renderer state with bounded script lines', () => {
    const bus = createEventBus([], fixedNow);
    const events = bodies.map((b) => bus.emit(b));
    const state = reduceEvents(initialSessionState(), events, { scriptLines: 2 });
    expect(state.phases).toEqual(['watch']);
    expect(state.resources.Fn).toEqual({
      logicalId: 'Fn',
      resourceType: 'AWS::Lambda::Function',
      status: 'UPDATE_COMPLETE',
      at: 't2',
      owner: 'fn',
      stackId: 'id',
      depth: 0,
      startedAt: 't1',
      firstSeq: 3,
    });
    expect(state.stackClock).toBe('t2');
    expect(state.scripts.greet).toMatchObject({ status: 'succeeded', trigger: 'deploy', durationMs: 40 });
    expect(state.scripts.greet!.lines.items.map((l) => l.line)).toEqual(['two', 'three']);
    expect(state.scripts.greet!.lines.dropped).toBe(1);
    expect(state.result?.outcome).toBe('succeeded');
    expect(state.lastSeq).toBe(10);
  });

  it('coalesces a burst of events into one store update', async () => {
    const { store, sink } = createSessionStore();
    const bus = createEventBus([sink], fixedNow);
    let updates = 0;
    store.subscribe(() => (updates += 1));
    for (const body of bodies) bus.emit(body);
    expect(store.getState().lastSeq).toBe(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(updates).toBe(1);
    expect(store.getState().lastSeq).toBe(10);
  });
});

describe('DeploySession commands', () => {
  it('resolves an approval with the operator\'s answer and emits approval.answered', async () => {
    const rec = createRecordingSink();
    const session = new DeploySession([rec], fixedNow);
    const answer = session.requestApproval({ level: 'destructive', resources: ['Db'] });
    const id = session.pendingApproval!.id;
    session.approve(id);
    expect(await answer).toEqual({ approved: true, by: 'key' });
    expect(rec.types()).toEqual(['approval.requested', 'approval.answered']);
    expect(() => session.approve(id)).toThrow(/No approval/);
  });

  it('a data-loss approval needs the stack name typed; plain approve is refused', async () => {
    const session = new DeploySession([], fixedNow);
    const first = session.requestApproval({ level: 'data-loss', resources: ['Db'], confirmText: 'shop-dev' });
    expect(() => session.approve(session.pendingApproval!.id)).toThrow(/type the stack name/);
    session.approveWithConfirmation(session.pendingApproval!.id, 'shop');
    expect(await first).toEqual({ approved: false, by: 'key', reason: 'the typed confirmation "shop" is not the stack name' });
    const second = session.requestApproval({ level: 'data-loss', resources: ['Db'], confirmText: 'shop-dev' });
    session.approveWithConfirmation(session.pendingApproval!.id, ' shop-dev ');
    expect(await second).toEqual({ approved: true, by: 'key' });
  });

  it('commands with nothing bound say so; detach aborts the watch', async () => {
    const session = new DeploySession([], fixedNow);
    await expect(session.cancel()).rejects.toMatchObject({ code: 'STP_COMMAND_UNAVAILABLE', kind: 'usage' });
    let cancelled = 0;
    session.bind({ cancel: async () => void (cancelled += 1) });
    await session.cancel();
    expect(cancelled).toBe(1);
    session.detach();
    expect(session.watchAbort.signal.reason).toBe('detach');
  });
});
