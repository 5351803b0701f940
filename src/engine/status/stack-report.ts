/**
 * `stp status`: what is deployed now — the stack's status, its resources (in the user's names),
 * its outputs and the last operation (the newest stack-level event). Read-only.
 */
import { DescribeStackEventsCommand, paginateListStackResources, type CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { findStack, type DeployedStack } from '../../aws/cloudformation/stack-state.js';

export interface StackReport {
  stack: DeployedStack;
  resources: { logicalId: string; owner?: string; resourceType: string; status: string; reason?: string; physicalId?: string }[];
  lastOperation?: { status: string; at: string; reason?: string };
}

export async function readStackReport(cfn: CloudFormationClient, stackName: string, owners: Readonly<Record<string, string>>): Promise<StackReport | undefined> {
  const stack = await findStack(cfn, stackName);
  if (!stack) return undefined;
  const resources: StackReport['resources'] = [];
  for await (const page of paginateListStackResources({ client: cfn }, { StackName: stack.stackId })) {
    for (const r of page.StackResourceSummaries ?? []) {
      const logicalId = r.LogicalResourceId ?? '';
      resources.push({
        logicalId,
        ...(owners[logicalId] ? { owner: owners[logicalId] } : {}),
        resourceType: r.ResourceType ?? 'unknown',
        status: r.ResourceStatus ?? 'UNKNOWN',
        ...(r.ResourceStatusReason ? { reason: r.ResourceStatusReason } : {}),
        ...(r.PhysicalResourceId ? { physicalId: r.PhysicalResourceId } : {}),
      });
    }
  }
  resources.sort((a, b) => (a.owner ?? '\uffff').localeCompare(b.owner ?? '\uffff') || a.logicalId.localeCompare(b.logicalId));
  const events = await cfn.send(new DescribeStackEventsCommand({ StackName: stack.stackId }));
  const last = (events.StackEvents ?? []).find((e) => e.LogicalResourceId === stack.stackName && e.ResourceType === 'AWS::CloudFormation::Stack');
  return {
    stack,
    resources,
    ...(last
      ? { lastOperation: { status: last.ResourceStatus ?? 'UNKNOWN', at: (last.Timestamp ?? new Date(0)).toISOString(), ...(last.ResourceStatusReason ? { reason: last.ResourceStatusReason } : {}) } }
      : {}),
  };
}
