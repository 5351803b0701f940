import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient, type InvokeCommandOutput } from '@aws-sdk/client-lambda';
import { handleRequest } from '../../../src/runtime/deployment-script-runner/handler.js';
import type { CustomResourceEvent } from '../../../src/runtime/custom-resource/custom-resource-response.js';

const lambdaMock = mockClient(LambdaClient);
const cfnMock = mockClient(CloudFormationClient);
const clients = { lambda: new LambdaClient({ region: 'eu-west-1' }), cloudformation: new CloudFormationClient({ region: 'eu-west-1' }) };

interface Received {
  method: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}
let server: Server;
let received: Received[] = [];
let url = '';

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      received.push({ method: req.method ?? '', contentType: req.headers['content-type'], body: JSON.parse(data) });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response?sig=x`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received = [];
  lambdaMock.reset();
  cfnMock.reset();
});

// The SDK types Payload as a blob adapter; the bytes are what the client actually returns.
const payload = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)) as InvokeCommandOutput['Payload'];

function event(requestType: CustomResourceEvent['RequestType'], trigger: string, extra: Partial<CustomResourceEvent> = {}): CustomResourceEvent {
  return {
    RequestType: requestType,
    ResponseURL: url,
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/app-dev/abc',
    RequestId: 'req-1',
    ResourceType: 'Custom::StpDeploymentScript',
    LogicalResourceId: 'MigrateScriptCustomResource',
    ResourceProperties: {
      ServiceToken: 'arn:runner',
      ScriptFunctionName: 'app-dev-migrate',
      ScriptFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:app-dev-migrate',
      ParametersJson: JSON.stringify({ table: 'users', retries: 3, dryRun: false }),
      Trigger: trigger,
      DeploymentId: 'd-1',
    },
    ...extra,
  };
}

describe('deployment-script runner', () => {
  it('after:deploy Create: invokes the script with parameters and answers SUCCESS by PUT', async () => {
    lambdaMock.on(InvokeCommand).resolves({ StatusCode: 200, Payload: payload({ done: true }) });
    await handleRequest(event('Create', 'after:deploy'), clients);
    const calls = lambdaMock.commandCalls(InvokeCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input.FunctionName).toBe('arn:aws:lambda:eu-west-1:123456789012:function:app-dev-migrate');
    expect(input.InvocationType).toBe('RequestResponse');
    // Numbers and booleans keep their types (CloudFormation would have stringified plain properties).
    expect(JSON.parse(new TextDecoder().decode(input.Payload as Uint8Array))).toEqual({ table: 'users', retries: 3, dryRun: false });
    expect(received).toHaveLength(1);
    expect(received[0]!.method).toBe('PUT');
    expect(received[0]!.contentType ?? '').toBe('');
    expect(received[0]!.body).toMatchObject({
      Status: 'SUCCESS',
      PhysicalResourceId: 'stp-script-MigrateScriptCustomResource',
      StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/app-dev/abc',
      RequestId: 'req-1',
      LogicalResourceId: 'MigrateScriptCustomResource',
    });
  });

  it('after:deploy Update: a throwing script answers FAILED with its error message as the reason', async () => {
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payload({ errorType: 'Error', errorMessage: 'migration 42 failed: column exists', trace: [] }),
    });
    await handleRequest(event('Update', 'after:deploy', { PhysicalResourceId: 'keep-me' }), clients);
    expect(received[0]!.body).toMatchObject({
      Status: 'FAILED',
      Reason: 'migration 42 failed: column exists',
      PhysicalResourceId: 'keep-me',
    });
  });

  it('after:deploy Update during a rollback (the old properties sent back): SUCCESS without running the script', async () => {
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'app-dev', StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', CreationTime: new Date(0) }],
    });
    await handleRequest(event('Update', 'after:deploy', { PhysicalResourceId: 'p' }), clients);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(received[0]!.body).toMatchObject({ Status: 'SUCCESS', Reason: 'a rollback: after:deploy scripts do not run' });
  });

  it('after:deploy: an invoke error (e.g. access denied) fails the resource', async () => {
    lambdaMock.on(InvokeCommand).rejects(Object.assign(new Error('not allowed'), { name: 'AccessDeniedException' }));
    await handleRequest(event('Create', 'after:deploy'), clients);
    expect(received[0]!.body.Status).toBe('FAILED');
    expect(received[0]!.body.Reason).toContain('AccessDeniedException: not allowed');
  });

  it('after:deploy Delete: SUCCESS without running the script', async () => {
    await handleRequest(event('Delete', 'after:deploy', { PhysicalResourceId: 'p' }), clients);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(received[0]!.body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'p' });
  });

  it('before:delete: runs on stack deletion and answers SUCCESS even when the script throws', async () => {
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'app-dev', StackStatus: 'DELETE_IN_PROGRESS', CreationTime: new Date(0) }],
    });
    lambdaMock.on(InvokeCommand).resolves({
      StatusCode: 200,
      FunctionError: 'Unhandled',
      Payload: payload({ errorType: 'TypeError', errorMessage: 'x is undefined' }),
    });
    await handleRequest(event('Delete', 'before:delete', { PhysicalResourceId: 'p' }), clients);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(1);
    expect(received[0]!.body.Status).toBe('SUCCESS');
    expect(received[0]!.body.Reason).toContain('TypeError: x is undefined');
    expect(received[0]!.body.Data).toEqual({ ScriptError: 'TypeError: x is undefined' });
  });

  it('before:delete: a Delete outside stack deletion (rollback) does not run the script', async () => {
    cfnMock.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'app-dev', StackStatus: 'UPDATE_ROLLBACK_IN_PROGRESS', CreationTime: new Date(0) }],
    });
    await handleRequest(event('Delete', 'before:delete', { PhysicalResourceId: 'p' }), clients);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(received[0]!.body.Status).toBe('SUCCESS');
  });

  it('before:delete Create: does nothing and succeeds', async () => {
    await handleRequest(event('Create', 'before:delete'), clients);
    expect(lambdaMock.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(received[0]!.body.Status).toBe('SUCCESS');
  });

  it('truncates very long reasons so the response stays under 4 KB', async () => {
    lambdaMock.on(InvokeCommand).resolves({ FunctionError: 'Unhandled', Payload: payload({ errorMessage: 'e'.repeat(10_000) }) });
    await handleRequest(event('Create', 'after:deploy'), clients);
    expect(JSON.stringify(received[0]!.body).length).toBeLessThan(4096);
    expect(String(received[0]!.body.Reason).endsWith('...')).toBe(true);
  });
});
