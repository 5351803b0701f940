import type { StackParameter, SuppliedParameter } from '../template/resolve-parameters.js';
import type { Template } from '../template/template-types.js';

/**
 * The emulator's stored state for stacks and change sets. Plain JSON (no Dates, no Maps) so the
 * whole thing persists as is.
 */
export type StackStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_FAILED' | 'CREATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_FAILED' | 'ROLLBACK_COMPLETE'
  | 'DELETE_IN_PROGRESS' | 'DELETE_FAILED' | 'DELETE_COMPLETE'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED'
  | 'UPDATE_ROLLBACK_IN_PROGRESS' | 'UPDATE_ROLLBACK_FAILED' | 'UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS'
  | 'UPDATE_ROLLBACK_COMPLETE' | 'REVIEW_IN_PROGRESS';

export type ResourceStatus =
  | 'CREATE_IN_PROGRESS' | 'CREATE_FAILED' | 'CREATE_COMPLETE'
  | 'DELETE_IN_PROGRESS' | 'DELETE_FAILED' | 'DELETE_COMPLETE' | 'DELETE_SKIPPED'
  | 'UPDATE_IN_PROGRESS' | 'UPDATE_FAILED' | 'UPDATE_COMPLETE'
  | 'ROLLBACK_IN_PROGRESS' | 'ROLLBACK_COMPLETE' | 'ROLLBACK_FAILED';

/** One deployed (or failed) resource of a stack. */
export interface ResourceRecord {
  logicalId: string;
  type: string;
  physicalId: string;
  status: ResourceStatus;
  statusReason?: string;
  lastUpdated: string;
  /** Resolved properties as last applied (what an update or rollback compares against). */
  properties: Record<string, unknown>;
  attributes: Record<string, unknown>;
  deletionPolicy?: string;
  updateReplacePolicy?: string;
  metadata?: Record<string, unknown>;
  /** Logical IDs this resource depends on (delete runs in reverse of these). */
  dependsOn: string[];
  /**
   * The properties as the executed change set planned them (unknown values as
   * {{changeSet:KNOWN_AFTER_APPLY}}): AWS shows these, not the applied ones, as the BeforeContext
   * of a later Remove.
   */
  plannedProperties?: Record<string, unknown>;
}

/** The template and parameters a stack was last brought to (what a rollback returns to). */
export interface DeployedTemplate {
  body: string;
  template: Template;
  /** Raw parameter values (for UsePreviousValue). */
  parameterValues: Record<string, string>;
  parameters: StackParameter[];
  /** Per logical ID, the properties the executed change set planned (see ResourceRecord.plannedProperties). */
  planned?: Record<string, Record<string, unknown>>;
}

export interface StackOutputRecord {
  OutputKey: string;
  OutputValue: string;
  Description?: string;
  ExportName?: string;
}

export interface StackRecord {
  stackId: string;
  stackName: string;
  region: string;
  status: StackStatus;
  statusReason?: string;
  creationTime: string;
  lastUpdatedTime?: string;
  deletionTime?: string;
  description?: string;
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  disableRollback: boolean;
  /** Current template (absent while REVIEW_IN_PROGRESS). */
  deployed?: DeployedTemplate;
  resources: Record<string, ResourceRecord>;
  outputs: StackOutputRecord[];
  /** Export names this stack's deployed template imports (Fn::ImportValue), for export-in-use checks. */
  imports?: string[];
  /** Last executed change set. */
  changeSetId?: string;
  /** UpdateTerminationProtection / CreateStack EnableTerminationProtection. */
  terminationProtection?: boolean;
  /** SetStackPolicy / CreateStack StackPolicyBody (the JSON text as given). */
  stackPolicyBody?: string;
  /** After a DetectStackDrift: the result and when it ran (DescribeStacks DriftInformation). */
  driftStatus?: 'IN_SYNC' | 'DRIFTED';
  lastDriftCheck?: string;
  /** Set while an operation runs; an operation still set after a restart was interrupted. */
  operation?: { kind: string; clientRequestToken?: string; startedAt: string };
  /** State an update rollback returns to (kept from the start of an update until it settles). */
  rollbackTarget?: RollbackTarget;
}

export interface RollbackTarget {
  deployed: DeployedTemplate;
  /** Every resource as it was before the update. */
  resources: Record<string, ResourceRecord>;
  outputs: StackOutputRecord[];
  imports?: string[];
  /** Resources the update created (deleted by a rollback's cleanup). */
  created: string[];
  /** Existing resources the update modified, replaced or failed on (what a rollback reverts). */
  touched: string[];
  /** Old records of replaced resources (deleted by the update's cleanup when it succeeds). */
  replaced: ResourceRecord[];
  /** New records of replacements a rollback reverted (deleted by the rollback's cleanup). */
  replacementsToDelete: ResourceRecord[];
  /** Resources whose revert failed (ContinueUpdateRollback retries or skips them). */
  failedReverts: string[];
}

export interface ChangeSetRecord {
  changeSetId: string;
  changeSetName: string;
  stackId: string;
  stackName: string;
  changeSetType: 'CREATE' | 'UPDATE';
  status: 'CREATE_PENDING' | 'CREATE_IN_PROGRESS' | 'CREATE_COMPLETE' | 'FAILED' | 'DELETE_COMPLETE';
  statusReason?: string;
  executionStatus: 'UNAVAILABLE' | 'AVAILABLE' | 'EXECUTE_IN_PROGRESS' | 'EXECUTE_COMPLETE' | 'EXECUTE_FAILED' | 'OBSOLETE';
  creationTime: string;
  description?: string;
  templateBody: string;
  template: Template;
  suppliedParameters: SuppliedParameter[];
  parameterValues: Record<string, string>;
  parameters: StackParameter[];
  capabilities: string[];
  tags: { Key: string; Value: string }[];
  onStackFailure?: string;
  /** Computed changes with full property values (trimmed when described without them). */
  changes: unknown[];
}
