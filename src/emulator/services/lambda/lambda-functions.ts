import { randomUUID } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';
import type { LambdaInvokeResult, LogsBackend, S3Backend } from '../../core/backends.js';
import type { EmulatorContext } from '../../core/service.js';
import { storeCode, type CodeLocations, type StoredCode } from './code-package.js';
import { runWithAsyncRetries } from './async-invocation.js';
import { EnvironmentPool } from './environment-pool.js';
import { parseInvokePayload, runInvocation } from './function-invoker.js';
import { functionArn, parseFunctionName, validateNewFunctionName } from './function-name.js';
import type { FunctionRecord, FunctionStore } from './function-store.js';
import { validateEnvironment, validateRange, validateRole } from './function-validation.js';
import { assertExecutableRuntime, validateRuntime } from './runtimes.js';

/** A function definition as CreateFunction/UpdateFunction* carry it (REST JSON or the internal backend). */
export interface FunctionDefinition {
  FunctionName?: string;
  Runtime?: string;
  Handler?: string;
  Role?: string;
  Description?: string;
  MemorySize?: number;
  Timeout?: number;
  Environment?: { Variables?: Record<string, string> };
  Code?: FunctionCodeInput;
  LoggingConfig?: { LogGroup?: string; LogFormat?: string };
  Tags?: Record<string, string>;
  PackageType?: string;
}

export interface FunctionCodeInput {
  ZipFile?: Buffer;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

export interface InvokeOptions {
  invocationType: 'RequestResponse' | 'Event' | 'DryRun';
  logType?: 'None' | 'Tail';
  qualifier?: string;
  clientContext?: unknown;
}

export interface LambdaFunctionsDeps {
  ctx: EmulatorContext;
  logs: LogsBackend;
  s3: S3Backend;
  store: FunctionStore;
  code: CodeLocations;
  bootstrapPath: string;
  /** Region for functions created without a request (the internal backend). */
  defaultRegion: string;
  /** Emulated ms a new API-created function stays Pending (default CREATE_PENDING_MS). */
  createPendingMs?: number;
}

/**
 * The Lambda model: function records, their code, and invocations. Both the REST API and the
 * internal LambdaBackend (used by CloudFormation) go through here.
 */
export class LambdaFunctions {
  private readonly pool = new EnvironmentPool();
  private readonly background = new Set<Promise<unknown>>();
  /** Aborted on close, so pending Event retries never start processes after shutdown. */
  private readonly closing = new AbortController();

  constructor(private readonly deps: LambdaFunctionsDeps) {}

  /**
   * `pending`: the function starts `Pending` and becomes `Active` after CREATE_PENDING_MS of
   * emulated time, as a function created through the API does. CloudFormation creates it ready (its
   * own provisioning latency stands for the wait AWS CloudFormation does until the function is Active).
   */
  create(definition: FunctionDefinition, region = this.deps.defaultRegion, options: { pending?: boolean } = {}): FunctionRecord {
    const name = validateNewFunctionName(required(definition.FunctionName, 'functionName'));
    rejectUnsupportedPackaging(definition);
    validateRuntime(definition.Runtime);
    validateRole(definition.Role);
    validateRange('timeout', definition.Timeout, 1, 900);
    validateRange('memorySize', definition.MemorySize, 128, 10240);
    validateEnvironment(definition.Environment?.Variables);
    validateLogging(definition.LoggingConfig);
    if (definition.Runtime === undefined || definition.Handler === undefined) {
      throw new AwsServiceError(
        'InvalidParameterValueException',
        'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
        400,
      );
    }
    if (this.deps.store.get(name)) {
      throw new AwsServiceError('ResourceConflictException', `Function already exist: ${name}`, 409);
    }
    const code = this.fetchCode(definition.Code);
    const record: FunctionRecord = {
      name,
      region,
      accountId: this.deps.ctx.accountId,
      runtime: definition.Runtime,
      handler: definition.Handler,
      role: definition.Role,
      description: definition.Description,
      memorySize: definition.MemorySize ?? 128,
      timeout: definition.Timeout ?? 3,
      environment: definition.Environment?.Variables,
      customLogGroup: customLogGroup(name, definition.LoggingConfig),
      tags: definition.Tags ?? {},
      code,
      lastModified: lastModified(this.deps.ctx.clock.now()),
      revisionId: randomUUID(),
      ...(options.pending ? { activeAt: this.deps.ctx.clock.now().getTime() + this.deps.ctx.clock.toWallMs(this.deps.createPendingMs ?? CREATE_PENDING_MS) } : {}),
    };
    this.deps.store.put(record);
    return record;
  }

  updateCode(nameOrArn: string, code: FunctionCodeInput): FunctionRecord {
    const record = this.resolve(nameOrArn);
    assertNotPending(record);
    if (code.ImageUri !== undefined) {
      throw new AwsServiceError('InvalidParameterValueException', 'Please don\'t provide ImageUri when updating a function with packageType Zip.', 400);
    }
    return this.replace({ ...record, code: this.fetchCode(code) });
  }

