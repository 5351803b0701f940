/**
 * Metric filters and Logs Insights queries, replayed from LocalStack's
 * test_logs_metric_filters.py and test_logs_queries.py recordings against AWS.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  DeleteMetricFilterCommand,
  DescribeMetricFiltersCommand,
  DescribeQueriesCommand,
  PutMetricFilterCommand,
  StartQueryCommand,
  type MetricTransformation,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { recordedError } from '../support/lambda-logs-shapes.js';
import { loadFixture } from '../support/recorded-fixture.js';

const filters = loadFixture('logs/logs-metric-filters.json');
const queries = loadFixture('logs/logs-queries.json');
const X = (n: number) => 'X'.repeat(n);

describe('metric filters and Insights queries, as AWS answers them', () => {
  let local: ConformanceCloud;
  let logs: CloudWatchLogsClient;
  let group: string;
  beforeAll(async () => {
    local = await startConformanceCloud();
    logs = local.client(CloudWatchLogsClient);
  });
  afterAll(async () => {
    await local.stop();
  });
  beforeEach(async () => {
    group = `test-log-group-${shortUid()}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  });

  const put = (logGroupName: string, filterName: string, filterPattern: string, transformation: MetricTransformation) =>
    logs.send(new PutMetricFilterCommand({ logGroupName, filterName, filterPattern, metricTransformations: [transformation] }));

  it('TestMetricFilters::test_put_metric_filter_basic', async () => {
    const scenario = filters.scenario('TestMetricFilters::test_put_metric_filter_basic');
    const name = `test-filter-${shortUid()}`;
    await put(group, name, ' ', { metricNamespace: `test-namespace-${shortUid()}`, metricName: `test-metric-${shortUid()}`, metricValue: '1', defaultValue: 0 });
    scenario.expect('describe-metric-filters', await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group, filterNamePrefix: name })));
    await logs.send(new DeleteMetricFilterCommand({ logGroupName: group, filterName: name }));
  });

  it('TestMetricFilters::test_put_metric_filter_json_pattern', async () => {
    const scenario = filters.scenario('TestMetricFilters::test_put_metric_filter_json_pattern');
    const name = `test-filter-${shortUid()}`;
    await put(group, name, '{$.message = "test"}', { metricNamespace: `test-namespace-${shortUid()}`, metricName: `test-metric-${shortUid()}`, metricValue: '1', defaultValue: 0 });
    scenario.expect('describe-metric-filters-json', await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group, filterNamePrefix: name })));
  });

  it('TestMetricFilters::test_describe_metric_filters_by_prefix: across log groups', async () => {
    const scenario = filters.scenario('TestMetricFilters::test_describe_metric_filters_by_prefix');
    const prefix = `test-filter-prefix-${shortUid()}`;
    for (let i = 0; i < 2; i++) {
      const logGroup = `test-log-group-${shortUid()}`;
      await logs.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
      await put(logGroup, `${prefix}-${i}`, `filterPattern${i}`, { metricNamespace: `namespace${i}`, metricName: `metric${i}`, metricValue: String(i) });
    }
    scenario.expect('describe-by-prefix', await logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: prefix })));
  });

  it('TestMetricFilters::test_describe_metric_filters_by_log_group', async () => {
    const scenario = filters.scenario('TestMetricFilters::test_describe_metric_filters_by_log_group');
    const groups = [`test-log-group-${shortUid()}`, `test-log-group-${shortUid()}`];
    for (const logGroup of groups) {
      await logs.send(new CreateLogGroupCommand({ logGroupName: logGroup }));
      await put(logGroup, `filter-${shortUid()}`, 'pattern', { metricNamespace: 'namespace', metricName: 'metric', metricValue: '1' });
    }
    scenario.expect('describe-by-log-group', await logs.send(new DescribeMetricFiltersCommand({ logGroupName: groups[0] })));
  });

  it('TestMetricFilters::test_describe_metric_filters_by_metric_name', async () => {
    const scenario = filters.scenario('TestMetricFilters::test_describe_metric_filters_by_metric_name');
    const metricName = `test-metric-${shortUid()}`;
    const namespace = `test-namespace-${shortUid()}`;
    await put(group, `filter-${shortUid()}`, 'pattern', { metricNamespace: namespace, metricName, metricValue: '1' });
    scenario.expect('describe-by-metric-name', await logs.send(new DescribeMetricFiltersCommand({ metricName, metricNamespace: namespace })));
  });

  const transformation = { metricNamespace: 'namespace', metricName: 'metric', metricValue: '1' };
  for (const [test, key, call] of [
    ['test_put_metric_filter_invalid_filter_name', 'error-invalid-filter-name', () => put(group, X(513), 'pattern', transformation)],
    ['test_put_metric_filter_invalid_filter_pattern', 'error-invalid-filter-pattern', () => put(group, 'valid-filter', X(1025), transformation)],
    [
      'test_put_metric_filter_too_many_transformations',
      'error-too-many-transformations',
      () =>
        logs.send(
          new PutMetricFilterCommand({
            logGroupName: group,
            filterName: 'valid-filter',
            filterPattern: 'pattern',
            metricTransformations: [
              { metricNamespace: 'namespace1', metricName: 'metric1', metricValue: '1' },
              { metricNamespace: 'namespace2', metricName: 'metric2', metricValue: '1' },
            ],
          }),
        ),
    ],
    ['test_delete_metric_filter_invalid_filter_name', 'error-invalid-filter-name', () => logs.send(new DeleteMetricFilterCommand({ logGroupName: group, filterName: X(513) }))],
    ['test_delete_metric_filter_invalid_log_group_name', 'error-invalid-log-group-name', () => logs.send(new DeleteMetricFilterCommand({ logGroupName: X(513), filterName: 'valid-filter' }))],
  ] as const) {
    it(`TestMetricFiltersValidation::${test}`, async () => {
      const scenario = filters.scenario(`TestMetricFiltersValidation::${test}`);
      scenario.expect(key, await recordedError(call(), scenario.recorded(key)));
    });
  }

  it('TestMetricFiltersValidation::test_describe_metric_filters_invalid_parameters', async () => {
    const scenario = filters.scenario('TestMetricFiltersValidation::test_describe_metric_filters_invalid_parameters');
    const prefix = logs.send(new DescribeMetricFiltersCommand({ filterNamePrefix: X(513) }));
    scenario.expect('error-invalid-filter-prefix', await recordedError(prefix, scenario.recorded('error-invalid-filter-prefix')));
    const metric = logs.send(new DescribeMetricFiltersCommand({ metricName: X(256), metricNamespace: 'valid' }));
    scenario.expect('error-invalid-metric-name', await recordedError(metric, scenario.recorded('error-invalid-metric-name')));
  });

  const window = () => {
    const now = Math.floor(Date.now() / 1000);
    return { startTime: now - 3600, endTime: now + 300 };
  };

  it('TestCloudWatchLogsInsightsQueries::test_start_query_basic', async () => {
    const scenario = queries.scenario('TestCloudWatchLogsInsightsQueries::test_start_query_basic');
    scenario.expect('start-query', await logs.send(new StartQueryCommand({ logGroupName: group, ...window(), queryString: 'fields @message' })));
  });

  it('TestCloudWatchLogsInsightsQueries::test_start_query_log_group_not_found', async () => {
    const scenario = queries.scenario('TestCloudWatchLogsInsightsQueries::test_start_query_log_group_not_found');
    const missing = `non-existent-${shortUid()}`;
    scenario.bind('log-group', missing);
    const call = logs.send(new StartQueryCommand({ logGroupName: missing, ...window(), queryString: 'fields @message' }));
    scenario.expect('error-log-group-not-found', await recordedError(call, scenario.recorded('error-log-group-not-found')));
  });

  it('TestCloudWatchLogsInsightsQueries::test_describe_queries', async () => {
    const scenario = queries.scenario('TestCloudWatchLogsInsightsQueries::test_describe_queries');
    scenario.replaceKey('createTime', 'create-time');
    await logs.send(new StartQueryCommand({ logGroupName: group, ...window(), queryString: 'fields @message' }));
    scenario.expect('describe-queries', await logs.send(new DescribeQueriesCommand({ logGroupName: group })));
  });

  it('TestCloudWatchLogsInsightsQueries::test_describe_queries_with_status_filter', async () => {
    const scenario = queries.scenario('TestCloudWatchLogsInsightsQueries::test_describe_queries_with_status_filter');
    scenario.replaceKey('createTime', 'create-time');
    await logs.send(new StartQueryCommand({ logGroupName: group, ...window(), queryString: 'fields @message' }));
    scenario.expect('describe-queries-complete', await logs.send(new DescribeQueriesCommand({ logGroupName: group, status: 'Complete' })));
    scenario.expect('describe-queries-scheduled', await logs.send(new DescribeQueriesCommand({ logGroupName: group, status: 'Scheduled' })));
  });
});
