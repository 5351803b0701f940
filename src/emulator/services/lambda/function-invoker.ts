import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { AwsServiceError } from '../../core/aws-error.js';
import type { LambdaInvokeResult, LogsBackend } from '../../core/backends.js';
import type { EmulatorContext } from '../../core/service.js';
import { taskRootFor, type CodeLocations } from './code-package.js';
import { providedModulesDir } from './runtime/bootstrap-file.js';
import type { EnvironmentPool, PooledEnvironment } from './environment-pool.js';
import { ExecutionEnvironment, type FunctionErrorPayload, type InvocationOutcome } from './execution-environment.js';
import { endLine, reportLine, startLine, tailLogResult } from './execution-log-lines.js';
import { functionArn } from './function-name.js';
import type { FunctionRecord } from './function-store.js';
import { defaultLogGroupName, logStreamName } from './log-stream-name.js';

export interface InvokerDeps {
  ctx: EmulatorContext;
  logs: LogsBackend;
  pool: EnvironmentPool;
  bootstrapPath: string;
  code: CodeLocations;
  /** The function's revision now (undefined once deleted), so stale environments retire. */
  currentRevision(name: string): string | undefined;
}

const VERSION = '$LATEST';
/**
 * The configured timeout is emulated time; at high time scales it maps to very little wall time,
 * less than real Node code needs — on a loaded machine a handler making a few SDK calls can take
 * over a second. Never give a handler less than this much wall time.
 */
export const MIN_WALL_TIMEOUT_MS = 3000;
/** Loading the handler (init) is real work, not emulated time: a fixed wall-clock ceiling. */
const INIT_WALL_LIMIT_MS = 30_000;
/** AWS's synchronous response limit (6 MB). */
const MAX_RESPONSE_BYTES = 6_291_556;

/**
 * The wall-clock budget of one invocation. Handler code runs at real speed, so the budget is the
 * configured timeout compressed by the time scale, never below MIN_WALL_TIMEOUT_MS (real code needs
 * real time) and never above the configured timeout itself (a slowed-down clock must not let a run
 * succeed past its timeout). Every successful run therefore reports a Duration within its timeout,
 * and a run over the budget always times out.
 */
export function wallTimeout(timeoutMs: number, scaledMs: number): number {
  return Math.min(timeoutMs, Math.max(MIN_WALL_TIMEOUT_MS, scaledMs));
}

/** Parses an Invoke payload as AWS does: an empty body is `{}`; anything else must be JSON. */
export function parseInvokePayload(payload: Buffer): unknown {
  if (payload.length === 0) return {};
  try {
    return JSON.parse(payload.toString('utf8')) as unknown;
  } catch (error) {
    throw new AwsServiceError(
      'InvalidRequestContentException',
      `Could not parse request body into json: Could not parse payload into json: ${(error as Error).message}`,
      400,
    );
  }
}

