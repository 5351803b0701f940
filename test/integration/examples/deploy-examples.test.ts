/**
 * Every config/examples stack deploys, updates and deletes on the embedded local cloud, driven
 * only through the real SDK v3 clients (created by src/aws/client-factory.ts): load → compile →
 * package + upload → CreateChangeSet → waiter → DescribeChangeSet → ExecuteChangeSet → waiter,
 * then an update, a change set with no changes, and DeleteStack. The after:deploy deployment
 * script's console output is read back with FilterLogEvents, and a failing script rolls back.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeStackResourcesCommand, DescribeStacksCommand, type StackEvent } from '@aws-sdk/client-cloudformation';
import { DescribeLogGroupsCommand, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetFunctionConfigurationCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  allEvents,
  copyExample,
  createChangeSet,
  deleteStack,
  deploy,
  editFile,
  exampleNames,
  outputsOf,
  prepareStack,
  stackStatuses,
  startExampleCloud,
  type DeployOutcome,
  type ExampleCloud,
  REGION,
} from './example-deployer.js';

/** 1 emulated minute = 0.1 s: an RDS instance (minutes on AWS) is created in well under a second. */
const TIME_SCALE = 600;
const NO_CHANGES = "The submitted information didn't contain changes. Submit different information to create a change set.";

/**
 * A real change per example for the update deploy: the edit to its stacktape.yml and the
 * logical id CloudFormation must then report as modified.
 */
const UPDATES: Record<string, { edit: (text: string) => string; modified: string; memorySize?: number }> = {
  'api-smoke-test': { edit: (t) => t.replace('memory: 512', 'memory: 1024'), modified: 'ListPostsFunction', memorySize: 1024 },
  'canary-workload': { edit: (t) => t.replace('maxInstances: 6', 'maxInstances: 8'), modified: 'WebScalableTarget' },
  'hello-script': { edit: (t) => t.replace('memory: 256', 'memory: 512'), modified: 'WriteNoteFunction', memorySize: 512 },
  'upload-pipeline': { edit: (t) => t.replace('memory: 512', 'memory: 768'), modified: 'IngestFunction', memorySize: 768 },
};

/**
 * The api-smoke-test script calls its HTTP API; the local cloud records API Gateway resources
 * without serving them, so the script's `apiUrl` parameter points at this server instead:
 * `/ok/*` answers 200, `/broken/posts` 503 (so the smoke test fails with a known message).
 */
let api: Server;
let apiBase = '';
let local: ExampleCloud;

beforeAll(async () => {
  api = createServer((req, res) => {
    const ok = req.url?.startsWith('/ok/') || req.url === '/broken/health';
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok }));
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  local = await startExampleCloud(TIME_SCALE);
}, 60_000);

afterAll(async () => {
  await local?.stop();
  api?.closeAllConnections();
  await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
});

/** The parameters of the api-smoke-test's script: this test's API stand-in, under `/ok` or `/broken`. */
function pointSmokeTestAt(configFile: string, mode: 'ok' | 'broken'): void {
  editFile(configFile, (text) => text.replace(/^(\s+)apiUrl: .*$/m, `$1apiUrl: ${apiBase}/${mode}`));
}

/** The reasons of failed resources, for assertion messages. */
function failureReasons(events: readonly StackEvent[]): string {
  return events
    .filter((e) => e.ResourceStatus?.endsWith('_FAILED'))
    .map((e) => `${e.LogicalResourceId} ${e.ResourceStatus}: ${e.ResourceStatusReason}`)
    .join('\n');
}

function eventsOf(events: readonly StackEvent[], logicalId: string): string[] {
  return events.filter((e) => e.LogicalResourceId === logicalId).map((e) => e.ResourceStatus!);
}

async function scriptLogLines(logGroupName: string): Promise<string[]> {
  const messages: string[] = [];
  let token: string | undefined;
  do {
    const page = await local.clients.logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern: '"smoke-testing"', nextToken: token }));
    messages.push(...(page.events ?? []).map((e) => e.message ?? ''));
    token = page.nextToken;
  } while (token);
  return messages;
}

/** Names of the local Lambda's functions that belong to a stack (stp names them `<stack>-<resource>`). */
async function stackFunctions(stackName: string): Promise<string[]> {
  const names: string[] = [];
  let marker: string | undefined;
  do {
    const page = await local.clients.lambda.send(new ListFunctionsCommand({ Marker: marker }));
    names.push(...(page.Functions ?? []).map((f) => f.FunctionName!).filter((n) => n.startsWith(`${stackName}-`)));
    marker = page.NextMarker;
  } while (marker);
  return names;
}

