import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../../core/aws-error.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import type { ResourceRecord, StackRecord } from '../stack/stack-model.js';
import { requiredString } from './query-input.js';

/**
 * Drift detection. Nothing changes a local resource behind CloudFormation's back except direct
 * API calls the local cloud does not compare yet, so every check completes at once and reports
 * IN_SYNC with the properties as deployed (see src/emulator/README.md).
 */
function requireStack(runtime: CloudFormationRuntime, name: string): StackRecord {
  const stack = runtime.store.findLive(name);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack with id ${name} does not exist`);
  return stack;
}

function drift(stack: StackRecord, record: ResourceRecord, timestamp: string) {
  const properties = JSON.stringify(record.properties);
  return {
    StackId: stack.stackId,
    LogicalResourceId: record.logicalId,
    PhysicalResourceId: record.physicalId,
    ResourceType: record.type,
    ExpectedProperties: properties,
    ActualProperties: properties,
    PropertyDifferences: [],
    StackResourceDriftStatus: 'IN_SYNC',
    Timestamp: timestamp,
  };
}

function checked(stack: StackRecord): ResourceRecord[] {
  return Object.values(stack.resources).filter((record) => record.physicalId !== '' && !record.status.startsWith('DELETE_'));
}

export function detectStackDrift(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = requireStack(runtime, requiredString(input, 'StackName'));
  const id = randomUUID();
  runtime.store.driftDetections.set(id, { stackId: stack.stackId, timestamp: runtime.now() });
  stack.driftStatus = 'IN_SYNC';
  stack.lastDriftCheck = runtime.now();
  runtime.persist();
  return { StackDriftDetectionId: id };
}

export function describeStackDriftDetectionStatus(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const id = requiredString(input, 'StackDriftDetectionId');
  const detection = runtime.store.driftDetections.get(id);
  if (!detection) throw new AwsServiceError('ValidationError', `Stack drift detection status with id ${id} does not exist`);
  return {
    StackId: detection.stackId,
    StackDriftDetectionId: id,
    StackDriftStatus: 'IN_SYNC',
    DetectionStatus: 'DETECTION_COMPLETE',
    DriftedStackResourceCount: 0,
    Timestamp: detection.timestamp,
  };
}

export function describeStackResourceDrifts(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = requireStack(runtime, requiredString(input, 'StackName'));
  const filter = input.StackResourceDriftStatusFilters;
  const wanted = Array.isArray(filter) && filter.length > 0 ? new Set(filter as string[]) : undefined;
  const now = stack.lastDriftCheck ?? runtime.now();
  const drifts = checked(stack).map((record) => drift(stack, record, now)).filter((item) => !wanted || wanted.has(item.StackResourceDriftStatus));
  return { StackResourceDrifts: drifts };
}

export function detectStackResourceDrift(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = requireStack(runtime, requiredString(input, 'StackName'));
  const logicalId = requiredString(input, 'LogicalResourceId');
  const record = stack.resources[logicalId];
  if (!record || record.physicalId === '') throw new AwsServiceError('ValidationError', `Resource ${logicalId} does not exist for stack ${stack.stackName}`);
  return { StackResourceDrift: drift(stack, record, runtime.now()) };
}
