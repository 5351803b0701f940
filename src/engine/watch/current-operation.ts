/**
 * Where the operation a stack is in right now began, so a second watcher (a new session, or
 * `stp status --watch`) streams it from its start: the stack's own stack-level events, newest
 * first, back over every *_IN_PROGRESS status to the one that follows the previous terminal
 * status. That first event's time is `since`, its ClientRequestToken the operation's token.
 */
import { DescribeStacksCommand, type CloudFormationClient, type StackEvent } from '@aws-sdk/client-cloudformation';
import { readNewStackEvents } from '../../aws/cloudformation/stack-event-pages.js';

export interface CurrentOperation {
  stackId: string;
  stackName: string;
  /** The stack's status now. */
  status: string;
  /** False when the stack is settled (nothing to attach to). */
  inProgress: boolean;
  /** The operation's first stack-level event (only when in progress). */
  since?: Date;
  clientRequestToken?: string;
  /** The status the operation began with, e.g. UPDATE_IN_PROGRESS. */
  beganWith?: string;
}

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

export function isOperationInProgress(status: string): boolean {
  return status.endsWith('_IN_PROGRESS') && status !== 'REVIEW_IN_PROGRESS';
}

export async function findCurrentOperation(cfn: CloudFormationClient, stackName: string, call: Call = (fn) => fn()): Promise<CurrentOperation> {
  const described = await call(() => cfn.send(new DescribeStacksCommand({ StackName: stackName })));
  const stack = described.Stacks?.[0];
  const stackId = stack?.StackId ?? stackName;
  const status = stack?.StackStatus ?? 'UNKNOWN';
  const base = { stackId, stackName: stack?.StackName ?? stackName, status };
  if (!isOperationInProgress(status)) return { ...base, inProgress: false };

  let first: StackEvent | undefined;
  let done = false;
  await readNewStackEvents(cfn, {
    stack: stackId,
    call,
    stopAt: (event) => {
      if (done) return true;
      const own = event.ResourceType === 'AWS::CloudFormation::Stack' && (event.PhysicalResourceId === event.StackId || event.LogicalResourceId === base.stackName);
      if (!own) return false;
      const eventStatus = event.ResourceStatus ?? '';
      if (!isOperationInProgress(eventStatus)) {
        // A terminal status (or the review before a first create): the operation began after it.
        done = true;
        return true;
      }
      first = event;
      return false;
    },
  });
  return {
    ...base,
    inProgress: true,
    ...(first?.Timestamp ? { since: first.Timestamp } : {}),
    ...(first?.ClientRequestToken ? { clientRequestToken: first.ClientRequestToken } : {}),
    ...(first?.ResourceStatus ? { beganWith: first.ResourceStatus } : {}),
  };
}
