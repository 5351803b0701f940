import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteMetricFilterCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  GetQueryResultsCommand,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  StartQueryCommand,
  type CloudWatchLogsClient,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, logsClient, startLocalCloud, stopLocalCloud, type LocalCloud } from '../../emulator/support/local-cloud.js';

let local: LocalCloud;
let logs: CloudWatchLogsClient;
const GROUP = '/aws/lambda/api';
// An hour ago on a whole second (PutLogEvents refuses events older than 14 days).
const T0 = Math.floor((Date.now() - 3_600_000) / 1000) * 1000;
const shown = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

beforeEach(async () => {
  local = await startLocalCloud();
  logs = logsClient(local.cloud.endpoint);
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
});
afterEach(() => stopLocalCloud(local));

describe('metric filters (issue 8, item 7)', () => {
  it('puts, describes (by group, prefix, metric name) and deletes them with the recorded shape', async () => {
    await logs.send(
      new PutMetricFilterCommand({
        logGroupName: GROUP,
        filterName: 'errors',
        filterPattern: '?ERROR ?Error',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Api', metricValue: '1', defaultValue: 0 }],
      }),
    );
    await logs.send(new PutMetricFilterCommand({ logGroupName: GROUP, filterName: 'latency', filterPattern: '{ $.ms > 500 }', metricTransformations: [{ metricName: 'Slow', metricNamespace: 'Api', metricValue: '1' }] }));
    const described = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: GROUP }));
    expect(described.metricFilters?.map((filter) => ({ ...filter, creationTime: typeof filter.creationTime }))).toEqual([
      {
        filterName: 'errors',
        filterPattern: '?ERROR ?Error',
        logGroupName: GROUP,
        applyOnTransformedLogs: false,
        creationTime: 'number',
        metricTransformations: [{ metricName: 'Errors', metricNamespace: 'Api', metricValue: '1', defaultValue: 0 }],
      },
      {
        filterName: 'latency',
        filterPattern: '{ $.ms > 500 }',
        logGroupName: GROUP,
        applyOnTransformedLogs: false,
        creationTime: 'number',
        metricTransformations: [{ metricName: 'Slow', metricNamespace: 'Api', metricValue: '1' }],
      },
    ]);
    expect((await logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: 'lat' }))).metricFilters?.map((f) => f.filterName)).toEqual(['latency']);
    expect((await logs.send(new DescribeMetricFiltersCommand({ metricName: 'Errors', metricNamespace: 'Api' }))).metricFilters?.map((f) => f.filterName)).toEqual(['errors']);
    await logs.send(new DeleteMetricFilterCommand({ logGroupName: GROUP, filterName: 'errors' }));
    expect((await logs.send(new DescribeMetricFiltersCommand({ logGroupName: GROUP }))).metricFilters?.map((f) => f.filterName)).toEqual(['latency']);
    const tooMany = await failure(
      logs.send(
        new PutMetricFilterCommand({
          logGroupName: GROUP,
          filterName: 'two',
          filterPattern: 'x',
          metricTransformations: [
            { metricName: 'metric1', metricNamespace: 'namespace1', metricValue: '1' },
            { metricName: 'metric2', metricNamespace: 'namespace2', metricValue: '1' },
          ],
        }),
      ),
    );
    expect(tooMany.message).toBe(
      "1 validation error detected: Value '[MetricTransformation(metricName=metric1, metricNamespace=namespace1, metricValue=1, defaultValue=null, unit=null, dimensions=null), MetricTransformation(metricName=metric2, metricNamespace=namespace2, metricValue=1, defaultValue=null, unit=null, dimensions=null)]' at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1",
    );
  });
});

