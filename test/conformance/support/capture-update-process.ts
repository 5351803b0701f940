/**
 * The create-then-update replay behind LocalStack's `capture_update_process` fixture
 * (localstack-core/localstack/testing/pytest/cloudformation/fixtures.py @ 8b9a79f, Apache-2.0),
 * which recorded most change-set scenarios against AWS. The same calls in the same order:
 * CREATE change set → describe with and without property values → execute → describe stack;
 * an UPDATE change set **with the same name** → describe ×2 → execute → describe stack; the
 * events per resource; delete → describe the deleted stack by ID.
 *
 * The fixture changed while recordings were made, so the replay follows the version in use on
 * the recording's date (`fixtureVersionFor`):
 *   - before 2025-06-19: no Capabilities; events captured before the delete, raw, grouped by
 *     LogicalResourceId, newest first; Changes sorted by LogicalResourceId from 2025-06-02;
 *   - from 2025-06-19: events captured after the delete and reduced to
 *     {PhysicalResourceId, LogicalResourceId, ResourceType, ResourceStatus, Timestamp}, oldest
 *     first, one per status change, the stack's own under "Stack" (until 2025-08-05 without
 *     cleanup and delete events); from 2025-08-05 the change sets carry all three Capabilities.
 * BeforeContext/AfterContext and ResourceProperties are parsed from their JSON strings (the
 * snapshot tool did that).
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
  type DescribeChangeSetCommandOutput,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { shortUid } from './conformance-cloud.js';
import type { RecordedScenario } from './recorded-fixture.js';

export const WAIT = { maxWaitTime: 60, minDelay: 1, maxDelay: 1 };
const CAPABILITIES = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const;

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** DescribeChangeSet as recorded: contexts parsed, changes sorted by logical ID when the fixture did. */
export function recordedChangeSetShape(output: DescribeChangeSetCommandOutput, sort = true): Record<string, unknown> {
  const changes = (output.Changes ?? [])
    .map((change) => {
      const resourceChange = change.ResourceChange;
      if (!resourceChange) return change;
      return {
        ...change,
        ResourceChange: {
          ...resourceChange,
          BeforeContext: parseJson(resourceChange.BeforeContext),
          AfterContext: parseJson(resourceChange.AfterContext),
        },
      };
    })
    .sort((a, b) => (sort ? (a.ResourceChange?.LogicalResourceId ?? '').localeCompare(b.ResourceChange?.LogicalResourceId ?? '') : 0));
  return { ...output, Changes: output.Changes === undefined ? undefined : changes };
}

/** Every event of a stack, newest first, through the paginated API. */
export async function stackEvents(cfn: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await cfn.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return events;
}

/** Events grouped by LogicalResourceId (newest first), ResourceProperties parsed (fixture before 2025-06-19). */
export function perResourceEvents(events: readonly StackEvent[]): Record<string, unknown[]> {
  const grouped: Record<string, unknown[]> = {};
  for (const event of events) {
    const key = event.LogicalResourceId ?? '';
    (grouped[key] ??= []).push({ ...event, ResourceProperties: parseJson(event.ResourceProperties) });
  }
  return grouped;
}

/**
 * The later fixture's reduction (2025-06-19 on): per resource, the events where its status changed
 * (reading newest first), reduced to five fields, sorted oldest first, consecutive repeats of a
 * status dropped; the stack's own events under "Stack".
 */
export function normalisedPerResourceEvents(events: readonly StackEvent[], skip: ReadonlySet<string>, onStatusChangeOnly: boolean): Record<string, unknown[]> {
  const lastStatus = new Map<string, string>();
  const grouped: Record<string, StackEvent[]> = {};
  for (const event of events) {
    const status = event.ResourceStatus ?? '';
    if (skip.has(status)) continue;
    const logicalId = event.LogicalResourceId ?? '';
    if (onStatusChangeOnly) {
      if (lastStatus.get(logicalId) === status) continue;
      lastStatus.set(logicalId, status);
    }
    const key = logicalId === event.StackName ? 'Stack' : logicalId;
    (grouped[key] ??= []).push(event);
  }
  const out: Record<string, unknown[]> = {};
  for (const [key, list] of Object.entries(grouped)) {
    const sorted = [...list].sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0));
    const kept: unknown[] = [];
    let last = '';
    for (const event of sorted) {
      const unique = `${event.LogicalResourceId}|${event.ResourceStatus}|${event.ResourceType}`;
      if (unique === last) continue;
      last = unique;
      kept.push({
        PhysicalResourceId: event.PhysicalResourceId,
        LogicalResourceId: event.LogicalResourceId,
        ResourceType: event.ResourceType,
        ResourceStatus: event.ResourceStatus,
        Timestamp: event.Timestamp,
      });
    }
    out[key] = kept;
  }
  return out;
}

/**
 * Until May 2025 AWS marked an added resource `Replacement: "True"` in DescribeChangeSet with
 * IncludePropertyValues; every recording from 2025-05-19 on (and the local cloud) has none. Older
 * recordings are compared without it.
 */
