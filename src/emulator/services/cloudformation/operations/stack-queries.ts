import { getResourceType } from '../../../../cloudformation/resource-spec.js';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import type { ResourceRecord, StackRecord } from '../stack/stack-model.js';
import { parseTemplateBody } from '../template/parse-template.js';
import { requiredCapabilities } from '../template/required-capabilities.js';
import { templateBodyFrom } from '../template/template-source.js';
import { validateReferences } from '../template/validate-references.js';
import { optionalString, requiredString } from './query-input.js';

const RESOURCE_PAGE_SIZE = 100;

function describeStack(stack: StackRecord): Record<string, unknown> {
  // A deleted stack no longer reports its change set or termination protection.
  const deleted = stack.status === 'DELETE_COMPLETE';
  return {
    StackId: stack.stackId,
    StackName: stack.stackName,
    ChangeSetId: deleted ? undefined : stack.changeSetId,
    Description: stack.description,
    Parameters: stack.deployed && stack.deployed.parameters.length > 0 ? stack.deployed.parameters : undefined,
    CreationTime: stack.creationTime,
    DeletionTime: stack.deletionTime,
    LastUpdatedTime: stack.lastUpdatedTime,
    RollbackConfiguration: {},
    StackStatus: stack.status,
    StackStatusReason: stack.statusReason,
    DisableRollback: stack.disableRollback,
    NotificationARNs: [],
    Capabilities: stack.capabilities.length > 0 ? stack.capabilities : undefined,
    Outputs: stack.outputs.length > 0 ? stack.outputs : undefined,
    Tags: stack.tags,
    EnableTerminationProtection: deleted ? undefined : stack.terminationProtection === true,
    DriftInformation: { StackDriftStatus: stack.driftStatus ?? 'NOT_CHECKED', LastCheckTimestamp: stack.lastDriftCheck },
  };
}

export function describeStacks(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const name = optionalString(input, 'StackName');
  if (name) return { Stacks: [describeStack(runtime.store.requireForDescribe(name))] };
  return { Stacks: runtime.store.liveStacks().map(describeStack) };
}

export function listStacks(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const filter = input.StackStatusFilter;
  const statuses = Array.isArray(filter) && filter.length > 0 ? new Set(filter as string[]) : undefined;
  const summaries = [...runtime.store.stacks.values()]
    .filter((stack) => !statuses || statuses.has(stack.status))
    .map((stack) => ({
      StackId: stack.stackId,
      StackName: stack.stackName,
      TemplateDescription: stack.description,
      CreationTime: stack.creationTime,
      LastUpdatedTime: stack.lastUpdatedTime,
      DeletionTime: stack.deletionTime,
      StackStatus: stack.status,
      StackStatusReason: stack.statusReason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    }));
  return { StackSummaries: summaries };
}

export function listExports(runtime: CloudFormationRuntime): Record<string, unknown> {
  const exports = runtime.store.liveStacks().flatMap((stack) =>
    stack.outputs.filter((output) => output.ExportName !== undefined).map((output) => ({ ExportingStackId: stack.stackId, Name: output.ExportName, Value: output.OutputValue })),
  );
  return { Exports: exports };
}