/** Runs one invocation to its end in a warm or new execution environment. */
export async function runInvocation(
  deps: InvokerDeps,
  record: FunctionRecord,
  event: unknown,
  options: { logType?: 'None' | 'Tail'; clientContext?: unknown; requestId?: string },
): Promise<LambdaInvokeResult> {
  const { ctx, logs, pool } = deps;
  const logGroup = record.customLogGroup ?? defaultLogGroupName(record.name);
  const arn = functionArn(record.region, record.accountId, record.name);
  const environment = pool.acquire(record.name, record.revisionId, () => startEnvironment(deps, record, logGroup));
  const cold = environment.invocations === 0;
  environment.invocations += 1;
  const write = (line: string) => writeLine(logs, environment, line, ctx.clock.now().getTime());

  const requestId = options.requestId ?? randomUUID();
  const initOk = await waitForInit(environment);
  // Lines logged during init belong to the first invocation's tail, like on AWS.
  if (!cold) environment.lines = [];
  write(startLine(requestId, VERSION));

  const timeoutMs = record.timeout * 1000;
  const wallTimeoutMs = wallTimeout(timeoutMs, ctx.clock.toWallMs(timeoutMs));
  const startedWall = Date.now();
  const startedPrecise = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), initOk ? wallTimeoutMs : 0);
  });
  const outcome = await Promise.race([
    environment.process.invoke({
      id: requestId,
      event,
      invokedFunctionArn: arn,
      clientContext: options.clientContext,
      deadline: startedWall + wallTimeoutMs,
      wallTimeoutMs,
      timeoutMs,
    }),
    initOk ? timedOut : Promise.resolve<'timeout'>('timeout'),
  ]);
  clearTimeout(timer);
  const wallDuration = performance.now() - startedPrecise;

  // Read before a timed-out or crashed environment is discarded (killed).
  const maxMemoryBytes = environment.process.maxMemoryBytes;
  let result: { payload: Buffer; functionError?: string };
  let status: string | undefined;
  let reusable = false;
  if (outcome === 'timeout') {
    pool.discard(record.name, environment);
    const seconds = record.timeout.toFixed(2);
    write(`${ctx.clock.now().toISOString()} ${requestId} Task timed out after ${seconds} seconds`);
    result = errorResult({ errorType: 'Sandbox.Timedout', errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds} seconds` });
    status = 'timeout';
  } else {
    const mapped = mapOutcome(outcome, requestId, write);
    if (outcome.kind === 'exit' || (outcome.kind === 'error' && outcome.fatal)) {
      ctx.log(`lambda: function ${record.name} crashed during invocation ${requestId} (${crashSummary(outcome)}); its execution environment was discarded`);
    }
    result = mapped.result;
    status = mapped.status;
    reusable = mapped.reusable;
    if (!reusable) pool.discard(record.name, environment);
  }
  if (result.functionError === undefined && result.payload.length > MAX_RESPONSE_BYTES) {
    result = errorResult({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
    });
  }

  write(endLine(requestId));
  write(
    reportLine({
      requestId,
      // Real handler time: the code ran at wall-clock speed whatever the time scale. A timed-out
      // run reports its configured timeout, as its "Task timed out after" line says.
      durationMs: outcome === 'timeout' ? timeoutMs : wallDuration,
      memorySizeMb: record.memorySize,
      maxMemoryUsedMb: Math.min(record.memorySize, Math.max(1, Math.ceil(maxMemoryBytes / 1048576))),
      initDurationMs: cold ? environment.process.initWallMs : undefined,
      status,
    }),
  );
  const tail = options.logType === 'Tail' ? tailLogResult(environment.lines) : undefined;
  environment.lines = [];
  if (reusable) pool.release(record.name, environment, deps.currentRevision(record.name));

  return {
    statusCode: 200,
    payload: result.payload,
    functionError: result.functionError,
    logResult: tail,
    executedVersion: VERSION,
  };
}

function startEnvironment(deps: InvokerDeps, record: FunctionRecord, logGroup: string): PooledEnvironment {
  const { ctx, logs } = deps;
  const logStream = logStreamName(ctx.clock.now(), {
    functionName: record.name,
    version: VERSION,
    customGroup: record.customLogGroup !== undefined,
  });
  logs.ensureLogStream(logGroup, logStream);
  const taskRoot = taskRootFor(deps.code, record.code.hex);
  const holder: { environment?: PooledEnvironment } = {};
  const process = new ExecutionEnvironment({
    bootstrapPath: deps.bootstrapPath,
    // As AWS's Node bootstrap does: the V8 heap may use 90 % of the configured memory.
    nodeArgs: [`--max-old-space-size=${Math.floor((record.memorySize * 90) / 100)}`],
    taskRoot,
    env: functionProcessEnv(ctx, record, { taskRoot, logGroup, logStream, providedModules: providedModulesDir(deps.bootstrapPath) }),
    onLog: (line, timestamp) => {
      if (holder.environment) writeLine(logs, holder.environment, line, timestamp);
    },
  });
  holder.environment = { process, revision: record.revisionId, logGroup, logStream, invocations: 0, lines: [] };
  return holder.environment;
}

/**
 * The process environment of a function: the user's variables plus what AWS's Node runtime sets.
 * Nothing of the emulator's own environment is passed on (it may hold real credentials), except
 * PATH; the function gets dummy credentials and the emulator's endpoint, so SDK calls made inside
 * it reach the emulator.
 */
export function functionProcessEnv(
  ctx: EmulatorContext,
  record: FunctionRecord,
  where: { taskRoot: string; logGroup: string; logStream: string; providedModules: string },
): Record<string, string> {
  return {
    // Defaults the function's own variables may override, as on AWS.
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    // As Lambda's /var/runtime/node_modules:/var/task: the provided AWS SDK, then the code.
    NODE_PATH: [where.providedModules, where.taskRoot].join(path.delimiter),
    ...(record.environment ?? {}),
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: where.taskRoot,
    _HANDLER: record.handler ?? '',
    AWS_EXECUTION_ENV: `AWS_Lambda_${record.runtime ?? 'unknown'}`,
    AWS_LAMBDA_FUNCTION_NAME: record.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(record.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: VERSION,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_LAMBDA_LOG_GROUP_NAME: where.logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: where.logStream,
    AWS_REGION: record.region,
    AWS_DEFAULT_REGION: record.region,
    AWS_ACCESS_KEY_ID: 'STPLOCALACCESSKEY',
    AWS_SECRET_ACCESS_KEY: 'stp-local-secret',
    AWS_SESSION_TOKEN: 'stp-local-session',
    AWS_ENDPOINT_URL: ctx.endpoint(),
  };
}

async function waitForInit(environment: PooledEnvironment): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), INIT_WALL_LIMIT_MS);
  });
  const ready = environment.process.whenReady();
  const ok = await Promise.race([ready, limit]);
  clearTimeout(timer);
  // An init failure is reported by the invocation itself (init-error / exit outcome).
  return ok || !environment.process.alive || environment.process.initFailed;
}

function mapOutcome(
  outcome: InvocationOutcome,
  requestId: string,
  write: (line: string) => void,
): { result: { payload: Buffer; functionError?: string }; status?: string; reusable: boolean } {
  switch (outcome.kind) {
    case 'result':
      return { result: { payload: Buffer.from(outcome.payload, 'utf8') }, reusable: true };
    case 'error':
      return { result: errorResult(outcome.error), reusable: !outcome.fatal, status: outcome.fatal ? 'error' : undefined };
    case 'init-error':
      return { result: errorResult(outcome.error), reusable: false, status: 'error' };
    case 'exit': {
      const how = outcome.signal ? `signal: ${signalName(outcome.signal)}` : `exit status ${outcome.code ?? 0}`;
      const message = `RequestId: ${requestId} Error: Runtime exited with error: ${how}`;
      write(message);
      write('Runtime.ExitError');
      return { result: errorResult({ errorType: 'Runtime.ExitError', errorMessage: message }), reusable: false, status: 'error' };
    }
  }
}

function crashSummary(outcome: InvocationOutcome): string {
  if (outcome.kind === 'exit') return outcome.signal ? `signal ${outcome.signal}` : `exit status ${outcome.code ?? 0}`;
  if (outcome.kind === 'error') return `${outcome.error.errorType}: ${outcome.error.errorMessage}`;
  return outcome.kind;
}

function signalName(signal: NodeJS.Signals): string {
  // Go's signal names, as the Lambda runtime API reports them (V8 running out of heap aborts).
  const names: Partial<Record<NodeJS.Signals, string>> = { SIGKILL: 'killed', SIGABRT: 'aborted', SIGSEGV: 'segmentation fault', SIGTERM: 'terminated' };
  return names[signal] ?? signal.replace(/^SIG/, '').toLowerCase();
}

function errorResult(error: FunctionErrorPayload): { payload: Buffer; functionError: string } {
  return { payload: Buffer.from(JSON.stringify(error), 'utf8'), functionError: 'Unhandled' };
}

/** Only the tail (4 KB) of an invocation's lines is ever read; bound what an idle chatty process keeps. */
const MAX_KEPT_LINES = 2000;

function writeLine(logs: LogsBackend, environment: PooledEnvironment, line: string, timestamp: number): void {
  environment.lines.push(line);
  if (environment.lines.length > MAX_KEPT_LINES) environment.lines.splice(0, environment.lines.length - MAX_KEPT_LINES);
  logs.appendLogEvents(environment.logGroup, environment.logStream, [{ timestamp, message: line }]);
}