const ADD_REPLACEMENT_DROPPED = '20250519';

function withoutAddReplacement(recorded: unknown): unknown {
  const changes = (recorded as { Changes?: { ResourceChange?: { Action?: string; Replacement?: string } }[] }).Changes ?? [];
  for (const change of changes) if (change.ResourceChange?.Action === 'Add') delete change.ResourceChange.Replacement;
  return recorded;
}

export interface FixtureVersion {
  capabilities: boolean;
  sortChanges: boolean;
  eventsAfterDelete: boolean;
  /** The recording's day, yyyymmdd. */
  day: string;
  events(events: readonly StackEvent[]): Record<string, unknown[]>;
}

/** `dd-mm-yyyy, hh:mm:ss` → `yyyymmdd`. */
function recordedDay(recordedDate: string): string {
  const [day, month, year] = recordedDate.slice(0, 10).split('-');
  return `${year}${month}${day}`;
}

export function fixtureVersionFor(recordedDate: string): FixtureVersion {
  const day = recordedDay(recordedDate);
  if (day < '20250619') return { capabilities: false, sortChanges: day >= '20250602', eventsAfterDelete: false, events: perResourceEvents, day };
  if (day < '20250805') {
    const skip = new Set(['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'DELETE_IN_PROGRESS', 'DELETE_COMPLETE']);
    return { capabilities: false, sortChanges: true, eventsAfterDelete: true, events: (events) => normalisedPerResourceEvents(events, skip, false), day };
  }
  const skip = new Set(['UPDATE_COMPLETE_CLEANUP_IN_PROGRESS']);
  return { capabilities: day > '20250805', sortChanges: true, eventsAfterDelete: true, events: (events) => normalisedPerResourceEvents(events, skip, true), day };
}

export interface CaptureOptions {
  p1?: Record<string, string>;
  p2?: Record<string, string>;
}

/** Replays the fixture and compares every recorded step. Returns the stack ID. */
export async function captureUpdateProcess(cfn: CloudFormationClient, scenario: RecordedScenario, t1: unknown, t2: unknown, options: CaptureOptions = {}): Promise<string> {
  const stackName = `stack-${shortUid()}`;
  const changeSetName = `cs-${shortUid()}`;
  const body = (template: unknown) => (typeof template === 'string' ? template : JSON.stringify(template));
  const version = fixtureVersionFor(scenario.test['recorded-date']);
  const capabilities = version.capabilities ? [...CAPABILITIES] : undefined;
  const describe = async (id: string | undefined, IncludePropertyValues: boolean) =>
    recordedChangeSetShape(await cfn.send(new DescribeChangeSetCommand({ ChangeSetName: id, IncludePropertyValues })), version.sortChanges);
  const valuesView = version.day < ADD_REPLACEMENT_DROPPED ? { adjustRecorded: withoutAddReplacement } : {};
  const parameters = (values: Record<string, string> = {}) => Object.entries(values).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue }));

  const created = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, TemplateBody: body(t1), ChangeSetType: 'CREATE', Capabilities: capabilities, Parameters: parameters(options.p1) }),
  );
  scenario.expect('create-change-set-1', created);
  await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: created.Id });
  scenario.expect('describe-change-set-1-prop-values', await describe(created.Id, true), valuesView);
  scenario.expect('describe-change-set-1', await describe(created.Id, false));
  scenario.expect('execute-change-set-1', await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id })));
  await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: created.StackId });
  scenario.expect('post-create-1-describe', (await cfn.send(new DescribeStacksCommand({ StackName: created.StackId }))).Stacks?.[0]);

  const updated = await cfn.send(
    new CreateChangeSetCommand({ StackName: stackName, ChangeSetName: changeSetName, TemplateBody: body(t2), ChangeSetType: 'UPDATE', Parameters: parameters(options.p2), Capabilities: capabilities }),
  );
  scenario.expect('create-change-set-2', updated);
  await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: updated.Id });
  scenario.expect('describe-change-set-2-prop-values', await describe(updated.Id, true), valuesView);
  scenario.expect('describe-change-set-2', await describe(updated.Id, false));
  scenario.expect('execute-change-set-2', await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: updated.Id })));
  await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: updated.StackId });
  scenario.expect('post-create-2-describe', (await cfn.send(new DescribeStacksCommand({ StackName: updated.StackId }))).Stacks?.[0]);

  if (!version.eventsAfterDelete) scenario.expect('per-resource-events', version.events(await stackEvents(cfn, created.StackId!)));
  await cfn.send(new DeleteStackCommand({ StackName: created.StackId }));
  await waitUntilStackDeleteComplete({ client: cfn, ...WAIT }, { StackName: created.StackId });
  scenario.expect('delete-describe', (await cfn.send(new DescribeStacksCommand({ StackName: created.StackId }))).Stacks?.[0]);
  if (version.eventsAfterDelete) scenario.expect('per-resource-events', version.events(await stackEvents(cfn, created.StackId!)));
  return created.StackId!;
}
