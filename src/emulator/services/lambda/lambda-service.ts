import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsServiceError } from '../../core/aws-error.js';
import type {
  HttpRequestData,
  HttpResponseData,
  LambdaBackend,
  LambdaFunctionConfiguration,
  LambdaFunctionSpec,
  LambdaInvokeResult,
  LogsBackend,
  S3Backend,
} from '../../core/backends.js';
import type { EmulatorContext, EmulatorService, RequestInfo } from '../../core/service.js';
import { backendConfiguration, restConfiguration } from './function-configuration.js';
import { fileFunctionPersistence, FunctionStore, type FunctionPersistence, type FunctionRecord } from './function-store.js';
import { LambdaFunctions, type FunctionCodeInput, type FunctionDefinition } from './lambda-functions.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import type { StateStore } from '../../state/state-store.js';
import { decodeRequest, encodeError, encodeOutput } from './rest-json-protocol.js';
import { ensureBootstrapFile } from './runtime/bootstrap-file.js';

export interface LambdaServiceDeps {
  logs: LogsBackend;
  s3: S3Backend;
  /**
   * Directory for code packages and the runtime bootstrap. Defaults to the state store's blob
   * folder `lambda` when the context carries the store (`ctx.state`, see core/runtime-context.ts),
   * else a fresh temporary directory.
   */
  stateDir?: string;
  /** Where code is extracted for running (default: a per-user folder in the OS temp directory). */
  taskRootDir?: string;
  /**
   * Where function records persist. Defaults to the state store's `lambda` namespace when
   * `ctx.state` exists, else `<stateDir>/functions.json` (written atomically).
   */
  persistence?: FunctionPersistence;
  /** Emulated ms a function created through the API stays Pending (default CREATE_PENDING_MS). */
  createPendingMs?: number;
}

export type LambdaService = EmulatorService &
  LambdaBackend & {
    handleHttp(request: HttpRequestData, info: RequestInfo): Promise<HttpResponseData>;
    /** The operation a request maps to, for fault rules and log lines. */
    operationFor(request: HttpRequestData): string | undefined;
    /** Resolves once all Event (asynchronous) invocations started so far have finished. */
    settled(): Promise<void>;
    /** Kills every execution environment (call on emulator shutdown). */
    close(): void;
  };

const DEFAULT_REGION = 'us-east-1';

