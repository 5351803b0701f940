/**
 * Recorded NDJSON event streams (test/fixtures/events, see its README) replayed into a session
 * store, whole or up to the first event that matches, for pane tests on what the engine really emits.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { DeployEvent } from '../../../src/engine/events.js';
import { createSessionStore, type SessionState } from '../../../src/engine/session/session-store.js';
import { readEventFixture } from '../../support/event-fixtures.js';

export const recordedEvents = readEventFixture;

/** A store fed the recording (up to and including the first event `until` accepts, if given). */
export function recordedStore(name: string, until?: (event: DeployEvent) => boolean): { store: StoreApi<SessionState>; events: DeployEvent[] } {
  const all = recordedEvents(name);
  const end = until ? all.findIndex(until) + 1 : all.length;
  if (end === 0) throw new Error(`no event in ${name} matches`);
  const session = createSessionStore();
  const events = all.slice(0, end);
  for (const event of events) session.sink.emit(event);
  session.flush();
  return { store: session.store, events };
}
