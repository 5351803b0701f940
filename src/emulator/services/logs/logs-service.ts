/**
 * CloudWatch Logs (awsJson1.1, `Logs_20140328`): log groups and streams, PutLogEvents,
 * GetLogEvents with AWS's token semantics, FilterLogEvents with the filter-pattern subset,
 * retention and tags, StartLiveTail (live-tail.ts). Every error is HTTP 400, as in AWS
 * (ResourceNotFoundException included).
 */
import { AwsServiceError } from '../../core/aws-error.js';
import type { LogsBackend } from '../../core/backends.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { EmulatorService, RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import { compileFilterPattern, FilterPatternError } from '../../../aws/logs/filter-pattern.js';
import { insightsQueryOperations } from './insights-queries.js';
import { startLiveTail } from './live-tail.js';
import { metricFilterOperations } from './metric-filters.js';
import { LogStore, type LogGroup, type LogStream, type StoredEvent } from './log-store.js';
import { indexAfterKey, indexAtOrAfterKey, indexAtOrAfterTime, scanStreams } from './event-scan.js';
import { decodeCursor, decodeStreamToken, encodeCursor, encodeStreamToken, type EventKey } from './log-tokens.js';

const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const GROUP_NAME = /^[.\-_/#A-Za-z0-9]+$/;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;
const DAY_MS = 86_400_000;
/** Events FilterLogEvents examines per call before returning a (possibly empty) page with a nextToken, as AWS does. */
const FILTER_MAX_SCAN = 100_000;

type Input = Record<string, unknown>;

const invalidParameter = (message: string) => new AwsServiceError('InvalidParameterException', message, 400);
const groupNotFound = () => new AwsServiceError('ResourceNotFoundException', 'The specified log group does not exist.', 400);
const streamNotFound = () => new AwsServiceError('ResourceNotFoundException', 'The specified log stream does not exist.', 400);
const invalidToken = () => invalidParameter('The specified nextToken is invalid.');

function constraint(value: unknown, field: string, rule: string): AwsServiceError {
  return invalidParameter(`1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: ${rule}`);
}

function optionalString(input: Input, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${name} must be a string`, 400);
  return value;
}

function requiredString(input: Input, name: string): string {
  const value = optionalString(input, name);
  if (value === undefined) throw constraint(null, name, 'Member must not be null');
  return value;
}

function optionalNumber(input: Input, name: string, min?: number, max?: number): number | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AwsServiceError('SerializationException', `${name} must be a number`, 400);
  if (min !== undefined && value < min) throw constraint(value, name, `Member must have value greater than or equal to ${min}`);
  if (max !== undefined && value > max) throw constraint(value, name, `Member must have value less than or equal to ${max}`);
  return value;
}

function optionalBoolean(input: Input, name: string): boolean | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new AwsServiceError('SerializationException', `${name} must be a boolean`, 400);
  return value;
}

function optionalStringList(input: Input, name: string): string[] | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw new AwsServiceError('SerializationException', `${name} must be a list of strings`, 400);
  }
  return value as string[];
}

function optionalTags(input: Input, name: string): Record<string, string> | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value) || Object.values(value).some((item) => typeof item !== 'string')) {
    throw new AwsServiceError('SerializationException', `${name} must be a map of strings`, 400);
  }
  return value as Record<string, string>;
}

function validateGroupName(name: string, field = 'logGroupName'): void {
  if (name.length < 1 || name.length > 512) throw constraint(name, field, 'Member must have length between 1 and 512');
  if (!GROUP_NAME.test(name)) throw constraint(name, field, 'Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+');
}

function validateStreamName(name: string): void {
  if (name.length < 1 || name.length > 512) throw constraint(name, 'logStreamName', 'Member must have length between 1 and 512');
  if (/[:*]/.test(name)) throw constraint(name, 'logStreamName', 'Member must satisfy regular expression pattern: [^:*]*');
}

export interface LogsServiceHandle {
  service: EmulatorService;
  backend: LogsBackend;
  /** The data itself, for tests and benchmarks. */
  store: LogStore;
}

export function createLogsService(ctx: EmulatorRuntimeContext): LogsServiceHandle {
  const store = new LogStore(
    () => ctx.clock.now().getTime(),
    () => ctx.state.markDirty(),
  );
  ctx.state.register('logs', { serialize: () => store.serialize(), restore: (saved) => store.restore(saved as never) });

  const groupArn = (region: string, name: string) => `arn:aws:logs:${region}:${ctx.accountId}:log-group:${name}`;

  /** Name from `logGroupName` or `logGroupIdentifier` (a name or an ARN), not both. */
  const groupNameOf = (input: Input, required = true): string | undefined => {
    const name = optionalString(input, 'logGroupName');
    const identifier = optionalString(input, 'logGroupIdentifier');
    if (name !== undefined && identifier !== undefined) {
      // Recorded from AWS (test_describe_log_streams_with_log_group_identifier): a ValidationException.
      throw new AwsServiceError('ValidationException', 'LogGroup name and LogGroup ARN are mutually exclusive parameters.', 400);
    }
    if (identifier !== undefined) {
      if (!identifier.startsWith('arn:')) return identifier;
      const match = /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(identifier);
      if (!match) throw invalidParameter(`The log group identifier ${identifier} is not a log group name or ARN.`);
      return match[1]!;
    }
    if (name === undefined && required) {
      throw invalidParameter('Either logGroupName or logGroupIdentifier must be specified.');
    }
    return name;
  };

  const findGroup = (input: Input): LogGroup => {
    const group = store.groups.get(groupNameOf(input)!);
    if (!group) throw groupNotFound();
    return group;
  };

  const groupFromArn = (arn: string): LogGroup => {
    const match = /^arn:aws[a-z-]*:logs:[^:]*:\d*:log-group:([^:]+)(?::\*)?$/.exec(arn);
    if (!match) throw invalidParameter(`Invalid resource ARN: ${arn} (only log group ARNs are supported by the local cloud).`);
    const group = store.groups.get(match[1]!);
    if (!group) throw groupNotFound();
    return group;
  };

  const describeGroup = (group: LogGroup, region: string) => {
    const arn = groupArn(region, group.name);
    let storedBytes = 0;
    for (const stream of group.streams.values()) storedBytes += stream.storedBytes;
    return {
      logGroupName: group.name,
      creationTime: group.creationTime,
      retentionInDays: group.retentionInDays,
      metricFilterCount: 0,
      arn: `${arn}:*`,
      storedBytes,
      logGroupClass: 'STANDARD',
      logGroupArn: arn,
    };
  };

  const describeStream = (group: LogGroup, stream: LogStream, region: string) => ({
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    firstEventTimestamp: stream.firstEventTimestamp,
    lastEventTimestamp: stream.lastEventTimestamp,
    lastIngestionTime: stream.lastIngestionTime,
    // No uploadSequenceToken: AWS stopped returning it once sequence tokens were retired (recorded 2026).
    arn: `${groupArn(region, group.name)}:log-stream:${stream.name}`,
    storedBytes: 0,
  });

  const operations: Record<string, (input: Input, request: RequestInfo) => unknown> = {
    CreateLogGroup(input) {
      const name = requiredString(input, 'logGroupName');
      validateGroupName(name);
      if (optionalString(input, 'kmsKeyId') !== undefined) {
        throw new UnsupportedOperationError('logs', 'CreateLogGroup', 'kmsKeyId');
      }
      const logGroupClass = optionalString(input, 'logGroupClass');
      if (logGroupClass !== undefined && logGroupClass !== 'STANDARD') {
        throw new UnsupportedOperationError('logs', 'CreateLogGroup', `logGroupClass ${logGroupClass}`);
      }
      if (store.groups.has(name)) throw new AwsServiceError('ResourceAlreadyExistsException', 'The specified log group already exists', 400);
      store.createGroup(name, { tags: optionalTags(input, 'tags') });
      return {};
    },

    DeleteLogGroup(input) {
      const name = requiredString(input, 'logGroupName');
      if (!store.groups.has(name)) throw groupNotFound();
      store.deleteLogGroup(name);
      return {};
    },

    CreateLogStream(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      const name = requiredString(input, 'logStreamName');
      validateStreamName(name);
      if (!group) throw groupNotFound();
      if (group.streams.has(name)) throw new AwsServiceError('ResourceAlreadyExistsException', 'The specified log stream already exists', 400);
      store.createStream(group, name);
      return {};
    },

    DeleteLogStream(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      const name = requiredString(input, 'logStreamName');
      if (!group) throw groupNotFound();
      if (!group.streams.delete(name)) throw streamNotFound();
      ctx.state.markDirty();
      return {};
    },

    PutLogEvents(input) {
      const groupName = requiredString(input, 'logGroupName');
      const streamName = requiredString(input, 'logStreamName');
      const raw = input.logEvents;
      if (!Array.isArray(raw)) throw constraint(null, 'logEvents', 'Member must not be null');
      if (raw.length < 1 || raw.length > 10_000) throw constraint(`[${raw.length} events]`, 'logEvents', 'Member must have length between 1 and 10000');
      const events = raw.map((item: unknown, index) => {
        const event = (item ?? {}) as Input;
        const timestamp = event.timestamp;
        const message = event.message;
        if (typeof timestamp !== 'number') throw constraint(null, `logEvents.${index + 1}.member.timestamp`, 'Member must not be null');
        if (typeof message !== 'string') throw constraint(null, `logEvents.${index + 1}.member.message`, 'Member must not be null');
        if (message.length < 1) throw constraint('', `logEvents.${index + 1}.member.message`, 'Member must have length greater than or equal to 1');
        return { timestamp, message };
      });
      const group = store.groups.get(groupName);
      if (!group) throw groupNotFound();
      const stream = group.streams.get(streamName);
      if (!stream) throw streamNotFound();
      let bytes = 0;
      for (let i = 0; i < events.length; i++) {
        bytes += Buffer.byteLength(events[i]!.message) + EVENT_OVERHEAD;
        if (i > 0 && events[i]!.timestamp < events[i - 1]!.timestamp) {
          throw invalidParameter('Log events in a single PutLogEvents request must be in chronological order.');
        }
      }
      if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Log event batch is ${bytes} bytes; the maximum is ${MAX_BATCH_BYTES} bytes.`);
      if (events[events.length - 1]!.timestamp - events[0]!.timestamp > DAY_MS) {
        throw invalidParameter('Log events in a single PutLogEvents request cannot span more than 24 hours.');
      }
      const now = ctx.clock.now().getTime();
      const oldest = Math.max(now - 14 * DAY_MS, group.retentionInDays ? now - group.retentionInDays * DAY_MS : -Infinity);
      const newest = now + 2 * 3_600_000;
      let tooOldEnd = -1;
      let tooNewStart = -1;
      events.forEach((event, index) => {
        if (event.timestamp < oldest) tooOldEnd = index + 1;
        if (event.timestamp > newest && tooNewStart < 0) tooNewStart = index;
      });
      const accepted = events.filter((event) => event.timestamp >= oldest && event.timestamp <= newest);
      store.append(group, stream, accepted);
      const rejected: Record<string, number> = {};
      if (tooOldEnd >= 0) rejected.tooOldLogEventEndIndex = tooOldEnd;
      if (tooNewStart >= 0) rejected.tooNewLogEventStartIndex = tooNewStart;
      return {
        nextSequenceToken: String(stream.events.length + 1).padStart(56, '4'),
        rejectedLogEventsInfo: Object.keys(rejected).length > 0 ? rejected : undefined,
      };
    },

    DescribeLogGroups(input, request) {
      const prefix = optionalString(input, 'logGroupNamePrefix');
      const pattern = optionalString(input, 'logGroupNamePattern');
      if (prefix !== undefined && pattern !== undefined) {
        throw invalidParameter('LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.');
      }
      const identifiers = optionalStringList(input, 'logGroupIdentifiers')?.map((id) =>
        id.startsWith('arn:') ? id.replace(/^arn:[^:]*:logs:[^:]*:[^:]*:log-group:/, '').replace(/:\*$/, '') : id,
      );
      const limit = optionalNumber(input, 'limit', 1, 50) ?? 50;
      const token = optionalString(input, 'nextToken');
      let after: string | undefined;
      if (token !== undefined) {
        const cursor = decodeCursor(token) as { g?: unknown } | undefined;
        if (typeof cursor?.g !== 'string') throw invalidToken();
        after = cursor.g;
      }
      const lowerPattern = pattern?.toLowerCase();
      const matching = [...store.groups.values()]
        .filter(
          (group) =>
            (prefix === undefined || group.name.startsWith(prefix)) &&
            (lowerPattern === undefined || group.name.toLowerCase().includes(lowerPattern)) &&
            (identifiers === undefined || identifiers.includes(group.name)),
        )
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
        .filter((group) => after === undefined || group.name > after);
      const page = matching.slice(0, limit);
      return {
        logGroups: page.map((group) => describeGroup(group, request.region)),
        nextToken: matching.length > limit ? encodeCursor({ g: page[page.length - 1]!.name }) : undefined,
      };
    },

    DescribeLogStreams(input, request) {
      const group = findGroup(input);
      const prefix = optionalString(input, 'logStreamNamePrefix');
      const orderBy = optionalString(input, 'orderBy') ?? 'LogStreamName';
      if (orderBy !== 'LogStreamName' && orderBy !== 'LastEventTime') {
        throw constraint(orderBy, 'orderBy', 'Member must satisfy enum value set: [LogStreamName, LastEventTime]');
      }
      if (orderBy === 'LastEventTime' && prefix !== undefined) {
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const descending = optionalBoolean(input, 'descending') ?? false;
      const limit = optionalNumber(input, 'limit', 1, 50) ?? 50;
      const sortKey = (stream: LogStream): [number, string] => [orderBy === 'LastEventTime' ? (stream.lastEventTimestamp ?? 0) : 0, stream.name];
      const compare = (a: [number, string], b: [number, string]) => {
        const order = a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
        return descending ? -order : order;
      };
      const token = optionalString(input, 'nextToken');
      let after: [number, string] | undefined;
      if (token !== undefined) {
        const cursor = decodeCursor(token) as { s?: unknown } | undefined;
        const key = cursor?.s;
        if (!Array.isArray(key) || typeof key[0] !== 'number' || typeof key[1] !== 'string') throw invalidToken();
        after = [key[0], key[1]];
      }
      const matching = [...group.streams.values()]
        .filter((stream) => prefix === undefined || stream.name.startsWith(prefix))
        .sort((a, b) => compare(sortKey(a), sortKey(b)))
        .filter((stream) => after === undefined || compare(sortKey(stream), after) > 0);
      const page = matching.slice(0, limit);
      return {
        logStreams: page.map((stream) => describeStream(group, stream, request.region)),
        nextToken: matching.length > limit ? encodeCursor({ s: sortKey(page[page.length - 1]!) }) : undefined,
      };
    },

    GetLogEvents(input) {
      const group = findGroup(input);
      const stream = group.streams.get(requiredString(input, 'logStreamName'));
      if (!stream) throw streamNotFound();
      const startTime = optionalNumber(input, 'startTime', 0);
      const endTime = optionalNumber(input, 'endTime', 0);
      const limit = optionalNumber(input, 'limit', 1, 10_000) ?? 10_000;
      const startFromHead = optionalBoolean(input, 'startFromHead') ?? false;
      const token = optionalString(input, 'nextToken');
      const decoded = token === undefined ? undefined : decodeStreamToken(token);
      if (token !== undefined && !decoded) throw invalidToken();
      // Events with startTime <= timestamp < endTime (GetLogEvents' endTime is exclusive).
      const events = stream.events;
      let from = startTime === undefined ? 0 : indexAtOrAfterTime(events, startTime);
      let to = endTime === undefined ? events.length : indexAtOrAfterTime(events, endTime);
      if (decoded?.direction === 'f') from = Math.max(from, indexAfterKey(events, decoded.key));
      if (decoded?.direction === 'b') to = Math.min(to, indexAtOrAfterKey(events, decoded.key));
      const forward = decoded ? decoded.direction === 'f' : startFromHead;
      const page = forward ? takeHead(events, from, to, limit) : takeTail(events, from, to, limit);
      const first = page[0];
      const last = page[page.length - 1];
      let nextForwardToken: string;
      let nextBackwardToken: string;
      if (first && last) {
        nextForwardToken = encodeStreamToken('f', last);
        nextBackwardToken = encodeStreamToken('b', first);
      } else if (decoded) {
        // At the end of the stream AWS returns the token it was given.
        const edge: EventKey =
          decoded.direction === 'f'
            ? { timestamp: decoded.key.timestamp, seq: decoded.key.seq + 1 }
            : { timestamp: decoded.key.timestamp, seq: Math.max(0, decoded.key.seq - 1) };
        nextForwardToken = decoded.direction === 'f' ? token! : encodeStreamToken('f', edge);
        nextBackwardToken = decoded.direction === 'b' ? token! : encodeStreamToken('b', edge);
      } else {
        nextForwardToken = encodeStreamToken('f', { timestamp: 0, seq: 0 });
        nextBackwardToken = encodeStreamToken('b', { timestamp: 0, seq: 0 });
      }
      return {
        events: page.map((event) => ({ timestamp: event.timestamp, message: event.message, ingestionTime: event.ingestionTime })),
        nextForwardToken,
        nextBackwardToken,
      };
    },

    FilterLogEvents(input) {
      const group = findGroup(input);
      const names = optionalStringList(input, 'logStreamNames');
      const prefix = optionalString(input, 'logStreamNamePrefix');
      if (names !== undefined && prefix !== undefined) {
        throw invalidParameter('logStreamNames and logStreamNamePrefix are mutually exclusive parameters.');
      }
      if (names !== undefined && (names.length < 1 || names.length > 100)) {
        throw constraint(`[${names.length} names]`, 'logStreamNames', 'Member must have length between 1 and 100');
      }
      const startTime = optionalNumber(input, 'startTime', 0);
      const endTime = optionalNumber(input, 'endTime', 0);
      const limit = optionalNumber(input, 'limit', 1, 10_000) ?? 10_000;
      if (optionalBoolean(input, 'unmask')) throw new UnsupportedOperationError('logs', 'FilterLogEvents', 'unmask');
      let matches: (message: string) => boolean;
      try {
        matches = compileFilterPattern(optionalString(input, 'filterPattern'));
      } catch (error) {
        if (error instanceof FilterPatternError) throw invalidParameter(error.message);
        throw error;
      }
      const token = optionalString(input, 'nextToken');
      let after: EventKey | undefined;
      if (token !== undefined) {
        const cursor = decodeCursor(token) as { e?: unknown } | undefined;
        const key = cursor?.e;
        if (!Array.isArray(key) || key.length !== 2 || key.some((part) => typeof part !== 'number')) throw invalidToken();
        after = { timestamp: key[0] as number, seq: key[1] as number };
      }
      const streams = [...group.streams.values()].filter(
        (stream) => (names === undefined || names.includes(stream.name)) && (prefix === undefined || stream.name.startsWith(prefix)),
      );
      const scan = scanStreams(streams, { after, startTime, endTime, limit, matches, maxScan: FILTER_MAX_SCAN });
      return {
        events: scan.hits.map(({ stream, event }) => ({
          logStreamName: stream.name,
          timestamp: event.timestamp,
          message: event.message,
          ingestionTime: event.ingestionTime,
          eventId: `${String(event.timestamp).padStart(16, '0')}${String(event.seq).padStart(40, '0')}`,
        })),
        searchedLogStreams: streams.map((stream) => ({ logStreamName: stream.name, searchedCompletely: scan.resumeAfter === undefined })),
        nextToken: scan.resumeAfter ? encodeCursor({ e: [scan.resumeAfter.timestamp, scan.resumeAfter.seq] }) : undefined,
      };
    },

    PutRetentionPolicy(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      const days = optionalNumber(input, 'retentionInDays');
      if (days === undefined) throw constraint(null, 'retentionInDays', 'Member must not be null');
      if (!RETENTION_DAYS.includes(days)) {
        throw constraint(days, 'retentionInDays', `Member must satisfy enum value set: [${RETENTION_DAYS.join(', ')}]`);
      }
      if (!group) throw groupNotFound();
      group.retentionInDays = days;
      ctx.state.markDirty();
      return {};
    },

    DeleteRetentionPolicy(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      if (!group) throw groupNotFound();
      delete group.retentionInDays;
      ctx.state.markDirty();
      return {};
    },

    TagResource(input) {
      const group = groupFromArn(requiredString(input, 'resourceArn'));
      Object.assign(group.tags, optionalTags(input, 'tags') ?? {});
      ctx.state.markDirty();
      return {};
    },

    UntagResource(input) {
      const group = groupFromArn(requiredString(input, 'resourceArn'));
      for (const key of optionalStringList(input, 'tagKeys') ?? []) delete group.tags[key];
      ctx.state.markDirty();
      return {};
    },

    ListTagsForResource(input) {
      return { tags: { ...groupFromArn(requiredString(input, 'resourceArn')).tags } };
    },

    TagLogGroup(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      if (!group) throw groupNotFound();
      Object.assign(group.tags, optionalTags(input, 'tags') ?? {});
      ctx.state.markDirty();
      return {};
    },

    UntagLogGroup(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      if (!group) throw groupNotFound();
      for (const key of optionalStringList(input, 'tags') ?? []) delete group.tags[key];
      ctx.state.markDirty();
      return {};
    },

    StartLiveTail(input, request) {
      return startLiveTail(input, { store, clock: ctx.clock, accountId: ctx.accountId, requestId: request.requestId });
    },

    ListTagsLogGroup(input) {
      const group = store.groups.get(requiredString(input, 'logGroupName'));
      if (!group) throw groupNotFound();
      return { tags: { ...group.tags } };
    },

    ...metricFilterOperations(store, () => ctx.state.markDirty(), groupNotFound),
    ...insightsQueryOperations(store, { accountId: ctx.accountId, now: () => ctx.clock.now().getTime() }),
  };

  const service: EmulatorService = {
    signingName: 'logs',
    async handle(operation, input, request) {
      const run = operations[operation];
      if (!run) throw new UnsupportedOperationError('logs', operation);
      return run(input, request);
    },
  };
  return { service, backend: store, store };
}

/** First events of [from, to) up to `limit` and the 1 MB response cap. */
function takeHead(events: StoredEvent[], from: number, to: number, limit: number): StoredEvent[] {
  const page: StoredEvent[] = [];
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const event = events[i]!;
    bytes += Buffer.byteLength(event.message) + EVENT_OVERHEAD;
    if (page.length >= limit || (bytes > MAX_BATCH_BYTES && page.length > 0)) break;
    page.push(event);
  }
  return page;
}

/** Last events of [from, to) up to `limit` and the 1 MB response cap, in ascending order. */
function takeTail(events: StoredEvent[], from: number, to: number, limit: number): StoredEvent[] {
  const page: StoredEvent[] = [];
  let bytes = 0;
  for (let i = to - 1; i >= from; i--) {
    const event = events[i]!;
    bytes += Buffer.byteLength(event.message) + EVENT_OVERHEAD;
    if (page.length >= limit || (bytes > MAX_BATCH_BYTES && page.length > 0)) break;
    page.push(event);
  }
  return page.reverse();
}
