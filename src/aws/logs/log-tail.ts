/**
 * Tails one CloudWatch Logs group with FilterLogEvents: each read pages from a start time until
 * `nextToken` is absent and returns only events not returned before (by eventId). CloudWatch may
 * ingest an event later than events with newer timestamps, so every read starts an overlap window
 * before the newest timestamp seen: late arrivals inside the window are caught, and the eventId
 * set keeps the re-read part from being reported twice.
 */
import { FilterLogEventsCommand, type CloudWatchLogsClient, type FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';

export interface LogTailOptions {
  logGroupName: string;
  /** Epoch ms: events before this are not reported. */
  startTime: number;
  filterPattern?: string;
  logStreamNamePrefix?: string;
  /** How far before the newest seen timestamp each read starts (default 30 s). */
  overlapMs?: number;
  /** Wraps each API call (the scheduler's budget). */
  call?: <T>(fn: () => Promise<T>) => Promise<T>;
}

export interface TailedLogEvent {
  eventId: string;
  timestamp: number;
  message: string;
  logStreamName?: string;
}

export class LogTail {
  private readonly seen = new Map<string, number>();
  private newest = 0;
  private readonly overlapMs: number;
  private readonly call: <T>(fn: () => Promise<T>) => Promise<T>;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly options: LogTailOptions,
  ) {
    this.overlapMs = options.overlapMs ?? 30_000;
    this.call = options.call ?? ((fn) => fn());
  }

  get logGroupName(): string {
    return this.options.logGroupName;
  }

  /**
   * Events not read before, in CloudWatch's order (timestamp, then ingestion). A missing log group
   * reads as empty (Lambda creates it on the first invocation). A failed page fails the read and
   * nothing is marked as seen, so the next read returns those events again.
   */
  async read(abortSignal?: AbortSignal): Promise<TailedLogEvent[]> {
    const startTime = Math.max(this.options.startTime, this.newest - this.overlapMs);
    const fresh: TailedLogEvent[] = [];
    const ids = new Set<string>();
    let nextToken: string | undefined;
    try {
      do {
        const page = await this.call(() =>
          this.logs.send(
            new FilterLogEventsCommand({
              logGroupName: this.options.logGroupName,
              startTime,
              filterPattern: this.options.filterPattern,
              logStreamNamePrefix: this.options.logStreamNamePrefix,
              nextToken,
            }),
            { abortSignal },
          ),
        );
        for (const event of page.events ?? []) {
          const record = toTailed(event);
          if (!record || this.seen.has(record.eventId) || ids.has(record.eventId)) continue;
          ids.add(record.eventId);
          fresh.push(record);
        }
        nextToken = page.nextToken;
      } while (nextToken);
    } catch (error) {
      if ((error as { name?: string }).name === 'ResourceNotFoundException') return [];
      throw error;
    }
    for (const event of fresh) {
      this.seen.set(event.eventId, event.timestamp);
      if (event.timestamp > this.newest) this.newest = event.timestamp;
    }
    this.forgetOld();
    return fresh;
  }

  /** Ids older than two windows can no longer be returned by a read: drop them (bounded memory). */
  private forgetOld(): void {
    const horizon = this.newest - 2 * this.overlapMs;
    if (this.seen.size < 10_000) return;
    for (const [id, timestamp] of this.seen) if (timestamp < horizon) this.seen.delete(id);
  }
}

function toTailed(event: FilteredLogEvent): TailedLogEvent | undefined {
  if (event.eventId === undefined || event.timestamp === undefined) return undefined;
  const record: TailedLogEvent = { eventId: event.eventId, timestamp: event.timestamp, message: event.message ?? '' };
  if (event.logStreamName !== undefined) record.logStreamName = event.logStreamName;
  return record;
}
