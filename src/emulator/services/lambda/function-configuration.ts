import { createHash } from 'node:crypto';
import type { LambdaFunctionConfiguration } from '../../core/backends.js';
import { functionArn } from './function-name.js';
import type { FunctionRecord } from './function-store.js';
import { defaultLogGroupName } from './log-stream-name.js';

/** The `FunctionConfiguration` document Lambda's API returns (GetFunctionConfiguration, CreateFunction, …). */
export function restConfiguration(record: FunctionRecord): Record<string, unknown> {
  return {
    FunctionName: record.name,
    FunctionArn: functionArn(record.region, record.accountId, record.name),
    Runtime: record.runtime,
    Role: record.role,
    Handler: record.handler,
    CodeSize: record.code.size,
    Description: record.description ?? '',
    Timeout: record.timeout,
    MemorySize: record.memorySize,
    LastModified: record.lastModified,
    CodeSha256: record.code.sha256,
    Version: '$LATEST',
    ...(record.environment ? { Environment: { Variables: record.environment } } : {}),
    ...(record.runtime ? { RuntimeVersionConfig: { RuntimeVersionArn: runtimeVersionArn(record.region, record.runtime) } } : {}),
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: record.revisionId,
    // A new function is Pending until it is ready (AWS shows no LastUpdateStatus then); updates
    // complete synchronously here.
    ...(record.activeAt !== undefined
      ? { State: 'Pending', StateReason: 'The function is being created.', StateReasonCode: 'Creating' }
      : { State: 'Active', LastUpdateStatus: 'Successful' }),
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: 'Text', LogGroup: record.customLogGroup ?? defaultLogGroupName(record.name) },
  };
}

/** The same, in the internal backend's shape (emulator-cfn reads ARNs and attributes from it). */
export function backendConfiguration(record: FunctionRecord): LambdaFunctionConfiguration {
  return {
    FunctionName: record.name,
    FunctionArn: functionArn(record.region, record.accountId, record.name),
    Runtime: record.runtime,
    Handler: record.handler,
    Role: record.role,
    MemorySize: record.memorySize,
    Timeout: record.timeout,
    CodeSha256: record.code.sha256,
    CodeSize: record.code.size,
    LastModified: record.lastModified,
    State: record.activeAt !== undefined ? 'Pending' : 'Active',
    Version: '$LATEST',
    ...(record.environment ? { Environment: { Variables: record.environment } } : {}),
    LoggingConfig: { LogGroup: record.customLogGroup ?? defaultLogGroupName(record.name), LogFormat: 'Text' },
  };
}

/**
 * The managed runtime version a function runs on, as AWS names it
 * (`arn:aws:lambda:REGION::runtime:<64 hex>`); here a stable digest of the runtime name.
 */
function runtimeVersionArn(region: string, runtime: string): string {
  return `arn:aws:lambda:${region}::runtime:${createHash('sha256').update(runtime).digest('hex')}`;
}
