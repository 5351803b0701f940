/**
 * Reads one or several log groups from a start time and reports each line once as `log.line`,
 * several sources interleaved by time (each read merges what every group returned, oldest first);
 * with `follow`, keeps polling (FilterLogEvents under the scheduler, deduplicated by eventId per
 * group) until aborted.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogTail } from '../../aws/logs/log-tail.js';
import type { DeployEventBody } from '../events.js';
import { outputLines, parseLambdaLogLine } from '../watch/lambda-log-lines.js';
import type { PollScheduler } from '../watch/poll-scheduler.js';
import type { LogSource } from './log-source.js';

export type LogLineEvent = Extract<DeployEventBody, { type: 'log.line' }>;

export interface StreamLogLinesInput {
  logs: CloudWatchLogsClient;
  sources: readonly LogSource[];
  startTime: number;
  filterPattern?: string;
  follow: boolean;
  scheduler: PollScheduler;
  emit(event: LogLineEvent): void;
  signal: AbortSignal;
  /** Called once everything up to now was read (the first read of a follow); errors before it reject the stream. */
  ready?: () => void;
}

/** Distinguishes the pollers of concurrent streams that share one scheduler. */
let streamCount = 0;

/** Resolves when everything up to now is read (no follow) or when `signal` aborts (follow). */
export async function streamLogLines(input: StreamLogLinesInput): Promise<void> {
  const tails = input.sources.map(
    (source) =>
      new LogTail(input.logs, {
        logGroupName: source.logGroupName,
        startTime: input.startTime,
        // A busy group is re-read for the whole window on every poll: a shorter window than the
        // scripts' keeps that cheap while still catching the usual late ingestion (seconds).
        overlapMs: 10_000,
        ...(input.filterPattern !== undefined ? { filterPattern: input.filterPattern } : {}),
        call: (fn) => input.scheduler.call(fn, input.signal),
      }),
  );
  const readOnce = async () => {
    const read = await Promise.all(tails.map((tail) => tail.read(input.signal)));
    const merged: { timestamp: number; order: number; event: LogLineEvent }[] = [];
    read.forEach((events, sourceIndex) => {
      const source = input.sources[sourceIndex]!;
      for (const event of events) {
        const text = source.format === 'lambda' ? lambdaText(event.message) : event.message.replace(/\r?\n$/, '');
        if (text === undefined) continue;
        const at = new Date(event.timestamp).toISOString();
        outputLines(text).forEach((line, index) => {
          merged.push({
            timestamp: event.timestamp,
            order: merged.length,
            event: { type: 'log.line', source: source.source, line, at, eventId: index === 0 ? event.eventId : `${event.eventId}#${index}` },
          });
        });
      }
    });
    // One source's lines are already in CloudWatch's order; several are interleaved by time (stable).
    if (tails.length > 1) merged.sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
    for (const { event } of merged) input.emit(event);
    return read.some((events) => events.length > 0);
  };
  if (!input.follow) {
    await readOnce();
    input.ready?.();
    return;
  }
  let first = true;
  const key = `logs#${++streamCount}:${input.sources.map((s) => s.logGroupName).join(',')}`;
  await input.scheduler.run(
    key,
    async () => {
      const changed = await readOnce();
      if (first) {
        first = false;
        input.ready?.();
      }
      return { changed };
    },
    input.signal,
  );
}

function lambdaText(message: string): string | undefined {
  const line = parseLambdaLogLine(message);
  return line.kind === 'output' ? line.text : undefined;
}
