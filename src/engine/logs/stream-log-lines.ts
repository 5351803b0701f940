/**
 * Reads a log group from a start time and reports each line once as `log.line`; with `follow`,
 * keeps polling (FilterLogEvents under the scheduler, deduplicated by eventId) until aborted.
 */
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LogTail } from '../../aws/logs/log-tail.js';
import type { DeployEventBody } from '../events.js';
import { outputLines, parseLambdaLogLine } from '../watch/lambda-log-lines.js';
import type { PollScheduler } from '../watch/poll-scheduler.js';
import type { LogSource } from './log-source.js';

export interface StreamLogLinesInput {
  logs: CloudWatchLogsClient;
  source: LogSource;
  startTime: number;
  filterPattern?: string;
  follow: boolean;
  scheduler: PollScheduler;
  emit(event: Extract<DeployEventBody, { type: 'log.line' }>): void;
  signal: AbortSignal;
}

/** Resolves when everything up to now is read (no follow) or when `signal` aborts (follow). */
export async function streamLogLines(input: StreamLogLinesInput): Promise<void> {
  const tail = new LogTail(input.logs, {
    logGroupName: input.source.logGroupName,
    startTime: input.startTime,
    ...(input.filterPattern !== undefined ? { filterPattern: input.filterPattern } : {}),
    call: (fn) => input.scheduler.call(fn, input.signal),
  });
  const readOnce = async () => {
    const events = await tail.read(input.signal);
    for (const event of events) {
      const text = input.source.format === 'lambda' ? lambdaText(event.message) : event.message.replace(/\r?\n$/, '');
      if (text === undefined) continue;
      const at = new Date(event.timestamp).toISOString();
      outputLines(text).forEach((line, index) => {
        input.emit({ type: 'log.line', source: input.source.source, line, at, eventId: index === 0 ? event.eventId : `${event.eventId}#${index}` });
      });
    }
    return events.length > 0;
  };
  if (!input.follow) {
    await readOnce();
    return;
  }
  await input.scheduler.run(`logs:${input.source.logGroupName}`, async () => ({ changed: await readOnce() }), input.signal);
}

function lambdaText(message: string): string | undefined {
  const line = parseLambdaLogLine(message);
  return line.kind === 'output' ? line.text : undefined;
}
