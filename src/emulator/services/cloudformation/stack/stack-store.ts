import { AwsServiceError } from '../../../core/aws-error.js';
import { StackEventLog, type StackEvent } from '../events/stack-events.js';
import type { ChangeSetRecord, StackRecord } from './stack-model.js';

/** Bumped when the stored shape changes, so an old state file is recognised rather than misread. */
export const SNAPSHOT_FORMAT = 1;

export interface CloudFormationSnapshot {
  format?: number;
  stacks: StackRecord[];
  changeSets: ChangeSetRecord[];
  events: Record<string, StackEvent[]>;
}

/** All stacks (live and deleted, by ID), the live stack per name, change sets and events. */
export class StackStore {
  readonly stacks = new Map<string, StackRecord>();
  private readonly liveByName = new Map<string, string>();
  readonly changeSets = new Map<string, ChangeSetRecord>();
  readonly events = new StackEventLog();
  /** DetectStackDrift runs by ID (not persisted: a detection is answered at once). */
  readonly driftDetections = new Map<string, { stackId: string; timestamp: string }>();

  add(stack: StackRecord): void {
    this.stacks.set(stack.stackId, stack);
    this.liveByName.set(stack.stackName, stack.stackId);
  }

  /**
   * Called once a stack reaches DELETE_COMPLETE: its name is free again, its ID still answers, and
   * so do its executed change sets by ARN (as on AWS); pending ones go with the stack.
   */
  retire(stack: StackRecord): void {
    if (this.liveByName.get(stack.stackName) === stack.stackId) this.liveByName.delete(stack.stackName);
    for (const [id, changeSet] of this.changeSets) {
      if (changeSet.stackId === stack.stackId && !changeSet.executionStatus.startsWith('EXECUTE_')) this.changeSets.delete(id);
    }
  }

  /** By name: only a live stack. By ARN: also a deleted one. */
  find(nameOrId: string): StackRecord | undefined {
    if (nameOrId.startsWith('arn:')) return this.stacks.get(nameOrId);
    const id = this.liveByName.get(nameOrId);
    return id === undefined ? undefined : this.stacks.get(id);
  }

  findLive(nameOrId: string): StackRecord | undefined {
    const stack = this.find(nameOrId);
    return stack && stack.status !== 'DELETE_COMPLETE' ? stack : undefined;
  }

  /** DescribeStacks' lookup and error. */
  requireForDescribe(nameOrId: string): StackRecord {
    const stack = this.find(nameOrId);
    if (!stack) throw new AwsServiceError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  requireLive(nameOrId: string): StackRecord {
    const stack = this.findLive(nameOrId);
    if (!stack) throw new AwsServiceError('ValidationError', `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  liveStacks(): StackRecord[] {
    return [...this.liveByName.values()].map((id) => this.stacks.get(id)!).filter(Boolean);
  }

  /** Fn::ImportValue: the value exported under `name` by any live stack. */
  exportedValue(name: string): string | undefined {
    for (const stack of this.liveStacks()) {
      for (const output of stack.outputs) if (output.ExportName === name) return output.OutputValue;
    }
    return undefined;
  }

  /** Live stacks (other than `exporter`) importing `name`. */
  importersOf(name: string, exporter: StackRecord): StackRecord[] {
    return this.liveStacks().filter((stack) => stack.stackId !== exporter.stackId && stack.imports?.includes(name));
  }

  snapshot(): CloudFormationSnapshot {
    return { format: SNAPSHOT_FORMAT, stacks: [...this.stacks.values()], changeSets: [...this.changeSets.values()], events: this.events.export() };
  }

  restore(saved: CloudFormationSnapshot): void {
    if (saved.format !== undefined && saved.format !== SNAPSHOT_FORMAT) {
      throw new Error(`saved CloudFormation state has format ${saved.format}; this stp reads format ${SNAPSHOT_FORMAT}. Move the state directory away to start empty.`);
    }
    this.stacks.clear();
    this.liveByName.clear();
    this.changeSets.clear();
    for (const stack of saved.stacks ?? []) {
      this.stacks.set(stack.stackId, stack);
      if (stack.status !== 'DELETE_COMPLETE') this.liveByName.set(stack.stackName, stack.stackId);
    }
    for (const changeSet of saved.changeSets ?? []) this.changeSets.set(changeSet.changeSetId, changeSet);
    this.events.import(saved.events ?? {});
  }
}