describe('Logs Insights queries (issue 8, item 7)', () => {
  beforeEach(async () => {
    for (const stream of ['a', 'b']) await logs.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: stream }));
    const lines: [string, number, string][] = [
      ['a', 0, 'INFO start'],
      ['a', 1000, '{"level":"error","ms":120,"path":"/users"}'],
      ['b', 2000, '{"level":"info","ms":800,"path":"/users"}'],
      ['b', 3000, 'ERROR boom in handler'],
      ['a', 4000, '{"level":"error","ms":900,"path":"/orders"}'],
    ];
    for (const [stream, offset, message] of lines) {
      await logs.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: stream, logEvents: [{ timestamp: T0 + offset, message }] }));
    }
  });

  async function query(queryString: string) {
    const { queryId } = await logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: T0 / 1000 - 60, endTime: T0 / 1000 + 60, queryString }));
    const results = await logs.send(new GetQueryResultsCommand({ queryId }));
    expect(results.status).toBe('Complete');
    return results;
  }
  const values = (rows: { field?: string; value?: string }[][] | undefined, field: string) => (rows ?? []).map((row) => row.find((cell) => cell.field === field)?.value);

  it('fields, filter with like (text and /regex/), sort and limit; every row carries @ptr', async () => {
    const result = await query('fields @timestamp, @message | filter @message like /(?i)error/ | sort @timestamp desc | limit 2');
    expect(result.results?.map((row) => row.map((cell) => cell.field))).toEqual([
      ['@timestamp', '@message', '@ptr'],
      ['@timestamp', '@message', '@ptr'],
    ]);
    expect(values(result.results, '@message')).toEqual(['{"level":"error","ms":900,"path":"/orders"}', 'ERROR boom in handler']);
    expect(values(result.results, '@timestamp')).toEqual([shown(T0 + 4000), shown(T0 + 3000)]);
    expect(shown(T0 + 4000)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.000$/);
    expect(result.statistics).toMatchObject({ recordsMatched: 3, recordsScanned: 5 });
    expect(values((await query('fields @message | filter @message like "boom"')).results, '@message')).toEqual(['ERROR boom in handler']);
  });

  it('filters on JSON fields with comparisons, and counts with stats count(*) by', async () => {
    const slow = await query('fields path, ms | filter level = "error" and ms > 500');
    expect(slow.results?.map((row) => row.filter((cell) => cell.field !== '@ptr').map((cell) => `${cell.field}=${cell.value}`))).toEqual([['path=/orders', 'ms=900']]);
    const counted = await query('filter ispresent = 1 or level like /./ | stats count(*) as n by level | sort n desc');
    expect(counted.results).toEqual([
      [
        { field: 'level', value: 'error' },
        { field: 'n', value: '2' },
      ],
      [
        { field: 'level', value: 'info' },
        { field: 'n', value: '1' },
      ],
    ]);
    const total = await query('stats count(*)');
    expect(total.results).toEqual([[{ field: 'count(*)', value: '5' }]]);
  });

  it('answers AWS errors: a missing log group (recorded message), a malformed query; describes queries with the SOURCE form', async () => {
    const missing = await failure(logs.send(new StartQueryCommand({ logGroupName: 'nope', startTime: 1, endTime: 2, queryString: 'fields @message' })));
    expect(missing.message).toMatch(
      /^Log group 'nope' does not exist for account ID '000000000000' \(Service: AWSLogs; Status Code: 400; Error Code: ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
    expect((await failure(logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: 1, endTime: 2, queryString: 'fields @message | filter (' })))).name).toBe('MalformedQueryException');
    const { queryId } = await logs.send(new StartQueryCommand({ logGroupName: GROUP, startTime: 1700000000, endTime: 1700000300, queryString: 'fields @message' }));
    const described = await logs.send(new DescribeQueriesCommand({ logGroupName: GROUP }));
    expect(described.queries).toEqual([
      { queryId, queryString: `SOURCE "${GROUP}" START=1700000000000 END=1700000300999 | fields @message`, status: 'Complete', createTime: expect.any(Number), logGroupName: GROUP, queryLanguage: 'CWLI' },
    ]);
    expect((await logs.send(new DescribeQueriesCommand({ logGroupName: GROUP, status: 'Scheduled' }))).queries).toEqual([]);
  });
});
