import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { sendResponse, truncateReason, type CustomResourceEvent, type CustomResourceResponse } from '../custom-resource/custom-resource-response.js';

/**
 * stp's deployment-script runner: the service token of every `Custom::StpDeploymentScript` in a
 * stack. It invokes the user's script function with the script's `parameters` as the event and
 * answers CloudFormation through the response URL.
 *
 * - `after:deploy`: runs on Create and Update (the template passes a fresh `DeploymentId` each
 *   deploy, so every deploy is an Update), but not while the stack rolls back. A script that throws answers FAILED with the script's
 *   error message as the reason, so CloudFormation rolls the deploy back showing it. Delete: SUCCESS
 *   without running.
 * - `before:delete`: runs on Delete, and only while the stack itself is being deleted (a Delete
 *   also happens when a rollback removes a just-created resource, or the script is removed from
 *   the config). It always answers SUCCESS, with any failure in the reason and `Data.ScriptError`,
 *   so it never blocks the deletion.
 */
export type Trigger = 'after:deploy' | 'before:delete';

export interface RunnerClients {
  lambda: LambdaClient;
  cloudformation: CloudFormationClient;
}

let defaultClients: RunnerClients | undefined;
function clients(): RunnerClients {
  defaultClients ??= { lambda: new LambdaClient({}), cloudformation: new CloudFormationClient({}) };
  return defaultClients;
}

type ScriptOutcome = { ok: true } | { ok: false; message: string };

/** Invokes the script synchronously; a function error becomes its `errorMessage`. */
export async function invokeScript(lambda: LambdaClient, functionName: string, parameters: unknown): Promise<ScriptOutcome> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify(parameters ?? {})),
    }),
  );
  if (!result.FunctionError) return { ok: true };
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : '';
  let message = text || result.FunctionError;
  try {
    const parsed = JSON.parse(text) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof parsed.errorMessage === 'string') {
      message = typeof parsed.errorType === 'string' && parsed.errorType !== 'Error'
        ? `${parsed.errorType}: ${parsed.errorMessage}`
        : parsed.errorMessage;
    }
  } catch {
    // Not JSON (e.g. a runtime crash): the raw payload is the best message there is.
  }
  return { ok: false, message };
}

async function stackIsBeingDeleted(cloudformation: CloudFormationClient, stackId: string): Promise<boolean> {
  const out = await cloudformation.send(new DescribeStacksCommand({ StackName: stackId }));
  return out.Stacks?.[0]?.StackStatus === 'DELETE_IN_PROGRESS';
}

async function stackIsRollingBack(cloudformation: CloudFormationClient, stackId: string): Promise<boolean> {
  try {
    const out = await cloudformation.send(new DescribeStacksCommand({ StackName: stackId }));
    return /ROLLBACK_IN_PROGRESS$/.test(out?.Stacks?.[0]?.StackStatus ?? '');
  } catch {
    // Unknown: run the script, as a deploy would.
    return false;
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Decides the response for one request (runs the script when the trigger says so). */
/** The script's event: `ParametersJson` (types kept), or a plain `Parameters` object. */
export function scriptParameters(props: Record<string, unknown>): unknown {
  if (typeof props.ParametersJson === 'string') return JSON.parse(props.ParametersJson) as unknown;
  return props.Parameters ?? {};
}

export async function runRequest(event: CustomResourceEvent, c: RunnerClients): Promise<CustomResourceResponse> {
  const props = event.ResourceProperties;
  const trigger = props.Trigger as Trigger | undefined;
  const functionName = String(props.ScriptFunctionArn ?? props.ScriptFunctionName ?? '');
  const base = {
    // Stable across updates: a new id would make CloudFormation delete the "old" resource.
    PhysicalResourceId: event.PhysicalResourceId ?? `stp-script-${event.LogicalResourceId}`,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
  };
  const ok = (reason: string, data?: Record<string, string>): CustomResourceResponse => ({
    Status: 'SUCCESS',
    Reason: truncateReason(reason),
    ...base,
    ...(data ? { Data: data } : {}),
  });

  if (trigger === 'after:deploy') {
    if (event.RequestType === 'Delete') return ok('after:deploy scripts do not run on delete');
    // A rollback sends the old properties back (an Update, or a Create for a resource the failed
    // update removed): the deploy the script belongs to did not happen, so it does not run.
    if (await stackIsRollingBack(c.cloudformation, event.StackId)) return ok('a rollback: after:deploy scripts do not run');
    try {
      const outcome = await invokeScript(c.lambda, functionName, scriptParameters(props));
      if (outcome.ok) return ok(`script ${functionName} succeeded`);
      return { Status: 'FAILED', Reason: truncateReason(outcome.message), ...base };
    } catch (error) {
      return { Status: 'FAILED', Reason: truncateReason(`could not run script ${functionName}: ${errorText(error)}`), ...base };
    }
  }

  if (trigger === 'before:delete') {
    if (event.RequestType !== 'Delete') return ok('before:delete scripts run when the stack is deleted');
    try {
      if (!(await stackIsBeingDeleted(c.cloudformation, event.StackId))) {
        return ok('not a stack deletion (rollback or script removed): script not run');
      }
      const outcome = await invokeScript(c.lambda, functionName, scriptParameters(props));
      if (outcome.ok) return ok(`script ${functionName} succeeded`);
      return ok(`script ${functionName} failed (deletion continues): ${outcome.message}`, { ScriptError: truncateReason(outcome.message) });
    } catch (error) {
      const message = `could not run script ${functionName} (deletion continues): ${errorText(error)}`;
      return ok(message, { ScriptError: truncateReason(errorText(error)) });
    }
  }

  // Unknown trigger: refuse on create/update; never block a delete.
  if (event.RequestType === 'Delete') return ok(`unknown trigger "${String(trigger)}"`);
  return { Status: 'FAILED', Reason: `unknown deployment-script trigger "${String(trigger)}"`, ...base };
}

/** The Lambda entry point (Lambda passes context and callback after the event; both unused). */
export async function handler(event: CustomResourceEvent): Promise<void> {
  await handleRequest(event, clients());
}

/** Runs one request and always answers CloudFormation, or the stack would wait an hour. */
export async function handleRequest(event: CustomResourceEvent, c: RunnerClients): Promise<void> {
  let response: CustomResourceResponse;
  try {
    response = await runRequest(event, c);
  } catch (error) {
    response = {
      Status: event.RequestType === 'Delete' ? 'SUCCESS' : 'FAILED',
      Reason: truncateReason(`deployment-script runner error: ${errorText(error)}`),
      PhysicalResourceId: event.PhysicalResourceId ?? `stp-script-${event.LogicalResourceId}`,
      StackId: event.StackId,
      RequestId: event.RequestId,
      LogicalResourceId: event.LogicalResourceId,
    };
  }
  console.log(JSON.stringify({ requestType: event.RequestType, logicalResourceId: event.LogicalResourceId, status: response.Status, reason: response.Reason }));
  await sendResponse(event.ResponseURL, response);
}
