/**
 * LocalStack's `deploy_cfn_template` fixture (localstack-core/localstack/testing/pytest/fixtures.py
 * @ 8b9a79f, Apache-2.0), which most recorded stack tests deploy with: a CREATE (or UPDATE) change
 * set with all three capabilities, its waiter, ExecuteChangeSet, the stack waiter.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackUpdateComplete,
  type Output,
} from '@aws-sdk/client-cloudformation';
import { WAIT } from './capture-update-process.js';
import { shortUid } from './conformance-cloud.js';

export interface Deployed {
  stackName: string;
  stackId: string;
  changeSetId: string;
  outputs: Record<string, string>;
}

export interface DeployOptions {
  stackName?: string;
  parameters?: Record<string, string>;
  isUpdate?: boolean;
  /** Leave the stack waiter out (a scenario that expects the deploy to fail waits itself). */
  noWait?: boolean;
}

export async function deployTemplate(cfn: CloudFormationClient, template: unknown, options: DeployOptions = {}): Promise<Deployed> {
  const stackName = options.stackName ?? `stack-${shortUid()}`;
  const created = await cfn.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: `change-set-${shortUid()}`,
      TemplateBody: typeof template === 'string' ? template : JSON.stringify(template),
      Capabilities: ['CAPABILITY_AUTO_EXPAND', 'CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      ChangeSetType: options.isUpdate ? 'UPDATE' : 'CREATE',
      Parameters: Object.entries(options.parameters ?? {}).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: cfn, ...WAIT }, { ChangeSetName: created.Id });
  await cfn.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
  const deployed: Deployed = { stackName, stackId: created.StackId!, changeSetId: created.Id!, outputs: {} };
  if (options.noWait) return deployed;
  if (options.isUpdate) await waitUntilStackUpdateComplete({ client: cfn, ...WAIT }, { StackName: created.StackId });
  else await waitUntilStackCreateComplete({ client: cfn, ...WAIT }, { StackName: created.StackId });
  const stack = (await cfn.send(new DescribeStacksCommand({ StackName: created.StackId }))).Stacks?.[0];
  deployed.outputs = Object.fromEntries((stack?.Outputs ?? []).map((output: Output) => [output.OutputKey!, output.OutputValue!]));
  return deployed;
}
