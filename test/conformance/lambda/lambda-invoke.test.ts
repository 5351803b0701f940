/**
 * Lambda function state, invocation types, errors, timeouts and Tail logs, replayed from
 * LocalStack's test_lambda.py / test_lambda_api.py recordings against AWS. The local cloud runs
 * Node.js only: where the recorded test used a Python handler, a Node handler with the same
 * behaviour runs and the recorded `Runtime` stands for it (said at each place).
 */
import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetAccountSettingsCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  LambdaClient,
  waitUntilFunctionActiveV2,
  type CreateFunctionCommandInput,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { shortUid, startConformanceCloud, type ConformanceCloud } from '../support/conformance-cloud.js';
import { recordedError, recordedInvoke } from '../support/lambda-logs-shapes.js';
import { loadFixture } from '../support/recorded-fixture.js';

const features = loadFixture('lambda/lambda.json');
const api = loadFixture('lambda/lambda-api.json');
const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
/** LocalStack's TEST_LAMBDA_NODEJS_ECHO: logs the event and returns it. */
const NODE_ECHO = 'exports.handler = async (event) => { console.log(event); return event; };';
/** The recorded TEST_LAMBDA_TIMEOUT_PYTHON, in Node: waits event.wait seconds, logging before and after. */
const NODE_WAIT = 'exports.handler = async (event) => { console.log("starting wait"); await new Promise((r) => setTimeout(r, event.wait * 1000)); console.log("done waiting"); };';

function zipOf(source: string, file = 'handler.js'): Uint8Array {
  return zipSync({ [file]: strToU8(source) });
}

