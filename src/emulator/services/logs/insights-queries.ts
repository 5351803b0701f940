/**
 * Logs Insights operations: StartQuery, GetQueryResults, DescribeQueries, over the query subset in
 * insights-query-language.ts. A query runs to completion when it is started (status Complete on the
 * first GetQueryResults); queries are kept in memory only, as AWS keeps results for a limited time.
 */
import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import type { LogStore } from './log-store.js';
import { parseQuery, QuerySyntaxError, runQuery, UnsupportedQueryError, type QueryEvent, type QueryOutcome } from './insights-query-language.js';

type Input = Record<string, unknown>;

interface StoredQuery {
  queryId: string;
  queryString: string;
  logGroupNames: string[];
  createTime: number;
  outcome: QueryOutcome;
  recordsScanned: number;
  bytesScanned: number;
}

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message, 400);

function groupNamesOf(input: Input): string[] {
  const single = input.logGroupName;
  const many = input.logGroupNames ?? input.logGroupIdentifiers;
  if (single !== undefined && many !== undefined) throw invalid('Only one of logGroupName, logGroupNames or logGroupIdentifiers may be given.');
  if (typeof single === 'string') return [single];
  if (Array.isArray(many) && many.length > 0 && many.every((name) => typeof name === 'string')) {
    return many.map((name: string) => /:log-group:([^:]+)/.exec(name)?.[1] ?? name);
  }
  throw invalid('One of logGroupName, logGroupNames or logGroupIdentifiers is required.');
}

export function insightsQueryOperations(store: LogStore, deps: { accountId: string; now: () => number }) {
  const queries = new Map<string, StoredQuery>();

  return {
    StartQuery(input: Input) {
      const names = groupNamesOf(input);
      const startTime = input.startTime;
      const endTime = input.endTime;
      const queryString = input.queryString;
      if (typeof startTime !== 'number' || typeof endTime !== 'number') throw invalid('startTime and endTime are required (epoch seconds).');
      if (typeof queryString !== 'string' || queryString.trim() === '') throw invalid('queryString is required.');
      if (endTime < startTime) throw invalid('End time should not be before the start time');
      const limit = typeof input.limit === 'number' ? input.limit : 10_000;
      if (limit < 1 || limit > 10_000) throw invalid(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 10000`);
      for (const name of names) {
        if (!store.groups.has(name)) {
          throw new AwsServiceError(
            'ResourceNotFoundException',
            `Log group '${name}' does not exist for account ID '${deps.accountId}' (Service: AWSLogs; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: ${randomUUID()}; Proxy: null)`,
            400,
          );
        }
      }
      let commands;
      try {
        commands = parseQuery(queryString);
      } catch (error) {
        if (error instanceof UnsupportedQueryError) throw new UnsupportedOperationError('logs', 'StartQuery', error.message);
        if (error instanceof QuerySyntaxError) {
          throw new AwsServiceError('MalformedQueryException', error.message, 400);
        }
        throw error;
      }
      const from = startTime * 1000;
      const to = endTime * 1000 + 999;
      const events: QueryEvent[] = [];
      let bytesScanned = 0;
      for (const name of names) {
        const group = store.groups.get(name)!;
        for (const stream of group.streams.values()) {
          for (const event of stream.events) {
            if (event.timestamp < from || event.timestamp > to) continue;
            bytesScanned += Buffer.byteLength(event.message);
            events.push({
              timestamp: event.timestamp,
              ingestionTime: event.ingestionTime,
              message: event.message,
              logStream: stream.name,
              log: `${deps.accountId}:${name}`,
              ptr: Buffer.from(`${name}\n${stream.name}\n${event.seq}`).toString('base64'),
            });
          }
        }
      }
      events.sort((a, b) => a.timestamp - b.timestamp);
      const queryId = randomUUID();
      queries.set(queryId, {
        queryId,
        queryString: `SOURCE ${names.map((name) => `"${name}"`).join(' ')} START=${startTime}000 END=${endTime}999 | ${queryString}`,
        logGroupNames: names,
        createTime: deps.now(),
        outcome: runQuery(commands, events, limit),
        recordsScanned: events.length,
        bytesScanned,
      });
      return { queryId };
    },

    GetQueryResults(input: Input) {
      const query = typeof input.queryId === 'string' ? queries.get(input.queryId) : undefined;
      if (!query) throw new AwsServiceError('ResourceNotFoundException', 'Query does not exist.', 400);
      return {
        queryLanguage: 'CWLI',
        results: query.outcome.results,
        statistics: {
          recordsMatched: query.outcome.recordsMatched,
          recordsScanned: query.recordsScanned,
          bytesScanned: query.bytesScanned,
          logGroupsScanned: query.logGroupNames.length,
        },
        status: 'Complete',
      };
    },

    DescribeQueries(input: Input) {
      const group = typeof input.logGroupName === 'string' ? input.logGroupName : undefined;
      const status = typeof input.status === 'string' ? input.status : undefined;
      const found = [...queries.values()]
        .filter((query) => group === undefined || query.logGroupNames.includes(group))
        .filter(() => status === undefined || status === 'Complete')
        .sort((a, b) => b.createTime - a.createTime);
      return {
        queries: found.map((query) => ({
          queryId: query.queryId,
          queryString: query.queryString,
          status: 'Complete',
          createTime: query.createTime,
          logGroupName: query.logGroupNames[0],
          queryLanguage: 'CWLI',
        })),
      };
    },
  };
}
