/** A stack's outputs by key (DescribeStacks). */
import { DescribeStacksCommand, type CloudFormationClient } from '@aws-sdk/client-cloudformation';

export async function stackOutputs(cfn: CloudFormationClient, stackName: string, abortSignal?: AbortSignal): Promise<Record<string, string>> {
  const out = await cfn.send(new DescribeStacksCommand({ StackName: stackName }), { abortSignal });
  const outputs: Record<string, string> = {};
  for (const output of out.Stacks?.[0]?.Outputs ?? []) if (output.OutputKey) outputs[output.OutputKey] = output.OutputValue ?? '';
  return outputs;
}