describe('Lambda, as AWS answers it', () => {
  let local: ConformanceCloud;
  let lambda: LambdaClient;
  beforeAll(async () => {
    // Real time: handlers sleep real seconds, and a 2 s timeout must stay 2 s.
    local = await startConformanceCloud({ timeScale: 1 });
    lambda = local.client(LambdaClient);
  });
  afterAll(async () => {
    await local.stop();
  });

  /** LocalStack's create_lambda_function fixture: create, wait until Active, answer the creation response. */
  async function createFunction(input: CreateFunctionCommandInput) {
    const created = await lambda.send(new CreateFunctionCommand(input));
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 0.05, maxDelay: 0.2 }, { FunctionName: input.FunctionName });
    return created;
  }

  it('TestLambdaBaseFeatures::test_function_state: Pending at creation, Active on GetFunction', async () => {
    const scenario = features.scenario('TestLambdaBaseFeatures::test_function_state');
    // The recording's code location is a presigned S3 URL; the local cloud serves no code download.
    const name = `test-function-${shortUid()}`;
    const created = await createFunction({ FunctionName: name, Runtime: 'python3.12', Handler: 'handler.handler', Role: ROLE, Code: { ZipFile: zipOf('def handler(e, c): return e', 'handler.py') } });
    scenario.replaceKey('CodeSha256', 'code-sha256');
    scenario.expect('create-fn-response', created);
    scenario.expect('get-fn-response', await lambda.send(new GetFunctionCommand({ FunctionName: name })), { omit: ['Code.Location'] });
  });

  it('TestLambdaFeatures::test_invoke_exceptions: a missing function names :$LATEST', async () => {
    const scenario = features.scenario('TestLambdaFeatures::test_invoke_exceptions');
    const call = lambda.send(new InvokeCommand({ FunctionName: 'doesnotexist' }));
    scenario.expect('invoke_function_doesnotexist', await recordedError(call, scenario.recorded('invoke_function_doesnotexist')));
  });

  for (const [key, method] of [
    ['get_function', (name: string) => lambda.send(new GetFunctionCommand({ FunctionName: name }))],
    ['get_function_configuration', (name: string) => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }))],
    ['delete_function', (name: string) => lambda.send(new DeleteFunctionCommand({ FunctionName: name }))],
  ] as const) {
    it(`TestLambdaFunction::test_ops_on_nonexisting_fn[${key}]`, async () => {
      const scenario = api.scenario(`TestLambdaFunction::test_ops_on_nonexisting_fn[${key}]`);
      const name = `i-dont-exist-${shortUid()}`;
      scenario.bind('nonexisting-fn-name', name);
      scenario.expect('not_found_exception', await recordedError(method(name), scenario.recorded('not_found_exception')));
    });
  }

  it('TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[get_function]', async () => {
    const scenario = api.scenario('TestLambdaFunction::test_ops_with_arn_qualifier_mismatch[get_function]');
    const arn = 'arn:aws:lambda:us-east-1:000000000000:function:some-function';
    const mismatch = lambda.send(new GetFunctionCommand({ FunctionName: `${arn}:1`, Qualifier: '$LATEST' }));
    scenario.expect('not_match_exception', await recordedError(mismatch, scenario.recorded('not_match_exception')));
    const match = lambda.send(new GetFunctionCommand({ FunctionName: `${arn}:$LATEST`, Qualifier: '$LATEST' }));
    scenario.expect('match_exception', await recordedError(match, scenario.recorded('match_exception')));
  });

  it('TestLambdaAccountSettings::test_account_settings: the limit and usage keys', async () => {
    const scenario = api.scenario('TestLambdaAccountSettings::test_account_settings');
    const settings = await lambda.send(new GetAccountSettingsCommand({}));
    scenario.expect('acc_settings_modded', { AccountLimit: Object.keys(settings.AccountLimit ?? {}).sort(), AccountUsage: Object.keys(settings.AccountUsage ?? {}).sort() });
  });

  it('TestLambdaBehavior::test_lambda_invoke_with_timeout: Sandbox.Timedout after 1.00 seconds', async () => {
    const scenario = features.scenario('TestLambdaBehavior::test_lambda_invoke_with_timeout');
    const name = `test_lambda_${shortUid()}`;
    const created = await createFunction({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'handler.handler', Role: ROLE, Timeout: 1, Environment: { Variables: {} }, Code: { ZipFile: zipOf(NODE_WAIT) } });
    // A Node handler stands for the recorded Python one (same waits, same logs).
    scenario.replaceKey('Runtime', 'python3.12').replaceKey('CodeSha256', 'code-sha256');
    scenario.expect('create-result', { CreateEventSourceMappingResponse: null, CreateFunctionResponse: created });
    const invoked = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ wait: 2 })) }));
    const result = recordedInvoke(invoked);
    const payload = result.Payload as { errorMessage: string };
    // The recording replaced the request id in the message by a placeholder.
    payload.errorMessage = payload.errorMessage.replace(/^RequestId: \S+ /, 'RequestId: <timeout_error_msg> ');
    scenario.expect('invoke-result', result);
  });

  it('TestLambdaBehavior::test_lambda_invoke_no_timeout: finishes inside its 2 s timeout', async () => {
    const scenario = features.scenario('TestLambdaBehavior::test_lambda_invoke_no_timeout');
    const name = `test_lambda_${shortUid()}`;
    const created = await createFunction({ FunctionName: name, Runtime: 'nodejs20.x', Handler: 'handler.handler', Role: ROLE, Timeout: 2, Environment: { Variables: {} }, Code: { ZipFile: zipOf(NODE_WAIT) } });
    scenario.replaceKey('Runtime', 'python3.12').replaceKey('CodeSha256', 'code-sha256');
    scenario.expect('create-result', { CreateEventSourceMappingResponse: null, CreateFunctionResponse: created });
    scenario.expect('invoke-result', recordedInvoke(await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify({ wait: 1 })) }))));
  });

  describe('invocation types of the Node echo function (nodejs16.x recordings)', () => {
    let echoArn: string;
    beforeAll(async () => {
      const created = await createFunction({ FunctionName: `echo-func-${shortUid()}`, Runtime: 'nodejs20.x', Handler: 'handler.handler', Role: ROLE, Code: { ZipFile: zipOf(NODE_ECHO) } });
      echoArn = created.FunctionArn!;
    });

    it('TestLambdaFeatures::test_invocation_with_logs[nodejs16.x]: LogResult holds START, the log line, END and REPORT', async () => {
      const scenario = features.scenario('TestLambdaFeatures::test_invocation_with_logs[nodejs16.x]');
      const invoked = await lambda.send(new InvokeCommand({ FunctionName: echoArn, Payload: Buffer.from('{}'), LogType: 'Tail' }));
      const logs = Buffer.from(invoked.LogResult ?? '', 'base64').toString('utf8');
      scenario.replaceKey('LogResult', 'log-result');
      scenario.expect('invoke', recordedInvoke(invoked));
      // LocalStack's lambda_report_logs transformer: figures become placeholders.
      scenario
        .normalise(/Duration: [\d.]+ ms/g, 'Duration: <duration> ms')
        .normalise(/Max Memory Used: \d+ MB/g, 'Max Memory Used: <memory> MB');
      scenario.expect('logs', { logs: logs.split(/(?<=\n)/) });
    });

    it('TestLambdaFeatures::test_invocation_type_request_response[nodejs16.x]', async () => {
      const scenario = features.scenario('TestLambdaFeatures::test_invocation_type_request_response[nodejs16.x]');
      scenario.expect('invoke-result', recordedInvoke(await lambda.send(new InvokeCommand({ FunctionName: echoArn, Payload: Buffer.from('{}'), InvocationType: 'RequestResponse' }))));
    });

    it('TestLambdaFeatures::test_invocation_type_event[nodejs16.x]: 202, no payload', async () => {
      const scenario = features.scenario('TestLambdaFeatures::test_invocation_type_event[nodejs16.x]');
      scenario.expect('invoke-result', recordedInvoke(await lambda.send(new InvokeCommand({ FunctionName: echoArn, Payload: Buffer.from('{}'), InvocationType: 'Event' }))));
    });

    it('TestLambdaFeatures::test_invocation_type_dry_run[nodejs16.x]: 204, no payload', async () => {
      const scenario = features.scenario('TestLambdaFeatures::test_invocation_type_dry_run[nodejs16.x]');
      scenario.expect('invoke-result', recordedInvoke(await lambda.send(new InvokeCommand({ FunctionName: echoArn, Payload: Buffer.from('{}'), InvocationType: 'DryRun' }))));
    });
  });

  for (const type of ['RequestResponse', 'Event'] as const) {
    it(`TestLambdaFeatures::test_invocation_type_no_return_payload[nodejs-${type}]`, async () => {
      const scenario = features.scenario(`TestLambdaFeatures::test_invocation_type_no_return_payload[nodejs-${type}]`);
      const name = `test-function-${shortUid()}`;
      await createFunction({ FunctionName: name, Runtime: 'nodejs18.x', Handler: 'handler.handler', Role: ROLE, Code: { ZipFile: zipOf('exports.handler = async (event) => { console.log(event); };') } });
      scenario.expect('invoke-result', recordedInvoke(await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}'), InvocationType: type }))));
    });
  }
});
