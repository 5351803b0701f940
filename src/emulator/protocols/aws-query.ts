/**
 * The awsQuery protocol (CloudFormation, STS): form-encoded requests, XML responses.
 *
 * Decoding is model-less, by the query serialisation rules:
 * - `A.B=v` → `{ A: { B: 'v' } }`
 * - `A.member.N...` (and the flattened `A.N...`) → arrays ordered by N
 * - `A.entry.N.key` / `A.entry.N.value` → `{ A: { [key]: value } }`
 * - every leaf stays a string (the service converts numbers and booleans it expects);
 * - an empty list arrives as `A=` (the SDK's serializeEmptyLists) and decodes to `''`, which a
 *   service reading a list must treat as empty.
 *
 * Encoding: `<OpResponse xmlns><OpResult>…</OpResult><ResponseMetadata><RequestId/></…></OpResponse>`
 * (see xml-writer.ts for value rules) and `<ErrorResponse><Error><Type/><Code/><Message/></Error>
 * <RequestId/></ErrorResponse>`.
 */
import type { HttpResponseData } from '../core/backends.js';
import type { AwsServiceError } from '../core/aws-error.js';
import { encodeXmlValue, escapeXml, xmlElement } from './xml-writer.js';

export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };

type RawTree = { [key: string]: RawTree | string };

function isIndex(key: string): boolean {
  return /^[1-9][0-9]*$/.test(key);
}

function normalise(node: RawTree | string): QueryValue {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && keys[0] === 'member' && typeof node.member === 'object') {
    return normaliseList(node.member);
  }
  if (keys.length === 1 && keys[0] === 'entry' && typeof node.entry === 'object') {
    const map: Record<string, QueryValue> = {};
    for (const index of Object.keys(node.entry).filter(isIndex).sort((a, b) => Number(a) - Number(b))) {
      const entry: RawTree | string | undefined = node.entry[index];
      if (typeof entry !== 'object') continue;
      const key = entry.key ?? entry.Key ?? entry.Name;
      const value = entry.value ?? entry.Value;
      if (typeof key === 'string' && value !== undefined) map[key] = normalise(value);
    }
    return map;
  }
  if (keys.length > 0 && keys.every(isIndex)) return normaliseList(node);
  const out: Record<string, QueryValue> = {};
  for (const key of keys) out[key] = normalise(node[key]!);
  return out;
}

function normaliseList(node: RawTree | string): QueryValue[] {
  if (typeof node === 'string') return [];
  return Object.keys(node)
    .filter(isIndex)
    .sort((a, b) => Number(a) - Number(b))
    .map((index) => normalise(node[index]!));
}

/** Decodes form parameters (minus Action and Version) into a nested input object. */
export function decodeQueryParams(params: URLSearchParams): { action?: string; version?: string; input: Record<string, QueryValue> } {
  const root: RawTree = {};
  let action: string | undefined;
  let version: string | undefined;
  for (const [name, value] of params) {
    if (name === 'Action') {
      action = value;
      continue;
    }
    if (name === 'Version') {
      version = value;
      continue;
    }
    const path = name.split('.');
    let node: RawTree = root;
    for (let i = 0; i < path.length - 1; i++) {
      const segment = path[i]!;
      const next = node[segment];
      if (typeof next === 'object') node = next;
      else {
        const created: RawTree = {};
        node[segment] = created;
        node = created;
      }
    }
    const leaf = path[path.length - 1]!;
    // A later `A.member.1` must win over an earlier empty-list `A=`.
    if (typeof node[leaf] !== 'object') node[leaf] = value;
  }
  return { action, version, input: normalise(root) as Record<string, QueryValue> };
}

export function encodeQueryResponse(operation: string, xmlns: string, result: unknown, requestId: string): HttpResponseData {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<${operation}Response xmlns="${escapeXml(xmlns)}">` +
    `<${operation}Result>${encodeXmlValue(result)}</${operation}Result>` +
    `<ResponseMetadata>${xmlElement('RequestId', escapeXml(requestId))}</ResponseMetadata>` +
    `</${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function encodeQueryError(error: AwsServiceError, xmlns: string, requestId: string): HttpResponseData {
  const body =
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<ErrorResponse xmlns="${escapeXml(xmlns)}">` +
    `<Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
    `<RequestId>${escapeXml(requestId)}</RequestId>` +
    `</ErrorResponse>`;
  return { status: error.status, headers: { 'content-type': 'text/xml' }, body };
}

/** XML namespaces of the query services, by signing name (the SDK ignores them; AWS sends them). */
export const QUERY_XML_NAMESPACES: Record<string, string> = {
  cloudformation: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  elasticloadbalancing: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

/** Which service a query request belongs to when it is unsigned, by its Version parameter. */
export const QUERY_SERVICE_BY_VERSION: Record<string, string> = {
  '2010-05-15': 'cloudformation',
  '2011-06-15': 'sts',
  '2015-12-01': 'elasticloadbalancing',
  '2010-05-08': 'iam',
  '2016-11-15': 'ec2',
};
