/**
 * The engine's one outlet: takes event bodies, adds the envelope (`v`, `seq` from 1, `ts`) and
 * hands the same frozen event to every sink, in order. A sink that throws never stops the engine
 * or the other sinks (a broken renderer must not break a deploy); its error is kept for the report.
 */
import { EVENT_SCHEMA_VERSION, type DeployEvent, type DeployEventBody, type EventSink } from '../events.js';

export interface EventBus {
  emit(body: DeployEventBody): DeployEvent;
  subscribe(sink: EventSink): () => void;
  /** Errors thrown by sinks (renderer bugs), for --debug. */
  readonly sinkErrors: readonly unknown[];
}

export function createEventBus(sinks: readonly EventSink[] = [], now: () => Date = () => new Date()): EventBus {
  const subscribers = new Set<EventSink>(sinks);
  const sinkErrors: unknown[] = [];
  let seq = 0;
  return {
    emit(body) {
      seq += 1;
      const event = Object.freeze({ ...body, v: EVENT_SCHEMA_VERSION, seq, ts: now().toISOString() }) as DeployEvent;
      for (const sink of subscribers) {
        try {
          sink.emit(event);
        } catch (error) {
          sinkErrors.push(error);
        }
      }
      return event;
    },
    subscribe(sink) {
      subscribers.add(sink);
      return () => subscribers.delete(sink);
    },
    sinkErrors,
  };
}
