/**
 * Internal APIs the emulator's services offer each other (not over HTTP). CloudFormation's
 * provisioners create real functions, log groups and buckets through these, so what a stack
 * creates is what the Lambda, Logs and S3 endpoints then serve.
 */

export interface LogsBackend {
  /** Creates the group if missing (idempotent). */
  ensureLogGroup(name: string, options?: { retentionInDays?: number; tags?: Record<string, string> }): void;
  /** Deletes the group and its streams; no-op when missing. */
  deleteLogGroup(name: string): void;
  hasLogGroup(name: string): boolean;
  /** Creates the stream (and group) if missing. */
  ensureLogStream(group: string, stream: string): void;
  /** Appends events (timestamps in epoch ms) as PutLogEvents would, with ingestion time = now. */
  appendLogEvents(group: string, stream: string, events: { timestamp: number; message: string }[]): void;
}

export interface S3Backend {
  ensureBucket(name: string): void;
  /** Throws AwsServiceError BucketNotEmpty when it holds objects (as AWS does). */
  deleteBucket(name: string): void;
  hasBucket(name: string): boolean;
  getObject(bucket: string, key: string): Buffer | undefined;
  putObject(bucket: string, key: string, body: Buffer): void;
}

export interface LambdaFunctionSpec {
  FunctionName: string;
  /**
   * The region the function lives in (its ARN, AWS_REGION in its environment). CloudFormation
   * passes its stack's region; absent, the emulator's default region. Fixed at creation.
   */
  Region?: string;
  Runtime?: string;
  Handler?: string;
  Role?: string;
  MemorySize?: number;
  /** Seconds (AWS default 3). */
  Timeout?: number;
  Environment?: { Variables?: Record<string, string> };
  /** Code from an uploaded zip in the emulator's S3, or inline zip bytes. */
  Code: { S3Bucket?: string; S3Key?: string; ZipFile?: Buffer };
  LoggingConfig?: { LogGroup?: string };
  Tags?: Record<string, string>;
}

export interface LambdaFunctionConfiguration {
  FunctionName: string;
  FunctionArn: string;
  Runtime?: string;
  Handler?: string;
  Role?: string;
  MemorySize: number;
  Timeout: number;
  CodeSha256: string;
  CodeSize: number;
  LastModified: string;
  State: 'Active' | 'Pending' | 'Failed';
  Version: string;
  Environment?: { Variables?: Record<string, string> };
  LoggingConfig: { LogGroup: string; LogFormat: 'Text' };
}

export interface LambdaInvokeResult {
  /** 200 for RequestResponse, 202 for Event. */
  statusCode: number;
  payload: Buffer;
  /** `Unhandled` when the handler threw or timed out. */
  functionError?: string;
  /** Base64 of the last 4 KB of the execution log, when LogType Tail was asked for. */
  logResult?: string;
  executedVersion: string;
  /**
   * Event invocations: resolves when the queued run (retries included) has finished, so a caller
   * can start a wait of its own after it (a custom resource's hour counts from there).
   */
  settled?: Promise<void>;
}

export interface LambdaBackend {
  createFunction(spec: LambdaFunctionSpec): LambdaFunctionConfiguration;
  updateFunction(spec: LambdaFunctionSpec): LambdaFunctionConfiguration;
  deleteFunction(name: string): void;
  getFunction(name: string): LambdaFunctionConfiguration | undefined;
  invokeFunction(
    nameOrArn: string,
    payload: Buffer,
    options: { invocationType: 'RequestResponse' | 'Event'; logType?: 'None' | 'Tail' },
  ): Promise<LambdaInvokeResult>;
}

/**
 * A service that speaks a REST protocol (Lambda REST-JSON, S3 REST-XML, the custom-resource
 * response URL) decodes its own requests; the server only routes to it.
 */
export interface HttpRequestData {
  method: string;
  /** Path without the query string, percent-decoded per segment by the service as needed. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

export interface HttpResponseData {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
}

/** A secret's value as GetSecretValue returns it. */
export interface SecretValue {
  arn: string;
  name: string;
  versionId: string;
  secretString?: string;
  /** Base64. */
  secretBinary?: string;
}

export interface SecretsBackend {
  /**
   * GetSecretValue (AWSCURRENT unless a version is named). Throws the AwsServiceError GetSecretValue
   * would answer (ResourceNotFoundException, InvalidRequestException for a deleted secret, ...).
   */
  getSecretValue(region: string, secretId: string, options?: { versionId?: string; versionStage?: string }): SecretValue;
  /** CreateSecret (throws ResourceExistsException and the rest as the API does). */
  createSecret(region: string, secret: { name: string; secretString?: string; description?: string; tags?: { Key: string; Value: string }[] }): { arn: string; versionId?: string };
  /** A new AWSCURRENT version (UpdateSecret/PutSecretValue); the description too when given. */
  updateSecret(region: string, secretId: string, change: { secretString?: string; description?: string }): void;
  /** DeleteSecret with ForceDeleteWithoutRecovery; no-op when missing. */
  forceDeleteSecret(region: string, secretId: string): void;
}

/** One parameter version as GetParameter returns it. */
export interface ParameterValue {
  name: string;
  type: 'String' | 'StringList' | 'SecureString';
  /** Plaintext (decrypted for SecureString). */
  value: string;
  version: number;
}

export interface ParametersBackend {
  /** GetParameter with decryption; `version` absent: the latest. Throws ParameterNotFound / ParameterVersionNotFound. */
  getParameter(region: string, name: string, version?: number): ParameterValue;
  /** PutParameter (a new version when `overwrite`); answers the version. */
  putParameter(region: string, parameter: { name: string; type: string; value: string; description?: string; overwrite: boolean }): number;
  /** DeleteParameter; no-op when missing. */
  deleteParameter(region: string, name: string): void;
}
