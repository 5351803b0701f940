/**
 * The template a stack runs now (GetTemplate), parsed: the watchers read a deployment script's
 * trigger and function from it when the caller did not say. JSON only (stp deploys JSON); a YAML
 * template reads as unknown.
 */
import { DescribeStackResourceCommand, GetTemplateCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

export interface DeployedTemplate {
  Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }>;
}

export async function readDeployedTemplate(
  cfn: CloudFormationClient,
  stack: string,
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<DeployedTemplate | undefined> {
  const out = await call(() => cfn.send(new GetTemplateCommand({ StackName: stack })));
  const body = out.TemplateBody;
  if (typeof body !== 'string') return typeof body === 'object' && body !== null ? (body as DeployedTemplate) : undefined;
  try {
    return JSON.parse(body) as DeployedTemplate;
  } catch {
    return undefined;
  }
}

/** A resource's physical id (DescribeStackResource); undefined when it does not exist (yet). */
export async function physicalIdOf(
  cfn: CloudFormationClient,
  stack: string,
  logicalId: string,
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
): Promise<string | undefined> {
  try {
    const out = await call(() => cfn.send(new DescribeStackResourceCommand({ StackName: stack, LogicalResourceId: logicalId })));
    return out.StackResourceDetail?.PhysicalResourceId || undefined;
  } catch (error) {
    if ((error as { name?: string }).name === 'ValidationError') return undefined;
    throw error;
  }
}