export function createLambdaService(ctx: EmulatorContext, deps: LambdaServiceDeps): LambdaService {
  const state = stateStoreOf(ctx);
  const stateDir = deps.stateDir ?? (state ? state.blobDir('lambda') : mkdtempSync(path.join(tmpdir(), 'stp-local-lambda-')));
  const store = new FunctionStore(
    deps.persistence ?? (state ? statePersistence(state) : fileFunctionPersistence(path.join(stateDir, 'functions.json'))),
  );
  const contextRegion = (ctx as { region?: unknown }).region;
  const functions = new LambdaFunctions({
    ctx,
    logs: deps.logs,
    s3: deps.s3,
    store,
    code: { zips: path.join(stateDir, 'code'), tasks: deps.taskRootDir ?? defaultTaskRootDir() },
    bootstrapPath: ensureBootstrapFile(path.join(stateDir, 'runtime')),
    defaultRegion: typeof contextRegion === 'string' ? contextRegion : DEFAULT_REGION,
    createPendingMs: deps.createPendingMs,
  });

  async function handle(operation: string, input: Record<string, unknown>, request: RequestInfo): Promise<Record<string, unknown>> {
    switch (operation) {
      case 'CreateFunction':
        return restConfiguration(functions.create(toDefinition(input), request.region, { pending: true }));
      case 'GetFunction': {
        const record = functions.get(requiredString(input, 'FunctionName'), optionalString(input, 'Qualifier'));
        return {
          Configuration: restConfiguration(record),
          // The package is kept in the emulator's state directory; no download URL is served.
          Code: { RepositoryType: 'S3' },
          ...(Object.keys(record.tags).length > 0 ? { Tags: record.tags } : {}),
        };
      }
      case 'GetFunctionConfiguration':
        return restConfiguration(functions.get(requiredString(input, 'FunctionName'), optionalString(input, 'Qualifier')));
      case 'UpdateFunctionCode':
        return restConfiguration(functions.updateCode(requiredString(input, 'FunctionName'), toCode(input)));
      case 'UpdateFunctionConfiguration':
        return restConfiguration(functions.updateConfiguration(requiredString(input, 'FunctionName'), toDefinition(input)));
      case 'DeleteFunction': {
        const qualifier = optionalString(input, 'Qualifier');
        if (qualifier !== undefined && qualifier !== '$LATEST') functions.get(requiredString(input, 'FunctionName'), qualifier);
        functions.delete(requiredString(input, 'FunctionName'));
        return {};
      }
      case 'ListFunctions':
        return listFunctions(input);
      case 'ListVersionsByFunction': {
        // Only $LATEST exists here (PublishVersion is not supported), so there is one version.
        const record = functions.get(requiredString(input, 'FunctionName'));
        pageSize(input);
        return { Versions: [restConfiguration(record)] };
      }
      case 'GetAccountSettings':
        return accountSettings(functions.list());
      case 'Invoke': {
        const result = await functions.invoke(requiredString(input, 'FunctionName'), toBuffer(input.Payload), {
          invocationType: invocationType(optionalString(input, 'InvocationType')),
          logType: logType(optionalString(input, 'LogType')),
          qualifier: optionalString(input, 'Qualifier'),
          clientContext: clientContext(optionalString(input, 'ClientContext')),
        });
        return {
          StatusCode: result.statusCode,
          Payload: result.payload,
          FunctionError: result.functionError,
          LogResult: result.logResult,
          ExecutedVersion: result.executedVersion,
        };
      }
      default:
        throw unsupported(operation);
    }
  }

  function listFunctions(input: Record<string, unknown>): Record<string, unknown> {
    const all = functions.list();
    const maxItems = pageSize(input);
    const marker = optionalString(input, 'Marker');
    let start = 0;
    if (marker !== undefined) {
      const after = Buffer.from(marker, 'base64url').toString('utf8');
      start = all.findIndex((record) => record.name > after);
      if (start < 0) start = all.length;
    }
    const page = all.slice(start, start + maxItems);
    const last = page[page.length - 1];
    const more = start + maxItems < all.length && last !== undefined;
    return {
      Functions: page.map(restConfiguration),
      ...(more ? { NextMarker: Buffer.from(last.name, 'utf8').toString('base64url') } : {}),
    };
  }

  function unsupported(operation: string): UnsupportedOperationError {
    return new UnsupportedOperationError('lambda', operation);
  }

  return {
    signingName: 'lambda',
    handle,
    // Unsupported operations and crashes propagate: the server answers them (and logs one line).
    async handleHttp(request, info) {
      try {
        const decoded = decodeRequest(request);
        if (!decoded) throw unsupported(`${request.method} ${request.path}`);
        const output = await handle(decoded.operation, decoded.input, { ...info, body: request.body });
        return encodeOutput(decoded.operation, output, info.requestId);
      } catch (error) {
        if (error instanceof AwsServiceError) return encodeError(error, info.requestId);
        throw error;
      }
    },
    operationFor(request) {
      try {
        return decodeRequest(request)?.operation;
      } catch {
        return undefined;
      }
    },
    createFunction(spec: LambdaFunctionSpec): LambdaFunctionConfiguration {
      return backendConfiguration(functions.create(specToDefinition(spec), spec.Region));
    },
    updateFunction(spec: LambdaFunctionSpec): LambdaFunctionConfiguration {
      return backendConfiguration(functions.updateAll(specToDefinition(spec)));
    },
    deleteFunction(name: string): void {
      // CloudFormation deletes idempotently (a function already gone is not an error).
      if (functions.find(name)) functions.delete(name);
    },
    getFunction(name: string): LambdaFunctionConfiguration | undefined {
      const record = functions.find(name);
      return record ? backendConfiguration(record) : undefined;
    },
    invokeFunction(nameOrArn, payload, options): Promise<LambdaInvokeResult> {
      return functions.invoke(nameOrArn, payload, { invocationType: options.invocationType, logType: options.logType });
    },
    settled: () => functions.settled(),
    close: () => functions.close(),
  };
}

/** `MaxItems` (default 50), validated as Lambda's list operations do. */
function pageSize(input: Record<string, unknown>): number {
  const maxItems = typeof input.MaxItems === 'number' && Number.isFinite(input.MaxItems) ? input.MaxItems : 50;
  if (maxItems < 1 || maxItems > 10000) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value '${maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value ${maxItems < 1 ? 'greater than or equal to 1' : 'less than or equal to 10000'}`,
      400,
    );
  }
  return maxItems;
}

/**
 * GetAccountSettings: AWS's default quotas (a new account may start with a lower concurrency
 * quota; 1,000 is the documented default) and the usage of the functions held here.
 */
export function accountSettings(records: readonly FunctionRecord[]): Record<string, unknown> {
  return {
    AccountLimit: {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: 262_144_000,
      CodeSizeZipped: 52_428_800,
      ConcurrentExecutions: 1000,
      UnreservedConcurrentExecutions: 1000,
    },
    AccountUsage: {
      TotalCodeSize: records.reduce((sum, record) => sum + record.code.size, 0),
      FunctionCount: records.length,
    },
  };
}

