import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../../core/aws-error.js';

/** A StackEvent as DescribeStackEvents returns it. */
export interface StackEvent {
  StackId: string;
  EventId: string;
  StackName: string;
  LogicalResourceId: string;
  PhysicalResourceId: string;
  ResourceType: string;
  Timestamp: string;
  ResourceStatus: string;
  ResourceStatusReason?: string;
  ResourceProperties?: string;
  ClientRequestToken?: string;
}

export const EVENTS_PAGE_SIZE = 100;

/**
 * Every stack's events, oldest first in one array per stack ID. Pages are read newest first by
 * index, so a page costs O(page size) however long the history is, and a token stays valid while
 * new events are appended (it points at an index, not an offset from the newest).
 */
export class StackEventLog {
  private readonly byStack = new Map<string, StackEvent[]>();

  append(input: Omit<StackEvent, 'EventId'> & { EventId?: string }, kind: 'stack' | 'resource' | 'cleanup'): StackEvent {
    let list = this.byStack.get(input.StackId);
    if (!list) this.byStack.set(input.StackId, (list = []));
    // Timestamps strictly increase within a stack, so `<LogicalId>-<STATUS>-<timestamp>` EventIds
    // stay unique (pollers stop at an EventId they have already seen) and the order is total.
    const previous = list[list.length - 1]?.Timestamp;
    const event = previous !== undefined && input.Timestamp <= previous ? { ...input, Timestamp: new Date(Date.parse(previous) + 1).toISOString() } : input;
    const eventId =
      event.EventId ??
      (kind === 'stack'
        ? randomUUID()
        : kind === 'cleanup'
          ? `${event.LogicalResourceId}-${randomUUID()}`
          : `${event.LogicalResourceId}-${event.ResourceStatus}-${event.Timestamp}`);
    const stored: StackEvent = { ...event, EventId: eventId };
    for (const key of Object.keys(stored) as (keyof StackEvent)[]) if (stored[key] === undefined) delete stored[key];
    list.push(stored);
    return stored;
  }

  all(stackId: string): readonly StackEvent[] {
    return this.byStack.get(stackId) ?? [];
  }

  /** Newest-first page. */
  page(stackId: string, nextToken: string | undefined, pageSize = EVENTS_PAGE_SIZE): { events: StackEvent[]; nextToken?: string } {
    const list = this.byStack.get(stackId) ?? [];
    let start = list.length - 1;
    if (nextToken) {
      const decoded = decodeToken(nextToken);
      if (!decoded || decoded.stackId !== stackId || decoded.index > start) {
        throw new AwsServiceError('ValidationError', 'Invalid NextToken');
      }
      start = decoded.index;
    }
    const end = Math.max(-1, start - pageSize);
    const events: StackEvent[] = [];
    for (let i = start; i > end; i--) events.push(list[i]!);
    return end >= 0 ? { events, nextToken: encodeToken(stackId, end) } : { events };
  }

  export(): Record<string, StackEvent[]> {
    return Object.fromEntries(this.byStack);
  }

  import(data: Record<string, StackEvent[]>): void {
    this.byStack.clear();
    for (const [stackId, events] of Object.entries(data)) this.byStack.set(stackId, [...events]);
  }
}

function encodeToken(stackId: string, index: number): string {
  return Buffer.from(JSON.stringify([stackId, index]), 'utf8').toString('base64');
}

function decodeToken(token: string): { stackId: string; index: number } | undefined {
  try {
    const [stackId, index] = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as [unknown, unknown];
    if (typeof stackId !== 'string' || typeof index !== 'number' || !Number.isInteger(index) || index < 0) return undefined;
    return { stackId, index };
  } catch {
    return undefined;
  }
}