  updateConfiguration(nameOrArn: string, definition: FunctionDefinition): FunctionRecord {
    const record = this.resolve(nameOrArn);
    assertNotPending(record);
    validateRuntime(definition.Runtime);
    validateRole(definition.Role);
    validateRange('timeout', definition.Timeout, 1, 900);
    validateRange('memorySize', definition.MemorySize, 128, 10240);
    validateEnvironment(definition.Environment?.Variables);
    validateLogging(definition.LoggingConfig);
    return this.replace({
      ...record,
      runtime: definition.Runtime ?? record.runtime,
      handler: definition.Handler ?? record.handler,
      role: definition.Role ?? record.role,
      description: definition.Description ?? record.description,
      memorySize: definition.MemorySize ?? record.memorySize,
      timeout: definition.Timeout ?? record.timeout,
      environment: definition.Environment ? (definition.Environment.Variables ?? {}) : record.environment,
      customLogGroup: definition.LoggingConfig ? customLogGroup(record.name, definition.LoggingConfig) : record.customLogGroup,
    });
  }

  /** CloudFormation's update: the whole definition (code and configuration) at once. */
  updateAll(definition: FunctionDefinition): FunctionRecord {
    const name = required(definition.FunctionName, 'functionName');
    const record = this.resolve(name);
    // Properties left out of the new template go back to Lambda's defaults.
    const updated = this.updateConfiguration(name, {
      ...definition,
      Environment: definition.Environment ?? { Variables: {} },
      Description: definition.Description ?? '',
      MemorySize: definition.MemorySize ?? 128,
      Timeout: definition.Timeout ?? 3,
      LoggingConfig: definition.LoggingConfig ?? {},
    });
    if (!definition.Code) return updated;
    const code = this.fetchCode(definition.Code);
    return code.hex === record.code.hex ? updated : this.replace({ ...updated, code });
  }

  delete(nameOrArn: string): void {
    const record = this.resolve(nameOrArn);
    this.deps.store.delete(record.name);
    // Running invocations finish; their environments retire on release (no current revision).
    this.pool.retireIdle(record.name);
  }

  get(nameOrArn: string, qualifier?: string): FunctionRecord {
    return this.resolve(nameOrArn, qualifier);
  }

  /** The record, or undefined (never throws for a missing function; still validates the name). */
  find(nameOrArn: string): FunctionRecord | undefined {
    const record = this.deps.store.get(parseFunctionName(nameOrArn).name);
    return record ? this.settle(record) : undefined;
  }

  list(): FunctionRecord[] {
    return this.deps.store.list().map((record) => this.settle(record));
  }

  async invoke(nameOrArn: string, payload: Buffer, options: InvokeOptions): Promise<LambdaInvokeResult> {
    // Invoke names the version it looked for: "Function not found: …:function:NAME:$LATEST".
    const record = this.resolve(nameOrArn, options.qualifier, '$LATEST');
    assertNotPending(record);
    assertExecutableRuntime(record.name, record.runtime);
    assertPayloadSize(payload, options.invocationType);
    const event = parseInvokePayload(payload);
    if (options.invocationType === 'DryRun') {
      return { statusCode: 204, payload: Buffer.alloc(0), executedVersion: '$LATEST' };
    }
    const invokerDeps = {
      ctx: this.deps.ctx,
      logs: this.deps.logs,
      pool: this.pool,
      bootstrapPath: this.deps.bootstrapPath,
      code: this.deps.code,
      currentRevision: (name: string) => this.deps.store.get(name)?.revisionId,
    };
    if (options.invocationType === 'Event') {
      // Lambda queues the event and answers 202 at once; results only show in the logs, and a
      // failed attempt is retried (with the function's configuration at that time).
      const attempt = async (requestId: string) => {
        const current = this.deps.store.get(record.name);
        return current ? runInvocation(invokerDeps, current, event, { clientContext: options.clientContext, requestId }) : undefined;
      };
      const run = runWithAsyncRetries(attempt, this.deps.ctx.clock, this.closing.signal)
        .catch((error: unknown) => this.deps.ctx.log(`lambda: event invocation of ${record.name} failed: ${String(error)}`))
        .finally(() => this.background.delete(run));
      this.background.add(run);
      return { statusCode: 202, payload: Buffer.alloc(0), executedVersion: '$LATEST', settled: run.then(() => undefined) };
    }
    return runInvocation(invokerDeps, record, event, { logType: options.logType, clientContext: options.clientContext });
  }

  /** Resolves once every Event invocation started so far has finished, retries included (tests). */
  async settled(): Promise<void> {
    while (this.background.size > 0) await Promise.allSettled([...this.background]);
  }

  /** Kills every execution environment. */
  close(): void {
    this.closing.abort();
    this.pool.closeAll();
  }

  arnOf(record: FunctionRecord): string {
    return functionArn(record.region, record.accountId, record.name);
  }

