/**
 * Which service a request is for, and in which region: the SigV4 credential scope
 * (`Credential=AKID/<date>/<region>/<service>/aws4_request`, in the Authorization header or the
 * presigned `X-Amz-Credential` query parameter); without one, the X-Amz-Target prefix, the Lambda
 * path shape, or the query Version; otherwise S3 (path-style, e.g. an unsigned object GET).
 */
import { JSON_SERVICE_BY_TARGET_PREFIX, parseJsonTarget } from '../protocols/aws-json.js';
import { QUERY_SERVICE_BY_VERSION } from '../protocols/aws-query.js';

export interface ResolvedService {
  signingName: string;
  region: string;
  /** How it was determined, for log lines. */
  via: 'credential-scope' | 'target' | 'path' | 'query-version' | 'default';
}

export const DEFAULT_REGION = 'us-east-1';

const SCOPE = /Credential=[^/\s,]+\/\d{8}\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request/;

export function credentialScope(
  headers: Record<string, string | undefined>,
  query: URLSearchParams,
): { region: string; service: string } | undefined {
  const fromHeader = headers.authorization ? SCOPE.exec(headers.authorization) : null;
  if (fromHeader) return { region: fromHeader[1]!, service: fromHeader[2]! };
  const presigned = query.get('X-Amz-Credential');
  if (presigned) {
    const parts = presigned.split('/');
    if (parts.length === 5 && parts[4] === 'aws4_request') return { region: parts[2]!, service: parts[3]! };
  }
  return undefined;
}

const LAMBDA_PATH = /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings|layers|tags|account-settings)(\/|$)/;

export function resolveService(
  path: string,
  headers: Record<string, string | undefined>,
  query: URLSearchParams,
  form: URLSearchParams | undefined,
): ResolvedService {
  const scope = credentialScope(headers, query);
  if (scope) return { signingName: scope.service, region: scope.region, via: 'credential-scope' };
  const target = parseJsonTarget(headers['x-amz-target']);
  if (target) {
    // An unknown prefix names the service it is for, so the "not emulated" log line can say which.
    const service = JSON_SERVICE_BY_TARGET_PREFIX[target.prefix] ?? target.prefix;
    return { signingName: service, region: DEFAULT_REGION, via: 'target' };
  }
  if (LAMBDA_PATH.test(path)) return { signingName: 'lambda', region: DEFAULT_REGION, via: 'path' };
  const version = form?.get('Version') ?? query.get('Version');
  if (version && (form?.has('Action') || query.has('Action'))) {
    const service = QUERY_SERVICE_BY_VERSION[version];
    if (service) return { signingName: service, region: DEFAULT_REGION, via: 'query-version' };
  }
  return { signingName: 's3', region: DEFAULT_REGION, via: 'default' };
}
