/**
 * Deployment scripts during a stack operation: when a script's custom resource starts and the
 * script really runs (after:deploy on create/update outside a rollback, before:delete while the
 * stack is being deleted), tail its function's log group from that moment; when the resource
 * finishes, drain the lines and report the result from the resource's status and reason.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { DeployEventBody, StackEventRecord } from '../events.js';
import type { PollScheduler } from './poll-scheduler.js';
import { ScriptRunTail } from './script-run-tail.js';
import { isRollbackStatus } from './stack-status.js';
import type { WatchedScript } from './watch-contract.js';

export type ScriptTrigger = 'after:deploy' | 'before:delete';

export interface ScriptWatchOptions {
  logs: CloudWatchLogsClient;
  scheduler: PollScheduler;
  emit(event: DeployEventBody): void;
  signal: AbortSignal;
  /** Makes poller keys unique among watches sharing a scheduler. */
  keyPrefix?: string;
  /** The trigger of a script, when the watched script does not say (read from the deployed template). */
  triggerOf(logicalId: string): Promise<ScriptTrigger | undefined>;
  /** Function name from the custom resource's properties, when the watched script does not say. */
  functionNameOf(logicalId: string): Promise<string | undefined>;
  tailOptions?: Pick<import('./script-run-tail.js').ScriptRunTailOptions, 'endGraceMs' | 'startGraceMs' | 'overlapMs'>;
}

interface ActiveRun {
  tail: ScriptRunTail;
  startedAt: number;
  loop: Promise<void>;
  finished?: Promise<ScriptResult>;
}

export interface ScriptResult {
  script: string;
  ok: boolean;
  error?: string;
  lastLines: string[];
}

/** CloudFormation wraps a custom resource's FAILED reason: keep the message the runner returned. */
const CUSTOM_RESOURCE_FAILURE = /^Received response status \[FAILED\] from custom resource\. Message returned: ([\s\S]*?)(?: \(RequestId: [^)]*\))?$/;

export function customResourceMessage(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  return CUSTOM_RESOURCE_FAILURE.exec(reason)?.[1] ?? reason;
}

/** The runner answers SUCCESS for a failed before:delete script (deletion must go on) and says so. */
const BEFORE_DELETE_FAILURE = /failed \(deletion continues\): ([\s\S]*)$/;

export class DeploymentScriptWatcher {
  private readonly byLogicalId = new Map<string, WatchedScript & { trigger?: ScriptTrigger }>();
  private readonly active = new Map<string, ActiveRun>();
  private readonly results = new Map<string, Promise<ScriptResult>>();
  private runCount = 0;

  constructor(
    scripts: (WatchedScript & { trigger?: ScriptTrigger })[],
    private readonly options: ScriptWatchOptions,
  ) {
    for (const script of scripts) this.byLogicalId.set(script.logicalId, script);
  }

  watches(logicalId: string): boolean {
    return this.byLogicalId.has(logicalId);
  }

  /** The result of the script behind this resource in this operation (after it finished). */
  resultOf(logicalId: string): Promise<ScriptResult> | undefined {
    return this.results.get(logicalId);
  }

  /** Feed every stack event of the operation, in order, with the root stack's status at that moment. */
  async onEvent(event: StackEventRecord, rootStatus: string | undefined): Promise<void> {
    const script = this.byLogicalId.get(event.logicalId);
    if (!script || event.depth !== 0) return;
    const running = this.active.get(event.logicalId);
    if (event.status.endsWith('_IN_PROGRESS')) {
      if (running && !running.finished) return;
      if (!(await this.runs(script, event, rootStatus))) return;
      await this.start(script, event);
      return;
    }
    if (running && !running.finished && (event.status.endsWith('_COMPLETE') || event.status.endsWith('_FAILED'))) {
      running.finished = this.finish(script, running, event);
      this.results.set(event.logicalId, running.finished);
    }
  }

  /** Waits for every script run to drain and report (after the stack reached a terminal status). */
  async settle(): Promise<void> {
    for (const [logicalId, run] of this.active) {
      if (!run.finished) {
        // The stack ended without a final event for the resource (e.g. detach races): stop tailing.
        run.tail.markOver();
        const name = this.byLogicalId.get(logicalId)!.name;
        const error = 'the stack operation ended before the script reported a result';
        run.finished = run.loop.then(() => {
          this.options.emit({ type: 'script.finished', script: name, ok: false, error });
          return { script: name, ok: false, error, lastLines: run.tail.lastLines() };
        });
      }
    }
    await Promise.all([...this.active.values()].map((run) => run.finished));
  }

  private async runs(script: WatchedScript & { trigger?: ScriptTrigger }, event: StackEventRecord, rootStatus: string | undefined): Promise<boolean> {
    const trigger = script.trigger ?? (await this.options.triggerOf(script.logicalId));
    if (event.status === 'DELETE_IN_PROGRESS') return trigger === 'before:delete' && rootStatus === 'DELETE_IN_PROGRESS';
    if (trigger === 'before:delete') return false;
    return !isRollbackStatus(rootStatus) && !(rootStatus ?? '').startsWith('DELETE');
  }

  private async start(script: WatchedScript, event: StackEventRecord): Promise<void> {
    const functionName = script.functionName ?? (await this.options.functionNameOf(script.logicalId));
    if (!functionName) {
      this.options.emit({ type: 'warning', code: 'STP_SCRIPT_FUNCTION_UNKNOWN', message: `cannot show the output of script "${script.name}": its function is not known`, resource: script.name });
      return;
    }
    const logGroup = script.logGroup ?? `/aws/lambda/${functionName}`;
    const startedAt = Date.parse(event.at);
    this.options.emit({
      type: 'script.started',
      script: script.name,
      functionName,
      logGroup,
      trigger: event.status === 'DELETE_IN_PROGRESS' ? 'delete' : 'deploy',
    });
    const tail = new ScriptRunTail({
      logs: this.options.logs,
      scheduler: this.options.scheduler,
      script: script.name,
      logGroup,
      startTime: startedAt,
      emit: this.options.emit,
      ...this.options.tailOptions,
    });
    const loop = tail.run(`script:${script.logicalId}:${++this.runCount}${this.options.keyPrefix ?? ''}`, this.options.signal).catch((error: unknown) => {
      // Losing the script's output must not lose the deploy: say so and carry on.
      this.options.emit({ type: 'warning', code: 'STP_SCRIPT_LOGS_UNAVAILABLE', message: `stopped showing the output of script "${script.name}": ${errorText(error)}`, resource: script.name });
    });
    this.active.set(script.logicalId, { tail, startedAt, loop });
  }

  private async finish(script: WatchedScript, run: ActiveRun, event: StackEventRecord): Promise<ScriptResult> {
    run.tail.markOver();
    await run.loop;
    const deleteFailure = event.status.endsWith('_COMPLETE') ? BEFORE_DELETE_FAILURE.exec(event.reason ?? '') : null;
    const ok = event.status.endsWith('_COMPLETE') && !deleteFailure;
    const error = ok ? undefined : (deleteFailure?.[1] ?? customResourceMessage(event.reason) ?? event.status);
    const durationMs = Math.max(0, Date.parse(event.at) - run.startedAt);
    this.options.emit({ type: 'script.finished', script: script.name, ok, ...(error !== undefined ? { error } : {}), durationMs });
    return { script: script.name, ok, ...(error !== undefined ? { error } : {}), lastLines: run.tail.lastLines() };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
