/**
 * Following logs inside a session, as `log.line` events on its bus. A tailer follows one set of
 * log groups at a time: a new `tail()` replaces the previous one. Every tail reads from the same
 * start (the session's start minus a look-back), and lines already reported in this session are
 * not reported again, so switching resources or filters back and forth never repeats a line.
 * Tails stop when the session ends or stops watching (detach, interrupt).
 *
 * `bindSessionLogTail` is a deploy session's `tailLogs(resource, { filterPattern })`: the resource's
 * log group from compile's names (as `stp logs` finds it), lines with the resource as source.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { awsErrorToStpError } from '../../aws/errors/aws-error-sentence.js';
import type { ResourceHandles } from '../compile/compute-names.js';
import type { DeploySession } from '../session/deploy-session.js';
import { PollScheduler } from '../watch/poll-scheduler.js';
import { resolveLogSource, type LogSource } from './log-source.js';
import { streamLogLines } from './stream-log-lines.js';

/** How far before the session's start a tail begins (recent lines give context). */
export const TAIL_LOOK_BACK_MS = 10 * 60_000;
/** Reported line ids remembered for de-duplication (oldest forgotten first). */
const SEEN_LIMIT = 50_000;

export interface LogTailerInput {
  session: DeploySession;
  logs: CloudWatchLogsClient;
  /** The session's scheduler (its API budget); a fresh one otherwise. */
  scheduler?: PollScheduler;
  /** Epoch ms tails start from (default: now minus TAIL_LOOK_BACK_MS). */
  startTime?: number;
}

export interface LogTailer {
  /**
   * Follows these sources (replacing the previous tail); resolves once everything up to now was
   * read, rejects (as an StpError) when that first read fails, e.g. a pattern CloudWatch refuses.
   * A later failure ends the tail with a `warning` event.
   */
  tail(sources: readonly LogSource[], filterPattern?: string): Promise<void>;
}

export function createLogTailer(input: LogTailerInput): LogTailer {
  const { session, logs } = input;
  const startTime = input.startTime ?? Date.now() - TAIL_LOOK_BACK_MS;
  let scheduler = input.scheduler;
  let current: AbortController | undefined;
  const seen = new Set<string>();
  const ended = AbortSignal.any([session.endAbort.signal, session.watchAbort.signal]);
  ended.addEventListener('abort', () => current?.abort(), { once: true });

  return {
    tail(sources, pattern) {
      current?.abort();
      const controller = new AbortController();
      current = controller;
      if (ended.aborted) controller.abort();
      const polls = (scheduler ??= new PollScheduler());
      const filterPattern = pattern?.trim() || undefined;
      const names = sources.map((s) => s.source).join(', ');
      return new Promise<void>((resolve, reject) => {
        let started = false;
        streamLogLines({
          logs,
          sources,
          startTime,
          ...(filterPattern !== undefined ? { filterPattern } : {}),
          follow: true,
          scheduler: polls,
          signal: controller.signal,
          ready: () => {
            started = true;
            resolve();
          },
          emit: (event) => {
            const id = `${event.source}\u0000${event.eventId}`;
            if (seen.has(id)) return;
            seen.add(id);
            if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value!);
            session.emit(event);
          },
        }).then(
          () => {
            if (!started) resolve();
          },
          (error: unknown) => {
            if (controller.signal.aborted) return started ? undefined : resolve();
            const stpError = awsErrorToStpError(error, { doing: `read the logs of ${names}`, resource: sources.map((s) => s.logGroupName).join(', ') });
            if (!started) return reject(stpError);
            session.emit({ type: 'warning', code: 'STP_LOGS_TAIL_STOPPED', message: `Stopped following the logs of ${names}: ${stpError.message}` });
          },
        );
      });
    },
  };
}

/** Binds a deploy session's `tailLogs` for as long as the session runs. */
export function bindSessionLogTail(input: LogTailerInput & { handles: ResourceHandles }): void {
  const tailer = createLogTailer(input);
  input.session.bind({
    tailLogs: async (resource, options) => tailer.tail([resolveLogSource(input.handles, resource)], options?.filterPattern),
  });
}
