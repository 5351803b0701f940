/** A sink that keeps every event in order: for tests, and for replaying a session into a renderer. */
import type { DeployEvent, DeployEventType, EventOfType, EventSink } from '../events.js';

export interface RecordingSink extends EventSink {
  readonly events: readonly DeployEvent[];
  types(): DeployEventType[];
  ofType<T extends DeployEventType>(type: T): EventOfType<T>[];
}

export function createRecordingSink(): RecordingSink {
  const events: DeployEvent[] = [];
  return {
    events,
    emit(event) {
      events.push(event);
    },
    types: () => events.map((e) => e.type),
    ofType: <T extends DeployEventType>(type: T) => events.filter((e): e is EventOfType<T> => e.type === type),
  };
}
