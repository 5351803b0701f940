/**
 * What is deployed now: DescribeStacks and GetTemplate as domain records. "Does not exist" is an
 * answer here (undefined), not an error.
 */
import { DescribeStacksCommand, GetTemplateCommand, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';

export interface DeployedStack {
  stackId: string;
  stackName: string;
  status: string;
  statusReason?: string;
  /** ISO time of the last change of status (last update, else creation). */
  since?: string;
  parameters: Record<string, string>;
  tags: Record<string, string>;
  outputs: Record<string, string>;
  capabilities: string[];
}

export function deployedStackOf(stack: Stack): DeployedStack {
  const since = stack.LastUpdatedTime ?? stack.CreationTime;
  return {
    stackId: stack.StackId ?? stack.StackName ?? '',
    stackName: stack.StackName ?? '',
    status: stack.StackStatus ?? 'UNKNOWN',
    ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
    ...(since ? { since: since.toISOString() } : {}),
    parameters: Object.fromEntries((stack.Parameters ?? []).map((p) => [p.ParameterKey ?? '', p.ResolvedValue ?? p.ParameterValue ?? ''])),
    tags: Object.fromEntries((stack.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    outputs: Object.fromEntries((stack.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? ''])),
    capabilities: stack.Capabilities ?? [],
  };
}

function isMissingStack(error: unknown): boolean {
  const e = error as { name?: string; message?: string };
  return e?.name === 'ValidationError' && /does not exist/.test(e.message ?? '');
}

/** The stack, or undefined when it does not exist (never created, or deleted). */
export async function findStack(client: CloudFormationClient, stackName: string): Promise<DeployedStack | undefined> {
  try {
    const out = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = out.Stacks?.[0];
    if (!stack || stack.StackStatus === 'DELETE_COMPLETE') return undefined;
    return deployedStackOf(stack);
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

/** The template as last submitted (TemplateStage Original). */
export async function deployedTemplateBody(client: CloudFormationClient, stackName: string): Promise<string | undefined> {
  const out = await client.send(new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }));
  return out.TemplateBody;
}

/** Statuses in which an operation is still running: no new operation may start. */
export function isInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS');
}

/** Statuses an operation ends in. */
export function isTerminal(status: string): boolean {
  return !isInProgress(status);
}
