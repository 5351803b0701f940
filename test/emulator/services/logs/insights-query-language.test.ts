import { describe, expect, it } from 'vitest';
import { insightsTime, parseQuery, QuerySyntaxError, runQuery, UnsupportedQueryError, type QueryEvent } from '../../../../src/emulator/services/logs/insights-query-language.js';

const T0 = Date.parse('2026-03-01T10:00:00.000Z');
const event = (offset: number, message: string, stream = 's1'): QueryEvent => ({
  timestamp: T0 + offset,
  ingestionTime: T0 + offset + 5,
  message,
  logStream: stream,
  log: '000000000000:/g',
  ptr: `ptr-${offset}`,
});
const EVENTS = [
  event(0, 'GET /a 200 12'),
  event(1000, '{"status":500,"route":{"path":"/b"},"user":"ann"}'),
  event(2000, '{"status":200,"route":{"path":"/a"},"user":"bob"}', 's2'),
  event(3000, 'WARN slow request'),
];
const run = (query: string) => runQuery(parseQuery(query), EVENTS);
const column = (query: string, field: string) => run(query).results.map((row) => row.find((cell) => cell.field === field)?.value);

describe('Logs Insights subset', () => {
  it('defaults to @timestamp, @message, @logStream, @log and ends each row with @ptr', () => {
    expect(run('limit 1').results).toEqual([
      [
        { field: '@timestamp', value: '2026-03-01 10:00:00.000' },
        { field: '@message', value: 'GET /a 200 12' },
        { field: '@logStream', value: 's1' },
        { field: '@log', value: '000000000000:/g' },
        { field: '@ptr', value: 'ptr-0' },
      ],
    ]);
    expect(insightsTime(T0 + 7)).toBe('2026-03-01 10:00:00.007');
  });

  it('reads nested JSON fields and compares numbers as numbers', () => {
    expect(column('fields user | filter status >= 500', 'user')).toEqual(['ann']);
    expect(column('fields route.path | filter route.path = "/a"', 'route.path')).toEqual(['/a']);
    // "500" > "60" as text, not as numbers.
    expect(column('fields user | filter status > 60 and status < 400', 'user')).toEqual(['bob']);
  });

  it('like with text, regex and (?i); not like; or and parentheses', () => {
    expect(column('filter @message like "slow"', '@message')).toEqual(['WARN slow request']);
    expect(column('filter @message like /(?i)warn/', '@message')).toEqual(['WARN slow request']);
    expect(run('filter @message not like /\\{/').results).toHaveLength(2);
    expect(column('fields user | filter (user = "ann" or user = "bob") and not status = 200', 'user')).toEqual(['ann']);
  });

  it('sorts (desc, missing values last) and limits after sorting', () => {
    expect(column('fields user | sort user desc', 'user')).toEqual(['bob', 'ann', undefined, undefined]);
    expect(column('sort @timestamp desc | limit 2', '@message')).toEqual(['WARN slow request', '{"status":200,"route":{"path":"/a"},"user":"bob"}']);
    expect(run('filter @message like "/" | limit 1').recordsMatched).toBe(3);
  });

  it('stats count(*) by fields, with an alias, sortable', () => {
    expect(run('stats count(*) as n by @logStream | sort n desc').results).toEqual([
      [
        { field: '@logStream', value: 's1' },
        { field: 'n', value: '3' },
      ],
      [
        { field: '@logStream', value: 's2' },
        { field: 'n', value: '1' },
      ],
    ]);
    expect(run('stats count(user)').results).toEqual([[{ field: 'count(user)', value: '2' }]]);
  });

  it('refuses what it does not support by name, and reports syntax errors with a position', () => {
    expect(() => parseQuery('parse @message "* *" as a, b')).toThrow(UnsupportedQueryError);
    expect(() => parseQuery('stats avg(status)')).toThrow(/only stats count/);
    expect(() => parseQuery('filter (status = 1')).toThrow(QuerySyntaxError);
    expect(() => parseQuery('fields @message | limit x')).toThrow(/position 25/);
  });
});