async function physicalIdOf(stackName: string, logicalId: string): Promise<string> {
  const out = await local.clients.cloudFormation.send(new DescribeStackResourcesCommand({ StackName: stackName, LogicalResourceId: logicalId }));
  return out.StackResources![0]!.PhysicalResourceId!;
}

describe.each(exampleNames())('example %s', (name) => {
  const copy = copyExample(name);
  const update = UPDATES[name];
  let created: DeployOutcome;
  let updated: DeployOutcome;
  const hasScript = name === 'api-smoke-test';

  afterAll(() => copy.remove());

  it('has an update defined for it in this test', () => {
    expect(update, `add an entry for ${name} to UPDATES`).toBeDefined();
  });

  it('creates: a CREATE change set of Adds for every compiled resource, then CREATE_COMPLETE with outputs and CloudFormation’s event sequence', async () => {
    if (hasScript) pointSmokeTestAt(copy.configFile, 'ok');
    created = await deploy(local.clients, copy.dir, { type: 'CREATE', deploymentId: 'deploy-1', changeSetName: 'create-1' });
    const { prepared, changeSet } = created;

    expect(changeSet.description.Status).toBe('CREATE_COMPLETE');
    expect(changeSet.description.ExecutionStatus).toBe('AVAILABLE');
    expect(changeSet.changes.map((c) => c.ResourceChange?.Action)).toEqual(changeSet.changes.map(() => 'Add'));
    expect(Object.fromEntries(changeSet.changes.map((c) => [c.ResourceChange!.LogicalResourceId!, c.ResourceChange!.ResourceType!]))).toEqual(prepared.types);

    expect(created.stack.StackStatus, failureReasons(created.events)).toBe('CREATE_COMPLETE');
    expect(created.waiterState).toBe('SUCCESS');
    const outputs = outputsOf(created.stack);
    expect(Object.keys(outputs).sort()).toEqual([...prepared.outputKeys].sort());
    for (const [key, value] of Object.entries(outputs)) expect(value, key).not.toBe('');

    const events = created.events;
    expect(stackStatuses(events, prepared.stackName)).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    expect(events[0]).toMatchObject({ ResourceStatus: 'REVIEW_IN_PROGRESS', ResourceStatusReason: 'User Initiated' });
    expect(events.at(-1)).toMatchObject({ LogicalResourceId: prepared.stackName, ResourceStatus: 'CREATE_COMPLETE' });
    // Every event of the execution carries the ExecuteChangeSet request token.
    expect(new Set(events.slice(1).map((e) => e.ClientRequestToken))).toEqual(new Set(['stp-create-1-deploy-1']));
    for (const logicalId of Object.keys(prepared.types)) {
      expect(eventsOf(events, logicalId), logicalId).toEqual(['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
    }
  }, 120_000);

  it('every regional ARN among the outputs names the stack’s region and account', () => {
    const arns = Object.entries(outputsOf(created.stack)).filter(([, value]) => value.startsWith('arn:aws:'));
    const misplaced = arns.filter(([, arn]) => {
      const [, , , region, account] = arn.split(':');
      return region !== '' && (region !== REGION || account !== '000000000000');
    });
    expect(misplaced, 'outputs whose ARN is in another region or account').toEqual([]);
  });

  it('updates: a real change plus a fresh deployment id → Modify entries, UPDATE_COMPLETE', async () => {
    expect(created?.stack.StackStatus).toBe('CREATE_COMPLETE');
    editFile(copy.configFile, update!.edit);
    updated = await deploy(local.clients, copy.dir, { type: 'UPDATE', deploymentId: 'deploy-2', changeSetName: 'update-1' });
    const actions = Object.fromEntries(updated.changeSet.changes.map((c) => [c.ResourceChange!.LogicalResourceId!, c.ResourceChange!.Action!]));
    expect(actions[update!.modified]).toBe('Modify');
    const modified = updated.changeSet.changes.find((c) => c.ResourceChange?.LogicalResourceId === update!.modified)!.ResourceChange!;
    expect(modified.Replacement).toBe('False');
    expect(Object.values(actions).every((a) => a === 'Modify')).toBe(true);
    if (hasScript) expect(actions.SmokeTestScriptCustomResource).toBe('Modify');

    expect(updated.stack.StackStatus, failureReasons(updated.events)).toBe('UPDATE_COMPLETE');
    expect(updated.waiterState).toBe('SUCCESS');
    expect(stackStatuses(updated.events, updated.prepared.stackName)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE']);
    expect(eventsOf(updated.events, update!.modified)).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
    expect(Object.keys(outputsOf(updated.stack)).sort()).toEqual([...updated.prepared.outputKeys].sort());
    if (update!.memorySize !== undefined) {
      // The local Lambda really runs the new configuration.
      const functionName = await physicalIdOf(updated.prepared.stackName, update!.modified);
      const config = await local.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName }));
      expect(config.MemorySize).toBe(update!.memorySize);
    }
  }, 120_000);

  if (hasScript) it('after:deploy script output is readable with FilterLogEvents, once per deploy', async () => {
    expect(updated?.stack.StackStatus).toBe('UPDATE_COMPLETE');
    const functionName = await physicalIdOf(created.prepared.stackName, 'SmokeTestFunction');
    const lines = await scriptLogLines(`/aws/lambda/${functionName}`);
    // One run on create, one on update (a fresh StpDeploymentId re-runs it).
    expect(lines).toHaveLength(2);
    // Lambda's Node runtime format: time, request id, level, message.
    for (const line of lines) {
      expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\t[0-9a-f-]{36}\\tINFO\\tsmoke-testing ${apiBase}/ok \\(stage dev, database [^)]+\\)\\n?$`));
    }
    const calls = await local.clients.logs.send(
      new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: '"GET /health -> 200"' }),
    );
    expect(calls.events).toHaveLength(2);
  }, 60_000);

  it('a change set without changes FAILS with CloudFormation’s reason and leaves the stack as it was', async () => {
    expect(updated?.stack.StackStatus).toBe('UPDATE_COMPLETE');
    // Same config, same deployment id as the update: nothing to change.
    const prepared = await prepareStack(local.clients, copy.dir, 'deploy-2');
    const changeSet = await createChangeSet(local.clients, prepared, 'UPDATE', 'no-change-1');
    expect(changeSet.waiterState).toBe('FAILURE');
    expect(changeSet.description.Status).toBe('FAILED');
    expect(changeSet.description.ExecutionStatus).toBe('UNAVAILABLE');
    expect(changeSet.description.StatusReason).toBe(NO_CHANGES);
    expect(changeSet.changes).toEqual([]);
    const { Stacks } = await local.clients.cloudFormation.send(new DescribeStacksCommand({ StackName: prepared.stackName }));
    expect(Stacks![0]!.StackStatus).toBe('UPDATE_COMPLETE');
  }, 60_000);

  it('deletes: DELETE_COMPLETE, every resource deleted', async () => {
    const stackId = created.stack.StackId!;
    expect(await deleteStack(local.clients, created.prepared.stackName, stackId)).toBe('SUCCESS');
    const { Stacks } = await local.clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackId }));
    expect(Stacks![0]!.StackStatus).toBe('DELETE_COMPLETE');
    const events = await allEvents(local.clients, stackId);
    expect(events.at(-1)).toMatchObject({ LogicalResourceId: created.prepared.stackName, ResourceStatus: 'DELETE_COMPLETE' });
    const deleted = new Set(events.filter((e) => e.ResourceStatus === 'DELETE_COMPLETE' || e.ResourceStatus === 'DELETE_SKIPPED').map((e) => e.LogicalResourceId));
    for (const logicalId of Object.keys(created.prepared.types)) expect(deleted.has(logicalId), logicalId).toBe(true);
    // Really gone from the local Lambda and CloudWatch Logs, not only reported so.
    expect(await stackFunctions(created.prepared.stackName)).toEqual([]);
    const groups = await local.clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${created.prepared.stackName}-` }));
    expect(groups.logGroups ?? []).toEqual([]);
  }, 60_000);
});

