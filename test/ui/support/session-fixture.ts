/**
 * A session's store built from event bodies, as the engine would emit them (seq and ts added),
 * for pane tests: `const { store, push } = sessionFixture([...bodies])`.
 */
import type { StoreApi } from 'zustand/vanilla';
import { EVENT_SCHEMA_VERSION, type DeployEvent, type DeployEventBody } from '../../../src/engine/events.js';
import { createSessionStore, type SessionState, type SessionStoreOptions } from '../../../src/engine/session/session-store.js';

export function toEvents(bodies: readonly DeployEventBody[], start = new Date('2026-12-06T10:00:00.000Z'), firstSeq = 1): DeployEvent[] {
  return bodies.map((body, index) => ({ ...body, v: EVENT_SCHEMA_VERSION, seq: firstSeq + index, ts: new Date(start.getTime() + index * 1000).toISOString() }) as DeployEvent);
}

export interface SessionFixture {
  store: StoreApi<SessionState>;
  /** Emits more events into the store (applied at once). */
  push(...bodies: DeployEventBody[]): void;
}

export function sessionFixture(bodies: readonly DeployEventBody[] = [], options: SessionStoreOptions = {}): SessionFixture {
  const session = createSessionStore(options);
  let seq = 0;
  const push = (...more: DeployEventBody[]) => {
    for (const event of toEvents(more, new Date(Date.parse('2026-12-06T10:00:00.000Z') + seq * 1000), seq + 1)) session.sink.emit(event);
    seq += more.length;
    session.flush();
  };
  push(...bodies);
  return { store: session.store, push };
}
