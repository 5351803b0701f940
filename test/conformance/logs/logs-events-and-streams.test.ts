/**
 * CloudWatch Logs events, paging and streams, replayed from LocalStack's test_logs_events.py,
 * test_logs_filter_events.py and test_logs_streams.py recordings against AWS.
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogStreamCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { recordedError } from '../support/lambda-logs-shapes.js';
import { loadFixture } from '../support/recorded-fixture.js';

const events = loadFixture('logs/logs-events.json');
const filtering = loadFixture('logs/logs-filter-events.json');
const streams = loadFixture('logs/logs-streams.json');
const DAY = 86_400_000;

describe('CloudWatch Logs events and streams, as AWS answers them', () => {
  let local: ConformanceCloud;
  let logs: CloudWatchLogsClient;
  let group: string;
  let stream: string;
  beforeAll(async () => {
    local = await startConformanceCloud();
    logs = local.client(CloudWatchLogsClient);
  });
  afterAll(async () => {
    await local.stop();
  });
  // LocalStack's logs_log_group / logs_log_stream fixtures.
  beforeEach(async () => {
    group = `test-log-group-${shortUid()}`;
    stream = `test-log-stream-${shortUid()}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
  });

  const expectError = async (fixture: ReturnType<typeof loadFixture>, test: string, key: string, call: Promise<unknown>) => {
    const scenario = fixture.scenario(test);
    scenario.expect(key, await recordedError(call, scenario.recorded(key)));
  };

  it('TestLogsEvents::test_put_log_events_to_invalid_stream', async () => {
    await expectError(events, 'TestLogsEvents::test_put_log_events_to_invalid_stream', 'error-invalid-stream', logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: `nope-${shortUid()}`, logEvents: [{ timestamp: Date.now(), message: 'test' }] })));
  });

  it('TestLogsEvents::test_put_log_events_wrong_order', async () => {
    const now = Date.now();
    const call = logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ message: 'Message 0', timestamp: now }, { message: 'Message 1', timestamp: now - 1000 }] }));
    await expectError(events, 'TestLogsEvents::test_put_log_events_wrong_order', 'error-wrong-order', call);
  });

  it('TestLogsEvents::test_put_log_events_too_old: accepted call, event rejected', async () => {
    const scenario = events.scenario('TestLogsEvents::test_put_log_events_too_old');
    scenario.replaceKey('tooOldLogEventEndIndex', 'too-old-log-event-end-index');
    const response = await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ message: 'Old message', timestamp: Date.now() - 30 * DAY }] }));
    scenario.expect('response-too-old', response);
  });

  it('TestLogsEvents::test_put_log_events_too_new: accepted call, event rejected', async () => {
    const scenario = events.scenario('TestLogsEvents::test_put_log_events_too_new');
    scenario.replaceKey('tooNewLogEventStartIndex', 'too-new-log-event-start-index');
    const response = await logs.send(new PutLogEventsCommand({ logGroupName: group, logStreamName: stream, logEvents: [{ message: 'Future message', timestamp: Date.now() + DAY }] }));
    scenario.expect('response-too-new', response);
  });

  it('TestLogsEvents::test_get_log_events_invalid_token', async () => {
    await expectError(events, 'TestLogsEvents::test_get_log_events_invalid_token', 'error-invalid-token', logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, nextToken: 'invalid-token' })));
  });

  it('TestLogsEvents::test_get_log_events_limit_validation', async () => {
    await expectError(events, 'TestLogsEvents::test_get_log_events_limit_validation', 'error-limit-exceeded', logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, limit: 10001 })));
  });

  it('TestLogsEventsErrors::test_resource_does_not_exist: missing group, then missing stream', async () => {
    const scenario = events.scenario('TestLogsEventsErrors::test_resource_does_not_exist');
    const missingGroup = `test-log-group-${shortUid()}`;
    const first = logs.send(new GetLogEventsCommand({ logGroupName: missingGroup, logStreamName: 'test-log-stream' }));
    scenario.expect('error-log-group-does-not-exist', await recordedError(first, scenario.recorded('error-log-group-does-not-exist')));
    await logs.send(new CreateLogGroupCommand({ logGroupName: missingGroup }));
    const second = logs.send(new GetLogEventsCommand({ logGroupName: missingGroup, logStreamName: 'test-log-stream' }));
    scenario.expect('error-log-stream-does-not-exist', await recordedError(second, scenario.recorded('error-log-stream-does-not-exist')));
  });

  it('TestFilterLogEvents::test_filter_log_events_limit_validation', async () => {
    await expectError(filtering, 'TestFilterLogEvents::test_filter_log_events_limit_validation', 'error-limit-exceeded', logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 10001 })));
  });

  it('TestFilterLogEvents::test_filter_log_events_unknown_token', async () => {
    await expectError(filtering, 'TestFilterLogEvents::test_filter_log_events_unknown_token', 'invalid-token', logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 20, nextToken: 'invalid-token' })));
  });

  it('TestLogsStreams::test_create_and_delete_log_stream', async () => {
    const scenario = streams.scenario('TestLogsStreams::test_create_and_delete_log_stream').bind('log-group', group);
    // The fixture's own stream is not part of this recording: a fresh group holds only the new one.
    const fresh = `test-log-group-${shortUid()}`;
    scenario.bind('log-group', fresh);
    await logs.send(new CreateLogGroupCommand({ logGroupName: fresh }));
    const name = `test-log-stream-${shortUid()}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: fresh, logStreamName: name }));
    scenario.expect('describe-log-streams-after-create', await logs.send(new DescribeLogStreamsCommand({ logGroupName: fresh })));
    await logs.send(new DeleteLogStreamCommand({ logGroupName: fresh, logStreamName: name }));
  });

  it('TestLogsStreams::test_create_log_stream_duplicate_error', async () => {
    await expectError(streams, 'TestLogsStreams::test_create_log_stream_duplicate_error', 'error-duplicate-log-stream', logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream })));
  });

  it('TestLogsStreams::test_describe_log_streams_with_log_group_identifier: by name, by ARN, both refused', async () => {
    const fresh = `test-log-group-${shortUid()}`;
    await logs.send(new CreateLogGroupCommand({ logGroupName: fresh }));
    const scenario = streams.scenario('TestLogsStreams::test_describe_log_streams_with_log_group_identifier').bind('log-group', fresh);
    await logs.send(new CreateLogStreamCommand({ logGroupName: fresh, logStreamName: `test-log-stream-${shortUid()}` }));
    scenario.expect('describe-streams-identifier-name', await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: fresh })));
    const arn = `arn:aws:logs:us-east-1:000000000000:log-group:${fresh}`;
    scenario.expect('describe-streams-identifier-arn', await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: arn })));
    const both = logs.send(new DescribeLogStreamsCommand({ logGroupName: fresh, logGroupIdentifier: fresh }));
    scenario.expect('error-both-name-and-identifier', await recordedError(both, scenario.recorded('error-both-name-and-identifier')));
  });

  it('TestLogsStreams::test_describe_log_streams_with_prefix', async () => {
    const scenario = streams.scenario('TestLogsStreams::test_describe_log_streams_with_prefix').bind('log-group', group);
    const prefix = `test-prefix-${shortUid()}`;
    for (let i = 0; i < 3; i++) await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: `${prefix}-stream-${i}` }));
    scenario.expect('describe-streams-with-prefix', await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: prefix })));
  });
});
