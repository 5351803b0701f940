/**
 * Dynamic references: `{{resolve:ssm:name[:version]}}`, `{{resolve:ssm-secure:name[:version]}}`
 * and `{{resolve:secretsmanager:secret-id[:SecretString[:json-key[:version-stage[:version-id]]]]}}`.
 *
 * CloudFormation resolves them when it provisions a resource, after the intrinsic functions (so a
 * reference built with Fn::Join or Fn::Sub works), and never shows the resolved value: the template,
 * change sets, stack events and the recorded properties keep the reference as written. Change sets
 * therefore compare the references, not the values (a changed secret alone is no change).
 */
import { AwsServiceError } from '../../../core/aws-error.js';

const DYNAMIC_REFERENCE = /\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}/g;

export function isDynamicReference(value: string): boolean {
  return value.includes('{{resolve:');
}

/** Replaces each reference in a string; a resolver answering undefined leaves the reference as written. */
export function resolveDynamicReferences(value: string, resolver?: (reference: string) => string | undefined): string {
  if (!resolver) return value;
  return value.replace(DYNAMIC_REFERENCE, (reference) => resolver(reference) ?? reference);
}

export type DynamicReference =
  | { service: 'ssm' | 'ssm-secure'; text: string; name: string; version?: number }
  | { service: 'secretsmanager'; text: string; secretId: string; jsonKey?: string; versionStage?: string; versionId?: string };

/** Parses one `{{resolve:…}}`; a malformed one is CloudFormation's ValidationError. */
export function parseDynamicReference(text: string): DynamicReference {
  const match = /^\{\{resolve:(ssm|ssm-secure|secretsmanager):([^}]*)\}\}$/.exec(text);
  if (!match) throw new AwsServiceError('ValidationError', `Incorrect format is used in the following dynamic reference: [${text}]`);
  const service = match[1] as DynamicReference['service'];
  const body = match[2]!;
  if (service === 'secretsmanager') return parseSecretsManagerReference(text, body);
  // A parameter ARN holds colons of its own: arn:aws:ssm:REGION:ACCOUNT:parameter/NAME[:VERSION].
  const parts = body.split(':');
  const nameParts = body.startsWith('arn:') ? 6 : 1;
  const name = parts.slice(0, nameParts).join(':');
  const rest = parts.slice(nameParts);
  const badFormat = () => new AwsServiceError('ValidationError', `Incorrect format is used in the following SSM reference: [${text}]`);
  if (name === '' || rest.length > 1) throw badFormat();
  if (rest.length === 1) {
    if (!/^\d+$/.test(rest[0]!)) throw badFormat();
    return { service, text, name, version: Number(rest[0]) };
  }
  return { service, text, name };
}

function parseSecretsManagerReference(text: string, body: string): DynamicReference {
  // A secret ARN holds colons of its own: arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-XXXXXX.
  const parts = body.split(':');
  const idParts = body.startsWith('arn:') ? 7 : 1;
  const secretId = parts.slice(0, idParts).join(':');
  const [secretString, jsonKey, versionStage, versionId, ...extra] = parts.slice(idParts);
  const bad = (why: string) => new AwsServiceError('ValidationError', `Incorrect format is used in the following Secrets Manager reference: [${text}]: ${why}`);
  if (secretId === '') throw bad('the secret id is required');
  if (extra.length > 0) throw bad('too many segments');
  if (secretString !== undefined && secretString !== '' && secretString !== 'SecretString') throw bad('only SecretString is supported');
  if (versionStage && versionId) throw bad('version-stage and version-id are mutually exclusive');
  return {
    service: 'secretsmanager',
    text,
    secretId,
    ...(jsonKey ? { jsonKey } : {}),
    ...(versionStage ? { versionStage } : {}),
    ...(versionId ? { versionId } : {}),
  };
}

/** Every reference written in a value (strings anywhere inside it, intrinsic functions included). */
export function dynamicReferencesIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') {
    for (const match of value.matchAll(DYNAMIC_REFERENCE)) found.push(match[0]);
  } else if (Array.isArray(value)) {
    for (const item of value) dynamicReferencesIn(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) dynamicReferencesIn(item, found);
  }
  return found;
}

/** Resolves the references in every string of an already intrinsic-resolved value. */
export function resolveDynamicReferencesDeep(value: unknown, resolver: (reference: string) => string | undefined): unknown {
  if (typeof value === 'string') return isDynamicReference(value) ? resolveDynamicReferences(value, resolver) : value;
  if (Array.isArray(value)) return value.map((item) => resolveDynamicReferencesDeep(item, resolver));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, resolveDynamicReferencesDeep(item, resolver)]));
  }
  return value;
}

/**
 * The properties where AWS accepts `ssm-secure` references (AWS's documented list); anywhere else
 * the change set fails with "SSM Secure reference is not supported in: [Type/Properties/Path]".
 */
const SSM_SECURE_PROPERTIES: Record<string, string[]> = {
  'AWS::DirectoryService::MicrosoftAD': ['Password'],
  'AWS::DirectoryService::SimpleAD': ['Password'],
  'AWS::ElastiCache::ReplicationGroup': ['AuthToken'],
  'AWS::IAM::User': ['LoginProfile/Password'],
  'AWS::KinesisFirehose::DeliveryStream': ['RedshiftDestinationConfiguration/Password'],
  'AWS::OpsWorks::App': ['AppSource/Password'],
  'AWS::OpsWorks::Stack': ['CustomCookbooksSource/Password', 'RdsDbInstances/DbPassword'],
  'AWS::RDS::DBCluster': ['MasterUserPassword'],
  'AWS::RDS::DBInstance': ['MasterUserPassword'],
  'AWS::Redshift::Cluster': ['MasterUserPassword'],
};

/** Throws (ValidationError, the change set's StatusReason) for ssm-secure references outside the allowed properties. */
export function checkSsmSecurePlacement(resources: Record<string, { Type: string; Properties?: unknown }>): void {
  const misplaced: string[] = [];
  for (const resource of Object.values(resources)) {
    const allowed = SSM_SECURE_PROPERTIES[resource.Type] ?? [];
    walkProperties(resource.Properties, [], (path, text) => {
      if (!text.includes('{{resolve:ssm-secure:')) return;
      const property = path.filter((segment) => !/^\d+$/.test(segment)).join('/');
      if (!allowed.includes(property)) misplaced.push(`${resource.Type}/Properties/${path.join('/')}`);
    });
  }
  if (misplaced.length > 0) throw new AwsServiceError('ValidationError', `SSM Secure reference is not supported in: [${misplaced.join(',')}]`);
}

/** Calls `visit` for each string with its property path; intrinsic functions add nothing to the path. */
function walkProperties(value: unknown, path: string[], visit: (path: string[], text: string) => void): void {
  if (typeof value === 'string') return visit(path, value);
  if (Array.isArray(value)) return value.forEach((item, index) => walkProperties(item, [...path, String(index)], visit));
  if (value === null || typeof value !== 'object') return;
  const entries = Object.entries(value);
  const first = entries[0];
  if (entries.length === 1 && first && (first[0] === 'Ref' || first[0].startsWith('Fn::'))) {
    return walkIntrinsic(first[1], path, visit);
  }
  for (const [key, item] of entries) walkProperties(item, [...path, key], visit);
}

function walkIntrinsic(args: unknown, path: string[], visit: (path: string[], text: string) => void): void {
  if (typeof args === 'string') return visit(path, args);
  if (Array.isArray(args)) return args.forEach((item) => walkIntrinsic(item, path, visit));
  walkProperties(args, path, visit);
}
