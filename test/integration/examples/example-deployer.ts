/**
 * Test support: deploys a config/examples stack on the embedded local cloud through the real
 * SDK v3 clients, the way a deploy will (load → compile → package + upload → change set → wait →
 * execute → wait). This is test orchestration, not the deploy engine (a later issue): it makes
 * no decisions beyond what the assertions need and reports everything it saw.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
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
  type Capability,
  type Change,
  type DescribeChangeSetCommandOutput,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { createAwsClients, type AwsClients } from '../../../src/aws/client-factory.js';
import type { CfnTemplate } from '../../../src/engine/compile/compile-contract.js';
import { compileResolvedStack } from '../../../src/engine/compile/compile-stack.js';
import { deploymentIdParameter } from '../../../src/engine/compile/stack-parameters.js';
import { subnetIdsParameter, vpcIdParameter } from '../../../src/engine/compile/workload/default-vpc.js';
import { loadStackConfig } from '../../../src/engine/config/load-stack-config.js';
import { applyAssetLocations } from '../../../src/engine/package/apply-asset-locations.js';
import { packageAssets } from '../../../src/engine/package/package-assets.js';
import { needsTemplateUrl, uploadTemplate } from '../../../src/engine/package/upload-template.js';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/start-emulator.js';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The repository: the nearest directory up from this module that holds config/examples (also when bundled, e.g. by bench/). */
export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'config', 'examples')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no repository with config/examples above ${from}`);
  }
}
export const EXAMPLES_DIR = path.join(REPO_ROOT, 'config/examples');
export const REGION = 'eu-west-1';
export const STAGE = 'dev';
export const CAPABILITIES: Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];

/**
 * What a deploy passes for the default VPC (the engine will read them with EC2 DescribeVpcs /
 * DescribeSubnets; the local cloud has no EC2 yet, so plausible default-VPC-shaped values).
 */
export const DEFAULT_VPC_PARAMETERS: Readonly<Record<string, string>> = {
  [vpcIdParameter]: 'vpc-0a1b2c3d4e5f60718',
  [subnetIdsParameter]: 'subnet-0a1b2c3d4e5f60001,subnet-0a1b2c3d4e5f60002,subnet-0a1b2c3d4e5f60003',
};

/**
 * SDK waiter polling (seconds). AWS's defaults (5–120 s) suit real stacks; against the local
 * cloud's compressed clock a tenth of a second keeps the measured times close to the work.
 */
export const WAITER = { minDelay: 0.1, maxDelay: 0.5, maxWaitTime: 120 };

export interface ExampleCloud {
  cloud: RunningEmulator;
  clients: AwsClients;
  stateDir: string;
  /** The emulator's log lines (unsupported operations, record-only types…). */
  lines: string[];
  stop(): Promise<void>;
}

export async function startExampleCloud(timeScale: number): Promise<ExampleCloud> {
  const stateDir = mkdtempSync(path.join(tmpdir(), 'stp-examples-state-'));
  const lines: string[] = [];
  const cloud = await startEmulator({ port: 0, stateDir, timeScale, env: {}, log: (line) => lines.push(line) });
  // upload-pipeline's $Secret('upload-pipeline.db-password') must exist, as on AWS (`stp secret:create`).
  const secrets = new SecretsManagerClient({ region: REGION, endpoint: cloud.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await secrets.send(new CreateSecretCommand({ Name: 'upload-pipeline', SecretString: JSON.stringify({ 'db-password': 'local-db-password' }) }));
  secrets.destroy();
  const clients = createAwsClients({
    region: REGION,
    endpoint: cloud.endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    env: {},
  });
  return {
    cloud,
    clients,
    stateDir,
    lines,
    async stop() {
      clients.destroy();
      await cloud.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export function exampleNames(): string[] {
  return readdirSorted(EXAMPLES_DIR);
}

function readdirSorted(dir: string): string[] {
  // Only directories holding a stacktape.yml count as examples.
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'stacktape.yml')))
    .map((entry) => entry.name)
    .sort();
}

/** A copy of the example in a temp dir (so `.stp/` caches never land in the repo). */
export function copyExample(name: string): { dir: string; configFile: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `stp-example-${name}-`));
  cpSync(path.join(EXAMPLES_DIR, name), dir, { recursive: true, filter: (src) => !src.split(path.sep).includes('.stp') });
  // The examples resolve their npm imports (e.g. @aws-sdk/client-s3) from the repository's
  // node_modules, as a project would from its own; the copy keeps that.
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const configFile = path.join(dir, 'stacktape.yml');
  return { dir, configFile, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Rewrites a file of a copied example in place (the edit must change something, or it is a test bug). */
export function editFile(file: string, edit: (text: string) => string): void {
  const before = readFileSync(file, 'utf8');
  const after = edit(before);
  if (after === before) throw new Error(`editing ${file} changed nothing`);
  writeFileSync(file, after);
}

export interface PreparedStack {
  stackName: string;
  templateBody?: string;
  templateUrl?: string;
  parameters: Record<string, string>;
  resourceCount: number;
  /** Type of each resource of the compiled template, by logical id. */
  types: Record<string, string>;
  /** Output names the template declares. */
  outputKeys: string[];
  /** The template as deployed (asset keys filled in). */
  template: CfnTemplate;
}

/** load → compile → package + upload → template body or URL, and every parameter a deploy passes. */
export async function prepareStack(
  clients: AwsClients,
  projectDir: string,
  deploymentId: string,
  stage = STAGE,
  /** 'url' sends even a small template by TemplateURL, the way stp sends those over 51,200 bytes. */
  templateBy: 'auto' | 'url' = 'auto',
): Promise<PreparedStack> {
  const loaded = await loadStackConfig({ cwd: projectDir, configPath: projectDir, stage, region: REGION });
  if (!loaded.ok || !loaded.resolved) throw new Error(`config did not load:\n${formatDiagnostics(loaded.diagnostics)}`);
  const compiled = compileResolvedStack(loaded.resolved, loaded.positions);
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`config did not compile:\n${formatDiagnostics(errors)}`);
  const upload = { s3: clients.s3, sts: clients.sts, region: REGION };
  const packaged = await packageAssets(compiled.assets, { projectDir: loaded.resolved.configDir, upload });
  const applied = applyAssetLocations(compiled.template, packaged.locations!);
  const declared = applied.template.Parameters ?? {};
  const parameters: Record<string, string> = { ...applied.parameters };
  if (deploymentIdParameter in declared) parameters[deploymentIdParameter] = deploymentId;
  for (const [name, value] of Object.entries(DEFAULT_VPC_PARAMETERS)) if (name in declared) parameters[name] = value;
  // Every parameter without a default must have a value, or CreateChangeSet would refuse it.
  const missing = Object.entries(declared).filter(([name, p]) => parameters[name] === undefined && (p as { Default?: unknown }).Default === undefined);
  if (missing.length > 0) throw new Error(`no value for template parameters ${missing.map(([n]) => n).join(', ')}`);

  const body = JSON.stringify(applied.template);
  const types = Object.fromEntries(Object.entries(applied.template.Resources).map(([id, r]) => [id, r.Type]));
  const outputKeys = Object.keys(applied.template.Outputs ?? {});
  const base = { stackName: loaded.resolved.stackName, parameters, resourceCount: Object.keys(types).length, types, outputKeys, template: applied.template };
  if (templateBy === 'url' || needsTemplateUrl(body)) {
    const location = await uploadTemplate(body, { ...upload, bucket: packaged.locations!.bucket });
    return { ...base, templateUrl: location.url };
  }
  return { ...base, templateBody: body };
}

function formatDiagnostics(diagnostics: readonly { code: string; message: string; path?: readonly (string | number)[] }[]): string {
  return diagnostics.map((d) => `  ${d.code} ${d.path?.join('.') ?? ''}: ${d.message}`).join('\n');
}

export interface ChangeSetResult {
  changeSetId: string;
  stackId: string;
  /** The change-set waiter's final state: SUCCESS, or FAILURE when the set FAILED (e.g. no changes). */
  waiterState: string;
  description: DescribeChangeSetCommandOutput;
  changes: Change[];
}

/** CreateChangeSet + the SDK waiter + every page of DescribeChangeSet (also when the set FAILED). */
export async function createChangeSet(clients: AwsClients, prepared: PreparedStack, type: 'CREATE' | 'UPDATE', name: string): Promise<ChangeSetResult> {
  const cfn = clients.cloudFormation;
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: prepared.stackName,
      ChangeSetName: name,
      ChangeSetType: type,
      Capabilities: CAPABILITIES,
      ...(prepared.templateUrl ? { TemplateURL: prepared.templateUrl } : { TemplateBody: prepared.templateBody }),
      Parameters: Object.entries(prepared.parameters).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  let waiterState: string;
  try {
    waiterState = (await waitUntilChangeSetCreateComplete({ client: cfn, ...WAITER }, { ChangeSetName: created.Id!, StackName: created.StackId! })).state;
  } catch (error) {
    const state = waiterFailureState(error);
    if (state === undefined) throw error;
    waiterState = state;
  }
  return { changeSetId: created.Id!, stackId: created.StackId!, waiterState, ...(await describeAllChanges(clients, created.Id!)) };
}

/** The change set's description (first page) and the changes of all pages. */
export async function describeAllChanges(clients: AwsClients, changeSetId: string): Promise<{ description: DescribeChangeSetCommandOutput; changes: Change[] }> {
  let description: DescribeChangeSetCommandOutput | undefined;
  const changes: Change[] = [];
  let token: string | undefined;
  do {
    const page = await clients.cloudFormation.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId, NextToken: token }));
    description ??= page;
    changes.push(...(page.Changes ?? []));
    token = page.NextToken;
  } while (token);
  return { description: description!, changes };
}

/** ExecuteChangeSet, then the create/update waiter. Returns the waiter's state instead of throwing (rollbacks are expected in some tests). */
export async function executeChangeSet(clients: AwsClients, changeSet: ChangeSetResult, type: 'CREATE' | 'UPDATE', clientRequestToken: string): Promise<string> {
  const cfn = clients.cloudFormation;
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSet.changeSetId, ClientRequestToken: clientRequestToken }));
  const wait = type === 'CREATE' ? waitUntilStackCreateComplete : waitUntilStackUpdateComplete;
  try {
    const result = await wait({ client: cfn, ...WAITER }, { StackName: changeSet.stackId });
    return result.state;
  } catch (error) {
    // The SDK waiter throws on a terminal failure state (e.g. ROLLBACK_COMPLETE) with its result as
    // JSON in the message; the caller reads the stack to see which.
    const state = waiterFailureState(error);
    if (state === undefined) throw error;
    return state;
  }
}

function waiterFailureState(error: unknown): string | undefined {
  try {
    const parsed = JSON.parse((error as Error).message) as { state?: unknown };
    return typeof parsed.state === 'string' ? parsed.state : undefined;
  } catch {
    return undefined;
  }
}

export async function describeStack(clients: AwsClients, stackName: string): Promise<Stack> {
  const out = await clients.cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  return out.Stacks![0]!;
}

export function outputsOf(stack: Stack): Record<string, string> {
  return Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!]));
}

/** Every event of the stack, oldest first, through the paginated API. */
export async function allEvents(clients: AwsClients, stackName: string): Promise<StackEvent[]> {
  const events: StackEvent[] = [];
  let token: string | undefined;
  do {
    const page = await clients.cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken: token }));
    events.push(...(page.StackEvents ?? []));
    token = page.NextToken;
  } while (token);
  return events.reverse();
}

/** The stack's own status transitions (events whose logical id is the stack), oldest first. */
export function stackStatuses(events: readonly StackEvent[], stackName: string): string[] {
  return events.filter((e) => e.LogicalResourceId === stackName && e.ResourceType === 'AWS::CloudFormation::Stack').map((e) => e.ResourceStatus!);
}

export async function deleteStack(clients: AwsClients, stackName: string, stackId: string): Promise<string> {
  const cfn = clients.cloudFormation;
  await cfn.send(new DeleteStackCommand({ StackName: stackName }));
  const result = await waitUntilStackDeleteComplete({ client: cfn, ...WAITER }, { StackName: stackId });
  return result.state;
}

export interface DeployOutcome {
  prepared: PreparedStack;
  changeSet: ChangeSetResult;
  /** The waiter's final state (SUCCESS or FAILURE…). */
  waiterState: string;
  stack: Stack;
  /** Events since this deploy's change set was created, oldest first. */
  events: StackEvent[];
  millis: number;
}

/** One full deploy of a project directory: prepare, change set, execute, wait. */
export async function deploy(
  clients: AwsClients,
  projectDir: string,
  options: { type: 'CREATE' | 'UPDATE'; deploymentId: string; changeSetName: string; stage?: string; templateBy?: 'auto' | 'url' },
): Promise<DeployOutcome> {
  const started = performance.now();
  const prepared = await prepareStack(clients, projectDir, options.deploymentId, options.stage, options.templateBy);
  const before = options.type === 'UPDATE' ? (await allEvents(clients, prepared.stackName)).length : 0;
  const changeSet = await createChangeSet(clients, prepared, options.type, options.changeSetName);
  if (changeSet.description.Status !== 'CREATE_COMPLETE') {
    throw new Error(`change set ${options.changeSetName} is ${changeSet.description.Status}: ${changeSet.description.StatusReason}`);
  }
  const waiterState = await executeChangeSet(clients, changeSet, options.type, `stp-${options.changeSetName}-${options.deploymentId}`);
  const stack = await describeStack(clients, changeSet.stackId);
  const events = (await allEvents(clients, changeSet.stackId)).slice(before);
  return { prepared, changeSet, waiterState, stack, events, millis: performance.now() - started };
}