describe('a failing after:deploy script (api-smoke-test whose smoke test gets HTTP 503)', () => {
  const reason = 'smoke test failed for 1 path(s): /posts: HTTP 503';

  it('on create: the custom resource fails with the script’s message and the stack ends ROLLBACK_COMPLETE', async () => {
    const copy = copyExample('api-smoke-test');
    try {
      pointSmokeTestAt(copy.configFile, 'broken');
      const outcome = await deploy(local.clients, copy.dir, { type: 'CREATE', deploymentId: 'broken-1', changeSetName: 'create-broken', stage: 'broken' });
      expect(outcome.stack.StackStatus).toBe('ROLLBACK_COMPLETE');
      expect(outcome.waiterState).toBe('FAILURE');
      const failed = outcome.events.find((e) => e.LogicalResourceId === 'SmokeTestScriptCustomResource' && e.ResourceStatus === 'CREATE_FAILED');
      expect(failed?.ResourceStatusReason).toContain(reason);
      const statuses = stackStatuses(outcome.events, outcome.prepared.stackName);
      expect(statuses).toEqual(['REVIEW_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'ROLLBACK_IN_PROGRESS', 'ROLLBACK_COMPLETE']);
      // The rollback deleted the script's log group with the stack's other resources, as on AWS.
      expect(await stackFunctions(outcome.prepared.stackName)).toEqual([]);
      expect(await deleteStack(local.clients, outcome.prepared.stackName, outcome.stack.StackId!)).toBe('SUCCESS');
    } finally {
      copy.remove();
    }
  }, 120_000);

  it('on update: the stack rolls back to the previous version (UPDATE_ROLLBACK_COMPLETE) with the script’s message', async () => {
    const copy = copyExample('api-smoke-test');
    try {
      pointSmokeTestAt(copy.configFile, 'ok');
      const first = await deploy(local.clients, copy.dir, { type: 'CREATE', deploymentId: 'rb-1', changeSetName: 'create-rb', stage: 'rollback' });
      expect(first.stack.StackStatus).toBe('CREATE_COMPLETE');
      editFile(copy.configFile, (text) => text.replace(`${apiBase}/ok`, `${apiBase}/broken`));
      const second = await deploy(local.clients, copy.dir, { type: 'UPDATE', deploymentId: 'rb-2', changeSetName: 'update-rb', stage: 'rollback' });
      expect(second.stack.StackStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
      const failed = second.events.find((e) => e.LogicalResourceId === 'SmokeTestScriptCustomResource' && e.ResourceStatus === 'UPDATE_FAILED');
      expect(failed?.ResourceStatusReason).toContain(reason);
      // The script's own log shows the failing call (the log group survives an update rollback).
      const functionName = String(second.prepared.template.Resources.SmokeTestFunction?.Properties?.FunctionName);
      const logged = await local.clients.logs.send(new FilterLogEventsCommand({ logGroupName: `/aws/lambda/${functionName}`, filterPattern: '"GET /posts -> 503"' }));
      expect(logged.events).toHaveLength(1);
      expect(stackStatuses(second.events, second.prepared.stackName)).toEqual([
        'UPDATE_IN_PROGRESS',
        'UPDATE_ROLLBACK_IN_PROGRESS',
        'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS',
        'UPDATE_ROLLBACK_COMPLETE',
      ]);
      expect(await deleteStack(local.clients, second.prepared.stackName, second.stack.StackId!)).toBe('SUCCESS');
    } finally {
      copy.remove();
    }
  }, 120_000);
});

describe('a template sent by TemplateURL (as stp sends templates over 51,200 bytes)', () => {
  it('is read from the deployment bucket and deploys like an inline one', async () => {
    const copy = copyExample('upload-pipeline');
    try {
      const outcome = await deploy(local.clients, copy.dir, { type: 'CREATE', deploymentId: 'url-1', changeSetName: 'create-url', stage: 'byurl', templateBy: 'url' });
      expect(outcome.prepared.templateUrl).toMatch(new RegExp(`^${local.cloud.endpoint}/stp-assets-000000000000-eu-west-1/templates/[0-9a-f]{64}\\.json$`));
      expect(outcome.prepared.templateBody).toBeUndefined();
      expect(outcome.changeSet.changes).toHaveLength(outcome.prepared.resourceCount);
      expect(outcome.stack.StackStatus, failureReasons(outcome.events)).toBe('CREATE_COMPLETE');
      expect(await deleteStack(local.clients, outcome.prepared.stackName, outcome.stack.StackId!)).toBe('SUCCESS');
    } finally {
      copy.remove();
    }
  }, 120_000);
});

describe('the local cloud, after all of the above', () => {
  it('was never asked for an operation it does not implement', () => {
    expect(local.lines.filter((line) => line.includes('unsupported operation'))).toEqual([]);
  });
});
