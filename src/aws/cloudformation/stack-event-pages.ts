/**
 * DescribeStackEvents as the watchers read it: pages newest first until the caller says stop
 * (an event already seen, or one from before the operation), the SDK's events turned into
 * stp's StackEventRecord.
 */
import { DescribeStackEventsCommand, type CloudFormationClient, type StackEvent } from '@aws-sdk/client-cloudformation';
import type { StackEventRecord } from '../../engine/events.js';

export interface ReadEventsOptions {
  /** Stack name or, better, its ARN (a deleted stack is found only by ARN). */
  stack: string;
  /** Stop paging at (and exclude) the first event for which this is true. */
  stopAt(event: StackEvent): boolean;
  /** Wraps each API call (the scheduler's budget). */
  call?: <T>(fn: () => Promise<T>) => Promise<T>;
  abortSignal?: AbortSignal;
}

/**
 * Reads events newest first until `stopAt` or the oldest page. A page call that fails fails the
 * whole read: nothing is half-reported, and the next read starts again from the newest event.
 * Duplicates across pages (a page boundary moving as events are added) are dropped by EventId.
 */
export async function readNewStackEvents(cfn: CloudFormationClient, options: ReadEventsOptions): Promise<StackEvent[]> {
  const call = options.call ?? ((fn) => fn());
  const out: StackEvent[] = [];
  const ids = new Set<string>();
  let nextToken: string | undefined;
  do {
    const page = await call(() =>
      cfn.send(new DescribeStackEventsCommand({ StackName: options.stack, NextToken: nextToken }), { abortSignal: options.abortSignal }),
    );
    for (const event of page.StackEvents ?? []) {
      if (options.stopAt(event)) return out;
      const id = event.EventId ?? '';
      if (ids.has(id)) continue;
      ids.add(id);
      out.push(event);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return out;
}

export function toStackEventRecord(event: StackEvent, depth: number, owner: string | undefined): StackEventRecord {
  const record: StackEventRecord = {
    eventId: event.EventId ?? '',
    stackName: event.StackName ?? '',
    stackId: event.StackId ?? '',
    logicalId: event.LogicalResourceId ?? '',
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? '',
    at: (event.Timestamp ?? new Date(0)).toISOString(),
    depth,
  };
  if (event.PhysicalResourceId) record.physicalId = event.PhysicalResourceId;
  if (event.ResourceStatusReason) record.reason = event.ResourceStatusReason;
  if (owner !== undefined) record.owner = owner;
  return record;
}
