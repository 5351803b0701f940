/**
 * Progress of an operation: resources of the root stack that reached a finished status at least
 * once in this operation, out of the planned ones. A rollback does not take progress back (the
 * bar measures work CloudFormation did, not success). Without a plan (attach) the total is the
 * number of resources seen so far.
 */
import type { StackEventRecord } from '../events.js';
import { isFinishedResourceStatus } from './stack-status.js';

export class ResourceProgress {
  private readonly seen = new Set<string>();
  private readonly finished = new Set<string>();

  constructor(private readonly planned: number) {}

  /** Records a root-stack resource event; true when `done` or `total` changed. */
  record(event: StackEventRecord): boolean {
    const before = this.snapshot();
    this.seen.add(event.logicalId);
    if (isFinishedResourceStatus(event.status)) this.finished.add(event.logicalId);
    const after = this.snapshot();
    return before.done !== after.done || before.total !== after.total;
  }

  snapshot(): { done: number; total: number } {
    const total = this.planned > 0 ? this.planned : this.seen.size;
    return { done: Math.min(this.finished.size, total), total };
  }
}
