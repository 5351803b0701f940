import { AwsServiceError } from '../../../core/aws-error.js';
import type { CloudFormationRuntime } from '../cloudformation-runtime.js';
import type { StackRecord } from '../stack/stack-model.js';
import { templateBodyFrom } from '../template/template-source.js';
import { booleanInput, optionalString, requiredString } from './query-input.js';

/**
 * Stack settings that change no resources: the stack policy (SetStackPolicy/GetStackPolicy, or
 * StackPolicyBody on CreateStack) and termination protection. The local cloud stores and returns
 * the policy; it does not evaluate it against updates (see src/emulator/README.md).
 */
const INVALID_POLICY = 'Error validating stack policy: Invalid stack policy';
const POLICY_ACTIONS = new Set(['Update:*', 'Update:Modify', 'Update:Replace', 'Update:Delete']);

/** Parses and checks a stack policy the way the recorded AWS answers do (LocalStack api/test_stack_policies). */
export function validStackPolicy(body: string): string {
  let policy: unknown;
  try {
    policy = JSON.parse(body);
  } catch {
    throw new AwsServiceError('ValidationError', INVALID_POLICY);
  }
  if (policy === null || typeof policy !== 'object' || Array.isArray(policy)) throw new AwsServiceError('ValidationError', INVALID_POLICY);
  const statements = (policy as { Statement?: unknown }).Statement;
  if (statements === undefined) {
    if (Object.keys(policy).length === 0) return body;
    throw new AwsServiceError('ValidationError', INVALID_POLICY);
  }
  for (const statement of [statements].flat()) {
    const { Effect, Action, NotAction, Principal, Resource, NotResource } = (statement ?? {}) as Record<string, unknown>;
    const actions = [Action ?? NotAction].flat();
    const validEffect = Effect === 'Allow' || Effect === 'Deny';
    const validActions = actions.length > 0 && actions.every((action) => typeof action === 'string' && POLICY_ACTIONS.has(action));
    if (!validEffect || !validActions || Principal !== '*' || (Resource === undefined && NotResource === undefined)) {
      throw new AwsServiceError('ValidationError', INVALID_POLICY);
    }
  }
  return body;
}

/** The policy of a SetStackPolicy/CreateStack request (body or URL, never both), checked. */
export function stackPolicyFrom(runtime: CloudFormationRuntime, input: Record<string, unknown>): string | undefined {
  const body = optionalString(input, 'StackPolicyBody');
  const url = optionalString(input, 'StackPolicyURL');
  if (body !== undefined && url !== undefined) throw new AwsServiceError('ValidationError', 'You cannot specify both StackPolicyURL and StackPolicyBody');
  const text = body ?? (url === undefined ? undefined : templateBodyFrom({ TemplateURL: url }, runtime.deps.s3));
  return text === undefined ? undefined : validStackPolicy(text);
}

function liveStack(runtime: CloudFormationRuntime, input: Record<string, unknown>): StackRecord {
  const name = requiredString(input, 'StackName');
  const stack = runtime.store.findLive(name);
  if (!stack) throw new AwsServiceError('ValidationError', `Stack with id ${name} does not exist`);
  return stack;
}

export function setStackPolicy(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = liveStack(runtime, input);
  const policy = stackPolicyFrom(runtime, input);
  if (policy === undefined) throw new AwsServiceError('ValidationError', 'Either StackPolicyBody or StackPolicyURL must be specified.');
  stack.stackPolicyBody = policy;
  runtime.persist();
  return {};
}

export function getStackPolicy(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = liveStack(runtime, input);
  return { StackPolicyBody: stack.stackPolicyBody };
}

export function updateTerminationProtection(runtime: CloudFormationRuntime, input: Record<string, unknown>): Record<string, unknown> {
  const stack = liveStack(runtime, input);
  const enable = booleanInput(input, 'EnableTerminationProtection');
  if (enable === undefined) {
    throw new AwsServiceError('ValidationError', "1 validation error detected: Value null at 'enableTerminationProtection' failed to satisfy constraint: Member must not be null");
  }
  stack.terminationProtection = enable;
  runtime.persist();
  return { StackId: stack.stackId };
}

/** DeleteStack on a protected stack (text unverified: no recorded AWS answer was found). */
export function assertNotProtected(stack: StackRecord): void {
  if (stack.terminationProtection) {
    throw new AwsServiceError('ValidationError', `Stack [${stack.stackName}] cannot be deleted while TerminationProtection is enabled`);
  }
}