function defaultTaskRootDir(): string {
  return path.join(tmpdir(), `stp-lambda-tasks-${process.getuid?.() ?? 'user'}`);
}

/** The state store, when the context is startEmulator's EmulatorRuntimeContext. */
function stateStoreOf(ctx: EmulatorContext): StateStore | undefined {
  const state = (ctx as { state?: StateStore }).state;
  return state && typeof state.register === 'function' ? state : undefined;
}

/** Function records as the `lambda` namespace of the emulator's state file. */
function statePersistence(state: StateStore): FunctionPersistence {
  let records: FunctionRecord[] = [];
  state.register<{ functions?: FunctionRecord[] }>('lambda', {
    serialize: () => ({ functions: records }),
    restore: (saved) => {
      records = saved.functions ?? [];
    },
  });
  return {
    load: () => records,
    save(next) {
      records = next;
      state.markDirty();
    },
  };
}

function specToDefinition(spec: LambdaFunctionSpec): FunctionDefinition {
  return {
    FunctionName: spec.FunctionName,
    Runtime: spec.Runtime,
    Handler: spec.Handler,
    Role: spec.Role,
    MemorySize: spec.MemorySize,
    Timeout: spec.Timeout,
    Environment: spec.Environment,
    Code: spec.Code,
    LoggingConfig: spec.LoggingConfig,
    Tags: spec.Tags,
  };
}

/** REST JSON input → definition; `Code.ZipFile` arrives base64-encoded. */
function toDefinition(input: Record<string, unknown>): FunctionDefinition {
  const code = input.Code as Record<string, unknown> | undefined;
  return {
    FunctionName: optionalString(input, 'FunctionName'),
    Runtime: optionalString(input, 'Runtime'),
    Handler: optionalString(input, 'Handler'),
    Role: optionalString(input, 'Role'),
    Description: optionalString(input, 'Description'),
    MemorySize: optionalNumber(input, 'MemorySize'),
    Timeout: optionalNumber(input, 'Timeout'),
    Environment: input.Environment as FunctionDefinition['Environment'],
    Code: code ? toCode(code) : undefined,
    LoggingConfig: input.LoggingConfig as FunctionDefinition['LoggingConfig'],
    Tags: input.Tags as Record<string, string> | undefined,
    PackageType: optionalString(input, 'PackageType'),
  };
}

function toCode(input: Record<string, unknown>): FunctionCodeInput {
  return {
    ZipFile: input.ZipFile === undefined ? undefined : toBuffer(input.ZipFile, 'base64'),
    S3Bucket: optionalString(input, 'S3Bucket'),
    S3Key: optionalString(input, 'S3Key'),
    S3ObjectVersion: optionalString(input, 'S3ObjectVersion'),
    ImageUri: optionalString(input, 'ImageUri'),
  };
}

function toBuffer(value: unknown, encoding: BufferEncoding = 'utf8'): Buffer {
  if (value === undefined || value === null) return Buffer.alloc(0);
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  if (typeof value === 'string') return Buffer.from(value, encoding);
  throw new AwsServiceError('InvalidParameterValueException', 'Binary members must be base64 strings.', 400);
}

function optionalString(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    throw new AwsServiceError('SerializationException', `Member ${key} must be a string.`, 400);
  }
  return value;
}

function optionalNumber(input: Record<string, unknown>, key: string): number | undefined {
  const value = input[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number') {
    throw new AwsServiceError('SerializationException', `Member ${key} must be a number.`, 400);
  }
  return value;
}

function requiredString(input: Record<string, unknown>, key: string): string {
  const value = optionalString(input, key);
  if (value === undefined || value === '') {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`,
      400,
    );
  }
  return value;
}

function invocationType(value: string | undefined): 'RequestResponse' | 'Event' | 'DryRun' {
  if (value === undefined || value === 'RequestResponse' || value === 'Event' || value === 'DryRun') return value ?? 'RequestResponse';
  throw new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`,
    400,
  );
}

function logType(value: string | undefined): 'None' | 'Tail' {
  if (value === undefined || value === 'None' || value === 'Tail') return value ?? 'None';
  throw new AwsServiceError(
    'ValidationException',
    `1 validation error detected: Value '${value}' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]`,
    400,
  );
}

/** `X-Amz-Client-Context` is base64 JSON; the handler sees it as `context.clientContext`. */
function clientContext(value: string | undefined): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as unknown;
  } catch {
    throw new AwsServiceError('InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.', 400);
  }
}
