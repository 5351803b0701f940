/**
 * The awsJson1.1 protocol (CloudWatch Logs, Secrets Manager, SSM; ECS and CodeDeploy later): `POST /` with
 * `X-Amz-Target: <Prefix>.<Operation>` and a JSON body; errors as `{"__type","message"}` plus the
 * `X-Amzn-ErrorType` header (the SDK reads the header first). Dates in results encode as epoch
 * seconds (the JSON protocols' timestamp format); Logs uses plain millisecond numbers instead.
 */
import type { HttpResponseData } from '../core/backends.js';
import type { AwsServiceError } from '../core/aws-error.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Signing name by X-Amz-Target prefix, for routing requests without a credential scope. */
export const JSON_SERVICE_BY_TARGET_PREFIX: Record<string, string> = {
  Logs_20140328: 'logs',
  AmazonEC2ContainerServiceV20141113: 'ecs',
  CodeDeploy_20141006: 'codedeploy',
  secretsmanager: 'secretsmanager',
  AmazonSSM: 'ssm',
};

export function parseJsonTarget(target: string | undefined): { prefix: string; operation: string } | undefined {
  if (!target) return undefined;
  const dot = target.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return { prefix: target.slice(0, dot), operation: target.slice(dot + 1) };
}

export function decodeJsonBody(body: Buffer): Record<string, unknown> | undefined {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function jsonReplacer(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Date) return raw.getTime() / 1000;
  if (raw instanceof Map) return Object.fromEntries(raw);
  if (Buffer.isBuffer(raw)) return raw.toString('base64');
  return value;
}

export function encodeJsonResponse(result: unknown): HttpResponseData {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body: JSON.stringify(result ?? {}, jsonReplacer),
  };
}

export function encodeJsonError(error: AwsServiceError): HttpResponseData {
  return {
    status: error.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-errortype': error.code },
    body: JSON.stringify({ __type: error.code, message: error.message }),
  };
}
