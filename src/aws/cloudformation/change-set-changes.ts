/**
 * DescribeChangeSet pages → domain records: one `ChangeSetChange` per resource change, with the
 * details CloudFormation gives for why (the property, whether it forces recreation, what caused
 * it). The plan's classification (src/engine/plan/classify.ts) works only on these records.
 */
import {
  paginateDescribeChangeSet,
  type CloudFormationClient,
  type Change,
  type DescribeChangeSetCommandOutput,
} from '@aws-sdk/client-cloudformation';

export interface ChangeSetChangeDetail {
  /** `Properties.BucketName`, `Tags`, … (Target.Attribute + Target.Name). */
  path: string;
  requiresRecreation?: string;
  evaluation?: string;
  changeSource?: string;
  causingEntity?: string;
  before?: string;
  after?: string;
}

export interface ChangeSetChange {
  logicalId: string;
  physicalId?: string;
  resourceType: string;
  /** CloudFormation's Action: Add | Modify | Remove | Import | Dynamic. */
  action: string;
  /** True | False | Conditional (Modify only). */
  replacement?: string;
  policyAction?: string;
  details: ChangeSetChangeDetail[];
}

export interface ChangeSetDescription {
  changeSetId: string;
  changeSetName?: string;
  stackId?: string;
  status: string;
  statusReason?: string;
  executionStatus?: string;
  changes: ChangeSetChange[];
}

export function changeSetChangeOf(change: Change): ChangeSetChange | undefined {
  const rc = change.ResourceChange;
  if (!rc?.LogicalResourceId) return undefined;
  return {
    logicalId: rc.LogicalResourceId,
    ...(rc.PhysicalResourceId ? { physicalId: rc.PhysicalResourceId } : {}),
    resourceType: rc.ResourceType ?? 'unknown',
    action: rc.Action ?? 'Modify',
    ...(rc.Replacement ? { replacement: rc.Replacement } : {}),
    ...(rc.PolicyAction ? { policyAction: rc.PolicyAction } : {}),
    details: (rc.Details ?? []).map((detail) => {
      const target = detail.Target ?? {};
      const attribute = target.Attribute ?? 'Properties';
      const path = target.Path ?? (target.Name ? `${attribute}.${target.Name}` : attribute);
      return {
        path: path.startsWith('/') ? path.slice(1).replace(/\//g, '.') : path,
        ...(target.RequiresRecreation ? { requiresRecreation: target.RequiresRecreation } : {}),
        ...(detail.Evaluation ? { evaluation: detail.Evaluation } : {}),
        ...(detail.ChangeSource ? { changeSource: detail.ChangeSource } : {}),
        ...(detail.CausingEntity ? { causingEntity: detail.CausingEntity } : {}),
        ...(target.BeforeValue !== undefined ? { before: target.BeforeValue } : {}),
        ...(target.AfterValue !== undefined ? { after: target.AfterValue } : {}),
      };
    }),
  };
}

/** Every page of a change set (the SDK paginator), as one description. */
export async function describeChangeSet(client: CloudFormationClient, changeSetId: string, stackName?: string): Promise<ChangeSetDescription> {
  let first: DescribeChangeSetCommandOutput | undefined;
  const changes: ChangeSetChange[] = [];
  for await (const page of paginateDescribeChangeSet({ client }, { ChangeSetName: changeSetId, ...(stackName ? { StackName: stackName } : {}) })) {
    first ??= page;
    for (const change of page.Changes ?? []) {
      const record = changeSetChangeOf(change);
      if (record) changes.push(record);
    }
  }
  return {
    changeSetId: first?.ChangeSetId ?? changeSetId,
    ...(first?.ChangeSetName ? { changeSetName: first.ChangeSetName } : {}),
    ...(first?.StackId ? { stackId: first.StackId } : {}),
    status: first?.Status ?? 'UNKNOWN',
    ...(first?.StatusReason ? { statusReason: first.StatusReason } : {}),
    ...(first?.ExecutionStatus ? { executionStatus: first.ExecutionStatus } : {}),
    changes,
  };
}

/** CloudFormation's answer when a change set would change nothing (the set ends FAILED with it). */
export function isNoChangesReason(reason: string | undefined): boolean {
  return reason !== undefined && (reason.includes("didn't contain changes") || reason.includes('No updates are to be performed'));
}
