/**
 * The stages of a project that are deployed in this account and region: every live stack named
 * `<project>-<stage>` (DescribeStacks lists live stacks; deleted ones are gone from it), with its
 * status and when it last changed. A stack stp deployed carries its stage in the `stp:stage` tag,
 * which settles names like `app-foo-dev` (project `app`, stage `foo-dev`, or project `app-foo`?);
 * an untagged stack counts when the rest of its name is a valid stage name. The stage the command
 * line names is always listed, deployed or not, so it can be deployed from there.
 */
import { paginateDescribeStacks, type CloudFormationClient, type Stack } from '@aws-sdk/client-cloudformation';
import { checkStageName } from '../config/stage-name.js';

export interface StageStack {
  stage: string;
  stackName: string;
  /** CloudFormation's stack status; undefined when the stage is not deployed. */
  status?: string;
  statusReason?: string;
  /** ISO time of the last update (or the creation), when deployed. */
  lastChangedAt?: string;
}

function stageOf(stack: Stack, project: string): string | undefined {
  const name = stack.StackName ?? '';
  const prefix = `${project}-`;
  if (!name.startsWith(prefix)) return undefined;
  const rest = name.slice(prefix.length);
  const tagged = stack.Tags?.find((tag) => tag.Key === 'stp:stage')?.Value;
  if (tagged !== undefined) return tagged === rest ? rest : undefined;
  return checkStageName(rest) === undefined ? rest : undefined;
}

export async function listStageStacks(cfn: CloudFormationClient, project: string, currentStage: string): Promise<StageStack[]> {
  const found = new Map<string, StageStack>();
  for await (const page of paginateDescribeStacks({ client: cfn }, {})) {
    for (const stack of page.Stacks ?? []) {
      const stage = stageOf(stack, project);
      if (stage === undefined || stack.StackStatus === 'DELETE_COMPLETE') continue;
      const changed = stack.LastUpdatedTime ?? stack.CreationTime;
      found.set(stage, {
        stage,
        stackName: stack.StackName!,
        ...(stack.StackStatus ? { status: stack.StackStatus } : {}),
        ...(stack.StackStatusReason ? { statusReason: stack.StackStatusReason } : {}),
        ...(changed ? { lastChangedAt: changed.toISOString() } : {}),
      });
    }
  }
  if (!found.has(currentStage)) found.set(currentStage, { stage: currentStage, stackName: `${project}-${currentStage}` });
  return [...found.values()].sort((a, b) => a.stage.localeCompare(b.stage));
}

/** `<project>` of a `<project>-<stage>` stack name. */
export function projectOfStackName(stackName: string, stage: string): string {
  return stackName.endsWith(`-${stage}`) ? stackName.slice(0, -(stage.length + 1)) : stackName;
}
