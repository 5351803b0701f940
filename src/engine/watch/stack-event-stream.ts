/**
 * The stack events of one operation, across the root stack and its nested stacks: each `read()`
 * returns the events not returned before, oldest first, each exactly once.
 *
 * Which events belong to the operation: with a ClientRequestToken, events carrying that token
 * (events without any token are kept from `since` on, events with another token are someone
 * else's); without one, events from `since` on. Nested stacks are followed from their parent's
 * AWS::CloudFormation::Stack resource events that carry the nested stack's ARN, one level deeper.
 */
import type { CloudFormationClient, StackEvent } from '@aws-sdk/client-cloudformation';
import { readNewStackEvents, toStackEventRecord } from '../../aws/cloudformation/stack-event-pages.js';
import type { StackEventRecord } from '../events.js';
import { isTerminalStackStatus } from './stack-status.js';

export interface StackEventStreamOptions {
  cfn: CloudFormationClient;
  /** The root stack's ARN (or name while it exists). */
  stack: string;
  clientRequestToken?: string;
  since: Date;
  owners: Record<string, string>;
  call?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** Root-stack logical ids whose ResourceProperties the watchers read (never reported: they may hold secrets). */
  propertiesOf?: readonly string[];
}

interface Tracker {
  stack: string;
  depth: number;
  since: number;
  /** Every EventId read from this stack (reported or not): paging stops at the first one. */
  seen: Set<string>;
  /** Nested stacks are read only while their parent says they are being worked on. */
  active: boolean;
}

/** With a token, paging may stop this long before `since` (clocks differ; the token decides). */
const TOKEN_SLACK_MS = 5 * 60_000;

export class StackEventStream {
  private readonly trackers = new Map<string, Tracker>();
  private readonly root: Tracker;
  /** The last ResourceProperties seen for the logical ids in `propertiesOf`. */
  private readonly properties = new Map<string, Record<string, unknown>>();
  /** When the parent began working on each nested-stack resource (CloudFormation's clock). */
  private readonly nestedStarted = new Map<string, number>();

  constructor(private readonly options: StackEventStreamOptions) {
    this.root = { stack: options.stack, depth: 0, since: options.since.getTime(), seen: new Set(), active: true };
    this.trackers.set(options.stack, this.root);
  }

  /** New events of the operation, oldest first. Fails as a whole (then nothing counts as read). */
  async read(abortSignal?: AbortSignal): Promise<StackEventRecord[]> {
    const out: StackEventRecord[] = [];
    // Nested stacks found in this read are read in the same pass, so their events are not a poll late.
    const queue = [...this.trackers.values()].filter((t) => t.active);
    const pending: { tracker: Tracker; events: StackEvent[] }[] = [];
    while (queue.length > 0) {
      const tracker = queue.shift()!;
      const events = await readNewStackEvents(this.options.cfn, {
        stack: tracker.stack,
        call: this.options.call,
        abortSignal,
        stopAt: (event) => tracker.seen.has(event.EventId ?? '') || this.beforeOperation(tracker, event),
      });
      pending.push({ tracker, events });
      for (const event of events) {
        const nested = this.nestedStackOf(tracker, event);
        if (nested && !queue.some((t) => t.stack === nested.stack) && !pending.some((p) => p.tracker.stack === nested.stack)) queue.push(nested);
      }
    }
    // Only now, with every read done, does anything count as seen.
    for (const { tracker, events } of pending) {
      for (const event of events) {
        tracker.seen.add(event.EventId ?? '');
        if (!this.belongs(tracker, event)) continue;
        this.keepProperties(tracker, event);
        const record = toStackEventRecord(event, tracker.depth, this.options.owners[event.LogicalResourceId ?? '']);
        out.push(record);
        if (tracker !== this.root && record.physicalId === record.stackId && isTerminalStackStatus(record.status)) tracker.active = false;
      }
    }
    return sortOldestFirst(out);
  }

  /** The resource's properties as CloudFormation resolved them, from its events (when they carry them). */
  resourceProperties(logicalId: string): Record<string, unknown> | undefined {
    return this.properties.get(logicalId);
  }

  private keepProperties(tracker: Tracker, event: StackEvent): void {
    const id = event.LogicalResourceId ?? '';
    if (tracker !== this.root || !event.ResourceProperties || !this.options.propertiesOf?.includes(id)) return;
    try {
      const parsed = JSON.parse(event.ResourceProperties) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) this.properties.set(id, parsed as Record<string, unknown>);
    } catch {
      // Not JSON: the template is the fallback.
    }
  }

  private beforeOperation(tracker: Tracker, event: StackEvent): boolean {
    const at = event.Timestamp?.getTime() ?? 0;
    const slack = tracker === this.root && this.options.clientRequestToken ? TOKEN_SLACK_MS : 0;
    return at < tracker.since - slack;
  }

  private belongs(tracker: Tracker, event: StackEvent): boolean {
    const token = this.options.clientRequestToken;
    const at = event.Timestamp?.getTime() ?? 0;
    if (tracker !== this.root || !token) return at >= tracker.since;
    if (event.ClientRequestToken === token) return true;
    return !event.ClientRequestToken && at >= tracker.since;
  }

  /** A parent's event about a nested stack it is working on: (re)start following that stack. */
  private nestedStackOf(tracker: Tracker, event: StackEvent): Tracker | undefined {
    if (event.ResourceType !== 'AWS::CloudFormation::Stack') return undefined;
    const resourceKey = `${tracker.stack} ${event.LogicalResourceId ?? ''}`;
    const at = event.Timestamp?.getTime();
    if (at !== undefined && this.belongs(tracker, event) && (event.ResourceStatus ?? '').endsWith('_IN_PROGRESS')) {
      this.nestedStarted.set(resourceKey, Math.min(this.nestedStarted.get(resourceKey) ?? at, at));
    }
    const physical = event.PhysicalResourceId;
    if (!physical || physical === event.StackId || !physical.startsWith('arn:')) return undefined;
    if (!this.belongs(tracker, event) || !(event.ResourceStatus ?? '').endsWith('_IN_PROGRESS')) return undefined;
    const existing = this.trackers.get(physical);
    if (existing) {
      if (existing.active) return undefined;
      existing.active = true;
      return existing;
    }
    const nested: Tracker = {
      stack: physical,
      depth: tracker.depth + 1,
      // From when the parent began on it, by CloudFormation's own clock (the root's `since` may come
      // from the local clock, and nested events carry no token to make up for a skew).
      since: this.nestedStarted.get(resourceKey) ?? tracker.since,
      seen: new Set(),
      active: true,
    };
    this.trackers.set(physical, nested);
    return nested;
  }
}

/** By timestamp; ties keep read order (a stack's own events are read newest first, so reversed). */
function sortOldestFirst(records: StackEventRecord[]): StackEventRecord[] {
  return records
    .map((record, index) => ({ record, index }))
    .sort((a, b) => (a.record.at < b.record.at ? -1 : a.record.at > b.record.at ? 1 : b.index - a.index))
    .map((entry) => entry.record);
}
