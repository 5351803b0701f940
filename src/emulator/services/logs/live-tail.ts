/**
 * CloudWatch Logs StartLiveTail: an event stream that opens with one `sessionStart` and then
 * sends one `sessionUpdate` every second (wall clock), empty or not, with the events ingested
 * since the previous update that match the session's groups, streams and filter pattern. An update
 * carries at most 500 events; beyond that it carries an evenly spread sample and
 * `sessionMetadata.sampled: true`. The session ends with SessionTimeoutException after 3 hours of
 * emulated time (compressed by the time scale, like every emulated duration).
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { AwsServiceError } from '../../core/aws-error.js';
import { eventFrame, EventStreamResult, exceptionFrame } from '../../protocols/event-stream.js';
import { compileFilterPattern, FilterPatternError } from '../../../aws/logs/filter-pattern.js';
import type { LogStore, StoredEvent } from './log-store.js';

export const LIVE_TAIL_UPDATE_MS = 1_000;
export const LIVE_TAIL_MAX_EVENTS = 500;
const SESSION_LIMIT_MS = 3 * 3_600_000;
const GROUP_ARN = /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/;

export interface LiveTailInput {
  logGroupIdentifiers?: unknown;
  logStreamNames?: unknown;
  logStreamNamePrefixes?: unknown;
  logEventFilterPattern?: unknown;
}

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message, 400);

function stringList(value: unknown, name: string, min: number, max: number): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new AwsServiceError('SerializationException', `${name} must be a list of strings`, 400);
  }
  if (value.length < min || value.length > max) {
    throw invalid(`1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length between ${min} and ${max}`);
  }
  return value as string[];
}

export function startLiveTail(
  input: LiveTailInput,
  deps: { store: LogStore; clock: Clock; accountId: string; requestId: string },
): EventStreamResult {
  const identifiers = stringList(input.logGroupIdentifiers, 'logGroupIdentifiers', 1, 10);
  if (!identifiers) throw invalid("1 validation error detected: Value null at 'logGroupIdentifiers' failed to satisfy constraint: Member must not be null");
  const groupNames = identifiers.map((identifier) => {
    const match = GROUP_ARN.exec(identifier);
    if (!match) throw invalid(`logGroupIdentifiers must be log group ARNs; "${identifier}" is not one.`);
    if (!deps.store.groups.has(match[1]!)) {
      throw new AwsServiceError('ResourceNotFoundException', `The specified log group does not exist: ${identifier}`, 400);
    }
    return match[1]!;
  });
  const streamNames = stringList(input.logStreamNames, 'logStreamNames', 1, 100);
  const streamPrefixes = stringList(input.logStreamNamePrefixes, 'logStreamNamePrefixes', 1, 100);
  if (streamNames && streamPrefixes) throw invalid('logStreamNames and logStreamNamePrefixes are mutually exclusive parameters.');
  if ((streamNames || streamPrefixes) && identifiers.length !== 1) {
    throw invalid('logStreamNames and logStreamNamePrefixes need exactly one log group in logGroupIdentifiers.');
  }
  const pattern = input.logEventFilterPattern;
  if (pattern !== undefined && pattern !== null && typeof pattern !== 'string') {
    throw new AwsServiceError('SerializationException', 'logEventFilterPattern must be a string', 400);
  }
  let matches: (message: string) => boolean;
  try {
    matches = compileFilterPattern(pattern ?? undefined);
  } catch (error) {
    if (error instanceof FilterPatternError) throw invalid(error.message);
    throw error;
  }

  return new EventStreamResult((writer) => {
    const pending: { group: string; stream: string; event: StoredEvent }[] = [];
    const unsubscribe = deps.store.onAppend((group, stream, events) => {
      if (!groupNames.includes(group.name)) return;
      if (streamNames && !streamNames.includes(stream.name)) return;
      if (streamPrefixes && !streamPrefixes.some((prefix) => stream.name.startsWith(prefix))) return;
      for (const event of events) if (matches(event.message)) pending.push({ group: group.name, stream: stream.name, event });
    });
    const flush = () => {
      const all = pending.splice(0);
      const sampled = all.length > LIVE_TAIL_MAX_EVENTS;
      const chosen = sampled
        ? Array.from({ length: LIVE_TAIL_MAX_EVENTS }, (_, i) => all[Math.floor((i * all.length) / LIVE_TAIL_MAX_EVENTS)]!)
        : all;
      writer.send(
        eventFrame('sessionUpdate', {
          sessionMetadata: { sampled },
          sessionResults: chosen.map(({ group, stream, event }) => ({
            logStreamName: stream,
            logGroupIdentifier: `${deps.accountId}:${group}`,
            message: event.message,
            timestamp: event.timestamp,
            ingestionTime: event.ingestionTime,
          })),
        }),
      );
    };
    const interval = setInterval(flush, LIVE_TAIL_UPDATE_MS);
    const timeout = setTimeout(() => {
      writer.send(exceptionFrame('SessionTimeoutException', 'Session timed out after 3 hours.'));
      stop();
      writer.end();
    }, deps.clock.toWallMs(SESSION_LIMIT_MS));
    const stop = () => {
      clearInterval(interval);
      clearTimeout(timeout);
      unsubscribe();
    };
    writer.signal.addEventListener('abort', stop, { once: true });
    writer.send(
      eventFrame('sessionStart', {
        requestId: deps.requestId,
        sessionId: randomUUID(),
        logGroupIdentifiers: identifiers,
        logStreamNames: streamNames,
        logStreamNamePrefixes: streamPrefixes,
        logEventFilterPattern: pattern ?? undefined,
      }),
    );
  });
}
