/**
 * The data of the local CloudWatch Logs: groups, streams and their events, kept in memory,
 * persisted through the state store (namespace `logs`). Events of a stream stay sorted by
 * (timestamp, seq); `seq` is a per-group counter, so it also orders events across streams in the
 * order PutLogEvents received them.
 */
import type { LogsBackend } from '../../core/backends.js';
import type { MetricFilter } from './metric-filters.js';

export interface StoredEvent {
  timestamp: number;
  message: string;
  ingestionTime: number;
  seq: number;
}

export interface LogStream {
  name: string;
  creationTime: number;
  firstEventTimestamp?: number;
  lastEventTimestamp?: number;
  lastIngestionTime?: number;
  storedBytes: number;
  events: StoredEvent[];
}

export interface LogGroup {
  name: string;
  creationTime: number;
  retentionInDays?: number;
  tags: Record<string, string>;
  nextSeq: number;
  streams: Map<string, LogStream>;
  metricFilters?: MetricFilter[];
}

interface SavedLogs {
  groups: (Omit<LogGroup, 'streams'> & { streams: LogStream[] })[];
}

/** Position of `event` in a stream sorted by (timestamp, seq): the first index whose key is greater. */
function insertionIndex(events: StoredEvent[], event: StoredEvent): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const other = events[mid]!;
    if (other.timestamp < event.timestamp || (other.timestamp === event.timestamp && other.seq < event.seq)) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Called after events are stored (live tail sessions listen). */
export type AppendListener = (group: LogGroup, stream: LogStream, events: StoredEvent[]) => void;

export class LogStore implements LogsBackend {
  readonly groups = new Map<string, LogGroup>();
  private readonly listeners = new Set<AppendListener>();

  onAppend(listener: AppendListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  constructor(
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  createGroup(name: string, options: { retentionInDays?: number; tags?: Record<string, string> } = {}): LogGroup {
    const group: LogGroup = {
      name,
      creationTime: this.now(),
      retentionInDays: options.retentionInDays,
      tags: { ...(options.tags ?? {}) },
      nextSeq: 1,
      streams: new Map(),
    };
    this.groups.set(name, group);
    this.changed();
    return group;
  }

  createStream(group: LogGroup, name: string): LogStream {
    const stream: LogStream = { name, creationTime: this.now(), storedBytes: 0, events: [] };
    group.streams.set(name, stream);
    this.changed();
    return stream;
  }

  /** Appends events (any order) with ingestion time now. */
  append(group: LogGroup, stream: LogStream, events: { timestamp: number; message: string }[]): void {
    if (events.length === 0) return;
    const ingestionTime = this.now();
    const stored: StoredEvent[] = [];
    for (const input of events) {
      const event: StoredEvent = { timestamp: input.timestamp, message: input.message, ingestionTime, seq: group.nextSeq++ };
      stored.push(event);
      const last = stream.events[stream.events.length - 1];
      if (!last || last.timestamp <= event.timestamp) stream.events.push(event);
      else stream.events.splice(insertionIndex(stream.events, event), 0, event);
      stream.storedBytes += Buffer.byteLength(event.message);
      stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? event.timestamp, event.timestamp);
      stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? event.timestamp, event.timestamp);
    }
    stream.lastIngestionTime = ingestionTime;
    this.changed();
    for (const listener of this.listeners) listener(group, stream, stored);
  }

  // ---- LogsBackend (for Lambda and CloudFormation) ----

  ensureLogGroup(name: string, options?: { retentionInDays?: number; tags?: Record<string, string> }): void {
    const existing = this.groups.get(name);
    if (!existing) {
      this.createGroup(name, options);
      return;
    }
    if (options?.retentionInDays !== undefined || options?.tags) {
      if (options.retentionInDays !== undefined) existing.retentionInDays = options.retentionInDays;
      if (options.tags) Object.assign(existing.tags, options.tags);
      this.changed();
    }
  }

  deleteLogGroup(name: string): void {
    if (this.groups.delete(name)) this.changed();
  }

  hasLogGroup(name: string): boolean {
    return this.groups.has(name);
  }

  ensureLogStream(group: string, stream: string): void {
    if (!this.groups.has(group)) this.createGroup(group);
    const owner = this.groups.get(group)!;
    if (!owner.streams.has(stream)) this.createStream(owner, stream);
  }

  appendLogEvents(group: string, stream: string, events: { timestamp: number; message: string }[]): void {
    this.ensureLogStream(group, stream);
    const owner = this.groups.get(group)!;
    this.append(owner, owner.streams.get(stream)!, events);
  }

  // ---- persistence ----

  serialize(): SavedLogs {
    return {
      groups: [...this.groups.values()].map((group) => ({ ...group, streams: [...group.streams.values()] })),
    };
  }

  restore(saved: SavedLogs): void {
    this.groups.clear();
    for (const group of saved.groups ?? []) {
      this.groups.set(group.name, {
        ...group,
        tags: group.tags ?? {},
        streams: new Map(group.streams.map((stream) => [stream.name, stream])),
      });
    }
  }
}
