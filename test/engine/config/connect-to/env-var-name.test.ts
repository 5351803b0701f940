import { describe, expect, it } from 'vitest';
import { injectedVariableName } from '../../../../src/engine/config/connect-to/env-var-name.js';

describe('injectedVariableName (change-case 5 snakeCase, upper-cased)', () => {
  it.each([
    ['myDatabase', 'connectionString', 'STP_MY_DATABASE_CONNECTION_STRING'],
    ['jobQueue', 'url', 'STP_JOB_QUEUE_URL'],
    ['db', 'readerJdbcConnectionString', 'STP_DB_READER_JDBC_CONNECTION_STRING'],
    ['uploads', 'arn', 'STP_UPLOADS_ARN'],
    ['db2', 'host', 'STP_DB2_HOST'],
    ['db2Main', 'host', 'STP_DB2_MAIN_HOST'],
    ['v2api', 'url', 'STP_V2API_URL'],
    ['APIGateway', 'url', 'STP_API_GATEWAY_URL'],
    ['MyTable', 'streamArn', 'STP_MY_TABLE_STREAM_ARN'],
    ['userPool', 'clientId', 'STP_USER_POOL_CLIENT_ID'],
    ['batch.job', 'stateMachineArn', 'STP_BATCH_JOB_STATE_MACHINE_ARN'],
  ])('%s + %s → %s', (resource, param, expected) => {
    expect(injectedVariableName(resource, param)).toBe(expected);
  });
});
