/**
 * Reruns a deployment script outside a deploy (`stp script:run`, the session's rerunScript): it
 * invokes the script's function with the event of the last deploy — the stack output compile adds
 * for each script (`<Name>ScriptParameters`, CloudFormation resolved its values) — streams the
 * script's lines from its log group while it runs, and reports the result. When the log group
 * yields nothing (logging disabled, no permission), the invocation's LogResult stands in.
 */
import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { stackOutputs } from '../../aws/cloudformation/stack-outputs.js';
import { invokeWithLogTail } from '../../aws/lambda/invoke-with-log-tail.js';
import { StpError } from '../../errors/stp-error.js';
import type { DeployEventBody } from '../events.js';
import { outputLines, parseLambdaLogLine } from '../watch/lambda-log-lines.js';
import { PollScheduler } from '../watch/poll-scheduler.js';
import { ScriptRunTail } from '../watch/script-run-tail.js';

export interface RerunScriptInput {
  clients: { cloudFormation: CloudFormationClient; lambda: LambdaClient; logs: CloudWatchLogsClient };
  stackName: string;
  script: {
    name: string;
    functionName: string;
    /** Absent when the script's logging is disabled. */
    logGroup?: string;
    /** The stack output holding the script's event (compile's computeNames.scriptParametersOutput). */
    parametersOutput: string;
  };
  emit(event: DeployEventBody): void;
  signal?: AbortSignal;
  scheduler?: PollScheduler;
  /** How long to wait for the log group to show the run's last lines (default 15 s). */
  endGraceMs?: number;
  /**
   * An invocation whose START is stamped this long before the Invoke (by the local clock) still
   * counts as ours (default 0: the local and the cloud's clocks agree to well under the time
   * between two runs; a run lost to a fast local clock still shows, from its LogResult).
   */
  clockSkewMs?: number;
}

export interface RerunScriptResult {
  ok: boolean;
  error?: string;
  durationMs: number;
}

export async function rerunScript(input: RerunScriptInput): Promise<RerunScriptResult> {
  const { clients, script, emit } = input;
  const scheduler = input.scheduler ?? new PollScheduler();
  const signal = input.signal ?? new AbortController().signal;

  const outputs = await scheduler.call(() => stackOutputs(clients.cloudFormation, input.stackName, signal), signal);
  const raw = outputs[script.parametersOutput];
  if (raw === undefined) {
    throw new StpError('aws', `stack ${input.stackName} has no output ${script.parametersOutput} with the parameters of script "${script.name}"`, {
      code: 'STP_SCRIPT_PARAMETERS_MISSING',
      resource: script.name,
      fix: 'deploy the stack with this version of stp first (the output is added by the deploy)',
    });
  }
  let parameters: unknown;
  try {
    parameters = JSON.parse(raw) as unknown;
  } catch (cause) {
    throw new StpError('bug', `the parameters of script "${script.name}" in output ${script.parametersOutput} are not JSON`, { code: 'STP_SCRIPT_PARAMETERS_INVALID', resource: script.name, cause });
  }

  const logGroup = script.logGroup;
  emit({ type: 'script.started', script: script.name, functionName: script.functionName, logGroup: logGroup ?? '', trigger: 'rerun' });
  const startedAt = scheduler.clock.now();
  let streamed = 0;
  const countingEmit = (event: DeployEventBody) => {
    if (event.type === 'script.log') streamed++;
    emit(event);
  };
  const stopTail = new AbortController();
  const onAbort = () => stopTail.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const tail = logGroup
    ? new ScriptRunTail({
        logs: clients.logs,
        scheduler,
        script: script.name,
        logGroup,
        startTime: Date.now() - (input.clockSkewMs ?? 0) - 1000,
        onlyRunsStartedFrom: Date.now() - (input.clockSkewMs ?? 0),
        emit: countingEmit,
        endGraceMs: input.endGraceMs ?? 15_000,
        startGraceMs: input.endGraceMs ?? 15_000,
      })
    : undefined;
  const tailing = tail?.run(`rerun:${script.name}`, stopTail.signal).catch(() => undefined);

  try {
    const invocation = await invokeWithLogTail(clients.lambda, script.functionName, parameters, signal);
    tail?.markOver();
    await tailing;
    if (streamed === 0) emitLogResult(invocation.logTail, script.name, emit);
    const durationMs = Math.round(tail?.durationMs ?? scheduler.clock.now() - startedAt);
    const result: RerunScriptResult = { ok: invocation.ok, durationMs, ...(invocation.error !== undefined ? { error: invocation.error } : {}) };
    emit({ type: 'script.finished', script: script.name, ok: result.ok, ...(result.error !== undefined ? { error: result.error } : {}), durationMs });
    return result;
  } finally {
    stopTail.abort();
    signal.removeEventListener('abort', onAbort);
  }
}

/** The LogResult's user lines, when the log group gave none. */
function emitLogResult(lines: string[], script: string, emit: (event: DeployEventBody) => void): void {
  const at = new Date().toISOString();
  let index = 0;
  for (const raw of lines) {
    const line = parseLambdaLogLine(raw);
    if (line.kind !== 'output') continue;
    for (const text of outputLines(line.text)) emit({ type: 'script.log', script, line: text, at, eventId: `log-result-${index++}` });
  }
}
