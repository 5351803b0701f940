/**
 * The one place stp creates AWS SDK v3 clients. Every client gets the same region, credentials,
 * endpoint, retry policy, user agent and secret-safe logger. Pointing stp at the embedded local
 * cloud or at LocalStack is only a different endpoint and credentials: there is no "local" branch.
 *
 * Region: the `--region` flag, else AWS_REGION / AWS_DEFAULT_REGION, else the profile's region
 * (the SDK's own chain when `region` is absent). Credentials: explicit ones, else the SDK's
 * standard Node chain (env, SSO, shared ini files with `profile`, process, web identity, ECS/EC2
 * metadata) — the clients' default, so no extra dependency is needed for it.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { STSClient } from '@aws-sdk/client-sts';
import type { S3ClientConfig } from '@aws-sdk/client-s3';

type Credentials = NonNullable<S3ClientConfig['credentials']>;
type Logger = NonNullable<S3ClientConfig['logger']>;

export interface AwsTarget {
  /** AWS region; when absent the SDK's chain decides (AWS_REGION, the profile's region). */
  region?: string;
  /** Named profile from ~/.aws/config and ~/.aws/credentials (`--profile`). */
  profile?: string;
  /** Endpoint override (`--endpoint-url`); falls back to AWS_ENDPOINT_URL[_<SERVICE>]. */
  endpoint?: string;
  /** Explicit credentials; otherwise the SDK's default provider chain. */
  credentials?: Credentials;
  /** Total attempts per request, including the first (default 5). */
  maxAttempts?: number;
  /** Receives SDK debug lines, already stripped of secrets. No logging when absent. */
  log?: (line: string) => void;
  /** Environment to read AWS_ENDPOINT_URL* from (default process.env; injectable for tests). */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Receives the SDK's warnings (already stripped of secrets), e.g. to turn them into
   * `warning` events; they are never written to the terminal over a running UI. Without it they
   * go to `log`, and without that nowhere.
   */
  onWarning?: (message: string) => void;
  /** The `stp/<version>` part of the user agent (default `stp/dev`). */
  appVersion?: string;
}

export type AwsServiceName = 'cloudformation' | 'cloudwatch-logs' | 'ec2' | 'ecs' | 'elbv2' | 'lambda' | 's3' | 'secrets-manager' | 'sts';

/** The service ids of the SDK's per-service endpoint variables (AWS_ENDPOINT_URL_<ID>). */
const ENDPOINT_ENV_SUFFIX: Record<AwsServiceName, string> = {
  cloudformation: 'CLOUDFORMATION',
  'cloudwatch-logs': 'CLOUDWATCH_LOGS',
  ec2: 'EC2',
  ecs: 'ECS',
  elbv2: 'ELASTIC_LOAD_BALANCING_V2',
  lambda: 'LAMBDA',
  s3: 'S3',
  'secrets-manager': 'SECRETS_MANAGER',
  sts: 'STS',
};

export function resolveEndpoint(target: AwsTarget, service: AwsServiceName): string | undefined {
  const env = target.env ?? process.env;
  const value = target.endpoint ?? env[`AWS_ENDPOINT_URL_${ENDPOINT_ENV_SUFFIX[service]}`] ?? env.AWS_ENDPOINT_URL;
  return value === undefined || value === '' ? undefined : value;
}