export function describeStackEvents(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const name = requiredString(input, 'StackName');
  const stack = runtime.store.find(name);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack [${name}] does not exist`);
  const page = runtime.store.events.page(stack.stackId, optionalString(input, 'NextToken') || undefined);
  return { StackEvents: page.events, NextToken: page.nextToken };
}

function resourceRow(stack: StackRecord, record: ResourceRecord) {
  return {
    StackName: stack.stackName,
    StackId: stack.stackId,
    LogicalResourceId: record.logicalId,
    PhysicalResourceId: record.physicalId === '' ? undefined : record.physicalId,
    ResourceType: record.type,
    Timestamp: record.lastUpdated,
    ResourceStatus: record.status,
    ResourceStatusReason: record.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  };
}

export function describeStackResources(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const name = optionalString(input, 'StackName');
  const physicalId = optionalString(input, 'PhysicalResourceId');
  const logicalId = optionalString(input, 'LogicalResourceId');
  let stack: StackRecord | undefined;
  if (name) stack = runtime.store.requireForDescribe(name);
  else if (physicalId) {
    stack = [...runtime.store.stacks.values()].find((candidate) => Object.values(candidate.resources).some((record) => record.physicalId === physicalId));
    if (!stack) throw new AwsServiceError('ValidationError', `Stack for ${physicalId} does not exist`);
  } else throw new AwsServiceError('ValidationError', 'Either StackName or PhysicalResourceId must be specified.');
  const rows = Object.values(stack.resources)
    .filter((record) => (!logicalId || record.logicalId === logicalId) && (!physicalId || record.physicalId === physicalId))
    .map((record) => resourceRow(stack!, record));
  return { StackResources: rows };
}

export function listStackResources(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = runtime.store.requireForDescribe(requiredString(input, 'StackName'));
  const records = Object.values(stack.resources);
  const token = optionalString(input, 'NextToken');
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
  if (!Number.isInteger(start) || start < 0 || start > records.length) throw new AwsServiceError('ValidationError', 'Invalid NextToken');
  const page = records.slice(start, start + RESOURCE_PAGE_SIZE).map((record) => ({
    LogicalResourceId: record.logicalId,
    PhysicalResourceId: record.physicalId === '' ? undefined : record.physicalId,
    ResourceType: record.type,
    LastUpdatedTimestamp: record.lastUpdated,
    ResourceStatus: record.status,
    ResourceStatusReason: record.statusReason,
    DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
  }));
  const next = start + RESOURCE_PAGE_SIZE < records.length ? Buffer.from(String(start + RESOURCE_PAGE_SIZE)).toString('base64') : undefined;
  return { StackResourceSummaries: page, NextToken: next };
}

export function describeStackResource(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = runtime.store.requireForDescribe(requiredString(input, 'StackName'));
  const logicalId = requiredString(input, 'LogicalResourceId');
  const record = stack.resources[logicalId];
  if (!record) throw new AwsServiceError('ValidationError', `Resource ${logicalId} does not exist for stack ${stack.stackName}`);
  return {
    StackResourceDetail: {
      StackName: stack.stackName,
      StackId: stack.stackId,
      LogicalResourceId: record.logicalId,
      PhysicalResourceId: record.physicalId === '' ? undefined : record.physicalId,
      ResourceType: record.type,
      LastUpdatedTimestamp: record.lastUpdated,
      ResourceStatus: record.status,
      ResourceStatusReason: record.statusReason,
      Metadata: record.metadata === undefined ? undefined : JSON.stringify(record.metadata),
      DriftInformation: { StackResourceDriftStatus: 'NOT_CHECKED' },
    },
  };
}

export function getTemplate(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const changeSetName = optionalString(input, 'ChangeSetName');
  let body: string | undefined;
  // Recorded (LocalStack api/test_templates): the two missing-argument answers.
  if (!changeSetName && !optionalString(input, 'StackName')) throw new AwsServiceError('ValidationError', 'StackName is required if ChangeSetName is not specified.');
  if (changeSetName && !changeSetName.startsWith('arn:') && !optionalString(input, 'StackName')) throw new AwsServiceError('ValidationError', 'StackName is a required parameter.');
  if (changeSetName) {
    const changeSet = changeSetName.startsWith('arn:')
      ? runtime.store.changeSets.get(changeSetName)
      : [...runtime.store.changeSets.values()].find(
          (cs) => cs.changeSetName === changeSetName && cs.stackId === runtime.store.find(optionalString(input, 'StackName') ?? '')?.stackId,
        );
    if (!changeSet) throw new AwsServiceError('ChangeSetNotFound', `ChangeSet [${changeSetName}] does not exist`, 404);
    body = changeSet.templateBody;
  } else {
    const stack = runtime.store.requireForDescribe(requiredString(input, 'StackName'));
    body = stack.deployed?.body;
    if (body === undefined) {
      // A stack in review has no template of its own yet; CloudFormation answers with its change set's.
      body = [...runtime.store.changeSets.values()].find((cs) => cs.stackId === stack.stackId)?.templateBody;
    }
    if (body === undefined) throw new AwsServiceError('ValidationError', `Stack with id ${stack.stackName} does not exist`);
  }
  // No transforms run locally, so the Processed stage is the Original.
  return { TemplateBody: body, StagesAvailable: ['Original', 'Processed'] };
}

export function validateTemplate(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const body = templateBodyFrom({ TemplateBody: optionalString(input, 'TemplateBody'), TemplateURL: optionalString(input, 'TemplateURL') }, runtime.deps.s3);
  if (body === undefined) throw new AwsServiceError('ValidationError', 'Either Template URL or Template Body must be specified.');
  const template = parseTemplateBody(body);
  validateReferences(template);
  const required = requiredCapabilities(template);
  return {
    Parameters: Object.entries(template.Parameters ?? {}).map(([name, parameter]) => ({
      ParameterKey: name,
      DefaultValue: parameter.Default === undefined ? undefined : Array.isArray(parameter.Default) ? parameter.Default.join(',') : String(parameter.Default),
      NoEcho: parameter.NoEcho === true || String(parameter.NoEcho) === 'true',
      Description: parameter.Description,
    })),
    Description: template.Description,
    Capabilities: required.capability ? [required.capability] : undefined,
    CapabilitiesReason: required.reason,
    // Recorded (api/test_templates test_validate_template): absent without transforms.
    DeclaredTransforms: template.Transform === undefined ? undefined : [template.Transform].flat(),
  };
}

export function getTemplateSummary(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  let body = templateBodyFrom({ TemplateBody: optionalString(input, 'TemplateBody'), TemplateURL: optionalString(input, 'TemplateURL') }, runtime.deps.s3);
  const stackName = optionalString(input, 'StackName');
  if (body === undefined && stackName) {
    const stack = runtime.store.requireForDescribe(stackName);
    if (stack.status === 'REVIEW_IN_PROGRESS') throw new AwsServiceError('ValidationError', 'GetTemplateSummary cannot be called on REVIEW_IN_PROGRESS stacks.');
    body = stack.deployed?.body;
  }
  if (body === undefined) throw new AwsServiceError('ValidationError', 'Either Template URL or Template Body must be specified.');
  const template = parseTemplateBody(body);
  const required = requiredCapabilities(template);
  return {
    Parameters: Object.entries(template.Parameters ?? {}).map(([name, parameter]) => ({
      ParameterKey: name,
      DefaultValue: parameter.Default === undefined ? undefined : Array.isArray(parameter.Default) ? parameter.Default.join(',') : String(parameter.Default),
      ParameterType: parameter.Type,
      NoEcho: parameter.NoEcho === true || String(parameter.NoEcho) === 'true',
      Description: parameter.Description,
      ParameterConstraints: parameter.AllowedValues ? { AllowedValues: parameter.AllowedValues.map(String) } : {},
    })),
    Description: template.Description,
    Capabilities: required.capability ? [required.capability] : undefined,
    CapabilitiesReason: required.reason,
    ResourceTypes: [...new Set(Object.values(template.Resources).map((resource) => resource.Type))],
    // Recorded (api/test_templates test_get_template_summary_failed_stack): 2010-09-09 also when
    // the template does not say, and one identifier summary per type.
    Version: template.AWSTemplateFormatVersion ?? '2010-09-09',
    ResourceIdentifierSummaries: resourceIdentifierSummaries(template),
    DeclaredTransforms: template.Transform === undefined ? undefined : [template.Transform].flat(),
  };
}

function resourceIdentifierSummaries(template: { Resources: Record<string, { Type: string }> }) {
  const byType = new Map<string, string[]>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) byType.set(resource.Type, [...(byType.get(resource.Type) ?? []), logicalId]);
  return [...byType].map(([ResourceType, LogicalResourceIds]) => {
    const identifiers = getResourceType(ResourceType)?.refReturns ?? [];
    return { ResourceType, LogicalResourceIds, ...(identifiers.length > 0 ? { ResourceIdentifiers: [...identifiers] } : {}) };
  });
}

export function listImports(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const name = requiredString(input, 'ExportName');
  const exporter = runtime.store.liveStacks().find((stack) => stack.outputs.some((output) => output.ExportName === name));
  if (!exporter) throw new AwsServiceError('ValidationError', `Export '${name}' does not exist.`);
  return { Imports: runtime.store.importersOf(name, exporter).map((stack) => stack.stackName) };
}
