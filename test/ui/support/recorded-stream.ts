/**
 * Recorded NDJSON event streams (test/fixtures/events, see its README) replayed into a session
 * store, whole or up to the first event that matches, for pane tests on what the engine really emits.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreApi } from 'zustand/vanilla';
import type { DeployEvent } from '../../../src/engine/events.js';
import { createSessionStore, type SessionState } from '../../../src/engine/session/session-store.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/events');

export function recordedEvents(name: string): DeployEvent[] {
  return readFileSync(path.join(FIXTURES, name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DeployEvent);
}

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
