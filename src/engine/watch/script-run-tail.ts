/**
 * One run of a deployment script, seen through its function's log group: from the moment its
 * custom resource starts (or a rerun invokes it) until the run is over and its lines are drained.
 * Emits `script.log` for the user's lines (Lambda's platform lines are read, never shown), keeps
 * the last lines for the first cause, and knows when every invocation it saw start has ended.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogTail } from '../../aws/logs/log-tail.js';
import type { DeployEventBody } from '../events.js';
import { outputLines, parseLambdaLogLine } from './lambda-log-lines.js';
import type { PollOutcome, PollScheduler } from './poll-scheduler.js';

export interface ScriptRunTailOptions {
  logs: CloudWatchLogsClient;
  scheduler: PollScheduler;
  script: string;
  logGroup: string;
  /** Epoch ms the run started (the custom resource's *_IN_PROGRESS event, or the Invoke). */
  startTime: number;
  emit(event: DeployEventBody): void;
  /** After the run is over: how long to wait for lines of invocations that have not ended (default 15 s). */
  endGraceMs?: number;
  /** After the run is over with no invocation seen at all: how long to wait for one (default 3 s). */
  startGraceMs?: number;
  /** Lines kept for the first cause (default 20). */
  keepLines?: number;
  overlapMs?: number;
  /**
   * Show only invocations whose START line is stamped at or after this (epoch ms): a rerun must not
   * show the lines of a run that started just before it. Lines of other invocations are read, not shown.
   */
  onlyRunsStartedFrom?: number;
}

export class ScriptRunTail {
  private readonly tail: LogTail;
  private readonly started = new Set<string>();
  private readonly ended = new Set<string>();
  /** Invocations whose lines are shown (all of them unless onlyRunsStartedFrom says otherwise). */
  private readonly shown = new Set<string>();
  private readonly last: string[] = [];
  private overAt: number | undefined;
  private reportedDurationMs: number | undefined;

  constructor(private readonly options: ScriptRunTailOptions) {
    this.tail = new LogTail(options.logs, {
      logGroupName: options.logGroup,
      startTime: options.startTime,
      overlapMs: options.overlapMs,
      call: (fn) => options.scheduler.call(fn),
    });
  }

  /** The user's last lines (for the first cause). */
  lastLines(): string[] {
    return [...this.last];
  }

  /** Lambda's reported duration of the last invocation that ended, if its REPORT line was read. */
  get durationMs(): number | undefined {
    return this.reportedDurationMs;
  }

  /** The run is over (its resource finished, or the Invoke returned): drain, then stop. */
  markOver(): void {
    if (this.overAt !== undefined) return;
    this.overAt = this.options.scheduler.clock.now();
    // Reads that keep failing (backing off) must not hold the watch: give up a while after the grace.
    const limit = Math.max(this.options.endGraceMs ?? 15_000, this.options.startGraceMs ?? 3000) + 15_000;
    this.options.scheduler.clock.sleep(limit, this.stop.signal).then(
      () => this.stop.abort(),
      () => undefined,
    );
  }

  private readonly stop = new AbortController();

  /** Polls the log group under the scheduler until the run is over and drained, or `signal` aborts. */
  async run(key: string, signal: AbortSignal): Promise<void> {
    const onAbort = () => this.stop.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.options.scheduler.run(key, () => this.poll(this.stop.signal), this.stop.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      // Ends the watchdog.
      this.stop.abort();
    }
  }

  /** One read; done once the run is over and every invocation seen has ended (or grace ran out). */
  async poll(signal?: AbortSignal): Promise<PollOutcome> {
    const over = this.overAt !== undefined;
    const events = await this.tail.read(signal);
    for (const event of events) this.take(event.eventId, event.timestamp, event.message);
    if (!over) return { changed: events.length > 0 };
    const openRuns = [...this.started].some((id) => !this.ended.has(id));
    const waited = this.options.scheduler.clock.now() - this.overAt!;
    const grace = this.started.size === 0 ? (this.options.startGraceMs ?? 3000) : (this.options.endGraceMs ?? 15_000);
    const done = (!openRuns && this.started.size > 0 && events.length === 0) || waited >= grace;
    return { changed: events.length > 0 || !done, done };
  }

  private take(eventId: string, timestamp: number, message: string): void {
    const line = parseLambdaLogLine(message);
    switch (line.kind) {
      case 'start':
        if (this.options.onlyRunsStartedFrom !== undefined && timestamp < this.options.onlyRunsStartedFrom) return;
        this.started.add(line.requestId);
        this.shown.add(line.requestId);
        return;
      case 'end':
        this.ended.add(line.requestId);
        return;
      case 'report':
        if (!this.shown.has(line.requestId) && this.options.onlyRunsStartedFrom !== undefined) return;
        this.ended.add(line.requestId);
        if (line.durationMs !== undefined) this.reportedDurationMs = line.durationMs;
        return;
      case 'platform':
        return;
      case 'output': {
        if (this.options.onlyRunsStartedFrom !== undefined) {
          // A line of an invocation started before the window (or, without a request id, while none of ours runs).
          const ours = line.requestId !== undefined ? this.shown.has(line.requestId) : [...this.shown].some((id) => !this.ended.has(id));
          if (!ours) return;
        }
        const at = new Date(timestamp).toISOString();
        const lines = outputLines(line.text);
        lines.forEach((text, index) => {
          this.options.emit({ type: 'script.log', script: this.options.script, line: text, at, eventId: index === 0 ? eventId : `${eventId}#${index}` });
          this.last.push(text);
        });
        const keep = this.options.keepLines ?? 20;
        if (this.last.length > keep) this.last.splice(0, this.last.length - keep);
      }
    }
  }
}