/** The shared part of every client's configuration. */
export function clientConfig(target: AwsTarget, service: AwsServiceName) {
  const endpoint = resolveEndpoint(target, service);
  return {
    ...(target.region !== undefined ? { region: target.region } : {}),
    ...(target.profile !== undefined ? { profile: target.profile } : {}),
    ...(target.credentials !== undefined ? { credentials: target.credentials } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    // Adaptive: client-side rate limiting on throttling, on top of exponential backoff.
    retryMode: 'adaptive',
    maxAttempts: target.maxAttempts ?? 5,
    // Appended to the SDK's own user agent, so AWS-side logs (CloudTrail) name the tool.
    customUserAgent: [['stp', target.appVersion ?? 'dev']] as [string, string][],
    ...(target.log || target.onWarning ? { logger: secretSafeLogger(target.log ?? (() => {}), target.onWarning) } : {}),
  };
}

export function createCloudFormationClient(target: AwsTarget): CloudFormationClient {
  return new CloudFormationClient(clientConfig(target, 'cloudformation'));
}
export function createCloudWatchLogsClient(target: AwsTarget): CloudWatchLogsClient {
  return new CloudWatchLogsClient(clientConfig(target, 'cloudwatch-logs'));
}
export function createEcsClient(target: AwsTarget): ECSClient {
  return new ECSClient(clientConfig(target, 'ecs'));
}
export function createEc2Client(target: AwsTarget): EC2Client {
  return new EC2Client(clientConfig(target, 'ec2'));
}
export function createElbv2Client(target: AwsTarget): ElasticLoadBalancingV2Client {
  return new ElasticLoadBalancingV2Client(clientConfig(target, 'elbv2'));
}
export function createLambdaClient(target: AwsTarget): LambdaClient {
  return new LambdaClient(clientConfig(target, 'lambda'));
}
export function createS3Client(target: AwsTarget): S3Client {
  const config = clientConfig(target, 's3');
  // Custom endpoints (the local cloud, LocalStack, MinIO) rarely resolve virtual-hosted bucket names.
  return new S3Client({ ...config, forcePathStyle: config.endpoint !== undefined });
}
export function createSecretsManagerClient(target: AwsTarget): SecretsManagerClient {
  return new SecretsManagerClient(clientConfig(target, 'secrets-manager'));
}
export function createStsClient(target: AwsTarget): STSClient {
  return new STSClient(clientConfig(target, 'sts'));
}

/** All clients for one target, created on first use. */
export interface AwsClients {
  readonly cloudFormation: CloudFormationClient;
  readonly logs: CloudWatchLogsClient;
  readonly ecs: ECSClient;
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly lambda: LambdaClient;
  readonly s3: S3Client;
  readonly sts: STSClient;
  destroy(): void;
}

export function createAwsClients(target: AwsTarget): AwsClients {
  const made = new Map<string, { destroy(): void }>();
  const lazy = <T extends { destroy(): void }>(key: string, make: () => T): T => {
    let client = made.get(key) as T | undefined;
    if (!client) {
      client = make();
      made.set(key, client);
    }
    return client;
  };
  return {
    get cloudFormation() {
      return lazy('cloudformation', () => createCloudFormationClient(target));
    },
    get logs() {
      return lazy('logs', () => createCloudWatchLogsClient(target));
    },
    get ecs() {
      return lazy('ecs', () => createEcsClient(target));
    },
    get ec2() {
      return lazy('ec2', () => createEc2Client(target));
    },
    get elbv2() {
      return lazy('elbv2', () => createElbv2Client(target));
    },
    get lambda() {
      return lazy('lambda', () => createLambdaClient(target));
    },
    get s3() {
      return lazy('s3', () => createS3Client(target));
    },
    get sts() {
      return lazy('sts', () => createStsClient(target));
    },
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
}

/**
 * An SDK logger that formats each call as one line and strips secrets before it leaves. Warnings
 * go to `onWarning` when given (as the bare message), otherwise to `sink` like the rest.
 */
export function secretSafeLogger(sink: (line: string) => void, onWarning?: (message: string) => void): Logger {
  const format = (content: unknown[]) =>
    content
      .map((item) => (typeof item === 'string' ? item : safeStringify(redactSecrets(item))))
      .map((item) => (typeof item === 'string' ? (redactSecrets(item) as string) : item))
      .join(' ');
  const emit = (level: string) => (...content: unknown[]) => sink(`[aws-sdk ${level}] ${format(content)}`);
  // Only warnings: the SDK logs every failed request at `error`, including answers stp expects
  // (a 404 from HeadObject, "stack does not exist"), so those stay debug lines.
  const warn = onWarning ? (...content: unknown[]) => onWarning(format(content)) : emit('warn');
  return { debug: emit('debug'), info: emit('info'), warn, error: emit('error'), trace: emit('trace') };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v));
  } catch {
    return String(value);
  }
}

// ---------------------------------------------------------------------------------------------
// Secret stripping for log lines: values under secret-sounding keys (credentials, tokens,
// passwords, signatures, template parameter values) and secret-looking substrings (AWS access
// keys, 40-character secret keys, SigV4 Authorization headers and presigned-URL signatures).

const SECRET_KEY = /secret|password|passwd|token|credential|authorization|signature|privatekey|private_key|accesskey|access_key|sessionkey|parametervalue|^x-amz-security-token$/i;

const SECRET_PATTERNS: [RegExp, string][] = [
  // Authorization: AWS4-HMAC-SHA256 Credential=AKIA.../..., SignedHeaders=..., Signature=...
  [/AWS4-HMAC-SHA256[^"'\n]*/g, 'AWS4-HMAC-SHA256 [redacted]'],
  [/(X-Amz-(?:Signature|Credential|Security-Token)=)[^&\s"']+/gi, '$1[redacted]'],
  // Access key ids (AKIA/ASIA…) and 40-character secret access keys.
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, '[redacted-access-key]'],
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, '[redacted]'],
];

const REDACTED = '[redacted]';

export function redactSecrets(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    let text = value;
    for (const [pattern, replacement] of SECRET_PATTERNS) text = text.replace(pattern, replacement);
    return text;
  }
  if (value === null || typeof value !== 'object' || depth > 12) return value;
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (value instanceof Error) return redactSecrets(`${value.name}: ${value.message}`, depth + 1);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = SECRET_KEY.test(key) && child !== undefined && child !== null ? REDACTED : redactSecrets(child, depth + 1);
  }
  return out;
}

/**
 * The region the SDK's own chain finds without a region given: AWS_REGION, then the profile's
 * `region` in ~/.aws/config. Undefined when none is set.
 */
export async function regionFromChain(target: AwsTarget): Promise<string | undefined> {
  const { region: _ignored, ...rest } = target;
  const client = new STSClient(clientConfig(rest, 'sts'));
  try {
    const region = await client.config.region();
    return region || undefined;
  } catch {
    return undefined;
  } finally {
    client.destroy();
  }
}