  private resolve(nameOrArn: string, qualifier?: string, defaultQualifier?: string): FunctionRecord {
    const parsed = parseFunctionName(nameOrArn);
    if (qualifier !== undefined && parsed.qualifier !== undefined && qualifier !== parsed.qualifier) {
      throw new AwsServiceError('InvalidParameterValueException', 'The derived qualifier from the function name does not match the specified qualifier.', 400);
    }
    const record = this.deps.store.get(parsed.name);
    const wanted = qualifier ?? parsed.qualifier ?? defaultQualifier;
    if (!record || (parsed.accountId !== undefined && parsed.accountId !== record.accountId)) {
      const arn = functionArn(parsed.region ?? record?.region ?? this.deps.defaultRegion, parsed.accountId ?? this.deps.ctx.accountId, parsed.name);
      throw notFound(wanted === undefined ? arn : `${arn}:${wanted}`);
    }
    // Only $LATEST exists: versions and aliases are not modelled (PublishVersion is unsupported).
    if (wanted !== undefined && wanted !== '$LATEST') throw notFound(`${this.arnOf(record)}:${wanted}`);
    return this.settle(record);
  }

  /** A Pending function whose time has come becomes Active (with a new RevisionId, as on AWS). */
  private settle(record: FunctionRecord): FunctionRecord {
    if (record.activeAt === undefined || this.deps.ctx.clock.now().getTime() < record.activeAt) return record;
    const { activeAt: _ready, ...active } = record;
    const updated = { ...active, revisionId: randomUUID() };
    this.deps.store.put(updated);
    return updated;
  }

  private replace(record: FunctionRecord): FunctionRecord {
    const updated = { ...record, lastModified: lastModified(this.deps.ctx.clock.now()), revisionId: randomUUID() };
    this.deps.store.put(updated);
    this.pool.retireIdle(record.name);
    return updated;
  }

  private fetchCode(code: FunctionCodeInput | undefined): StoredCode {
    if (code?.ZipFile !== undefined) return storeCode(this.deps.code, code.ZipFile);
    if (code?.S3Bucket !== undefined && code.S3Key !== undefined) {
      if (!this.deps.s3.hasBucket(code.S3Bucket)) {
        throw new AwsServiceError(
          'InvalidParameterValueException',
          'Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist',
          400,
        );
      }
      const body = this.deps.s3.getObject(code.S3Bucket, code.S3Key);
      if (!body) {
        throw new AwsServiceError(
          'InvalidParameterValueException',
          'Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.',
          400,
        );
      }
      return storeCode(this.deps.code, body);
    }
    throw new AwsServiceError('InvalidParameterValueException', 'Please provide a source for function code.', 400);
  }
}

/** Lambda's invocation payload quotas: 6 MB synchronous, 1 MB asynchronous. */
function assertPayloadSize(payload: Buffer, invocationType: InvokeOptions['invocationType']): void {
  const limit = invocationType === 'Event' ? 1_048_576 : 6_291_456;
  if (payload.length <= limit) return;
  const operation = invocationType === 'Event' ? 'InvokeAsync' : 'InvokeFunction';
  throw new AwsServiceError('RequestTooLargeException', `Request must be smaller than ${limit} bytes for the ${operation} operation`, 413);
}

/**
 * Emulated time a function created through the API stays Pending. AWS gives no figure; a function
 * without a VPC typically turns Active within about a second.
 */
export const CREATE_PENDING_MS = 1000;

function assertNotPending(record: FunctionRecord): void {
  if (record.activeAt === undefined) return;
  throw new AwsServiceError(
    'ResourceConflictException',
    'The operation cannot be performed at this time. The function is currently in the following state: Pending',
    409,
  );
}

function notFound(arn: string): AwsServiceError {
  return new AwsServiceError('ResourceNotFoundException', `Function not found: ${arn}`, 404);
}

function required(value: string | undefined, member: string): string {
  if (value === undefined || value === '') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
      400,
    );
  }
  return value;
}

function rejectUnsupportedPackaging(definition: FunctionDefinition): void {
  if (definition.PackageType === 'Image' || definition.Code?.ImageUri !== undefined) {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      'The stp local emulator does not support container image functions (PackageType Image); use a .zip deployment package.',
      400,
    );
  }
}

function validateLogging(config: FunctionDefinition['LoggingConfig']): void {
  if (config?.LogFormat !== undefined && config.LogFormat !== 'Text') {
    throw new AwsServiceError(
      'InvalidParameterValueException',
      `The stp local emulator supports only LogFormat Text, not ${config.LogFormat}.`,
      400,
    );
  }
}

function customLogGroup(name: string, config: FunctionDefinition['LoggingConfig']): string | undefined {
  const group = config?.LogGroup;
  return group === undefined || group === '' || group === `/aws/lambda/${name}` ? undefined : group;
}

/** Lambda's `LastModified` format: `2024-05-01T12:34:56.789+0000`. */
function lastModified(at: Date): string {
  return at.toISOString().replace('Z', '+0000');
}
