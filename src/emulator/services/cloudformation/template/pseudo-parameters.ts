import { PSEUDO_PARAMETERS } from '../../../../cloudformation/pseudo-parameters.js';

/** Pseudo parameters CloudFormation defines for every stack. */
export function pseudoParameters(input: { accountId: string; region: string; stackId: string; stackName: string }): Map<string, string | string[]> {
  return new Map<string, string | string[]>([
    ['AWS::AccountId', input.accountId],
    ['AWS::Region', input.region],
    ['AWS::StackId', input.stackId],
    ['AWS::StackName', input.stackName],
    ['AWS::Partition', 'aws'],
    ['AWS::URLSuffix', 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
}

export function isPseudoParameter(name: string): boolean {
  return PSEUDO_PARAMETERS.has(name);
}
