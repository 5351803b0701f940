/**
 * The S3 subset stp needs for assets, over REST-XML with path-style addressing
 * (`/<bucket>/<key>`; the SDK uses forcePathStyle with a custom endpoint): buckets (create with or
 * without LocationConstraint, head, delete, location, list), bucket configurations stored as sent
 * (public access block, encryption, versioning, tagging, policy, ownership controls, lifecycle,
 * CORS, notification — events are not delivered), objects (put with aws-chunked bodies and
 * checksum checks, get with ranges and conditions, head, delete, copy, multi-delete,
 * ListObjectsV2/ListObjects). Anything else (multipart uploads, ACLs, object tagging,
 * virtual-hosted addressing) is answered NotImplemented.
 *
 * Every bucket has an owner (the account that created it; see server/caller-account.ts for how a
 * request names its account), and ExpectedBucketOwner is honoured: bucket-access.ts.
 */
import { createHash } from 'node:crypto';
import { AwsServiceError } from '../../core/aws-error.js';
import type { HttpRequestData, HttpResponseData, S3Backend } from '../../core/backends.js';
import type { RestEmulatorService } from '../../core/rest-service.js';
import type { EmulatorRuntimeContext } from '../../core/runtime-context.js';
import type { RequestInfo } from '../../core/service.js';
import { UnsupportedOperationError } from '../../core/unsupported-operation.js';
import { parseXml, type XmlNode } from '../../protocols/xml-reader.js';
import { escapeXml } from '../../protocols/xml-writer.js';
import { AwsChunkedError, decodeAwsChunked, isAwsChunked } from './aws-chunked.js';
import { checkBucketAccess } from './bucket-access.js';
import { BucketStore, crc32Base64, noSuchBucket, S3Error, type Bucket, type StoredObject } from './bucket-store.js';

const S3_NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const STORED_HEADERS = ['content-type', 'cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires'];

/** Bucket configurations kept as raw XML, by query subresource; the value names the operation suffix and the "missing" error. */
const BUCKET_CONFIGS: Record<string, { name: string; missing?: [code: string, message: string]; empty?: string }> = {
  publicAccessBlock: {
    name: 'PublicAccessBlock',
    missing: ['NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found'],
  },
  encryption: {
    name: 'BucketEncryption',
    // New buckets are encrypted with SSE-S3 by default.
    empty:
      `<ServerSideEncryptionConfiguration xmlns="${S3_NS}"><Rule><ApplyServerSideEncryptionByDefault>` +
      `<SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>false</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`,
  },
  versioning: { name: 'BucketVersioning', empty: `<VersioningConfiguration xmlns="${S3_NS}"/>` },
  tagging: { name: 'BucketTagging', missing: ['NoSuchTagSet', 'The TagSet does not exist'] },
  policy: { name: 'BucketPolicy', missing: ['NoSuchBucketPolicy', 'The bucket policy does not exist'] },
  ownershipControls: {
    name: 'BucketOwnershipControls',
    missing: ['OwnershipControlsNotFoundError', 'The bucket ownership controls were not found'],
  },
  lifecycle: {
    name: 'BucketLifecycleConfiguration',
    missing: ['NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist'],
  },
  cors: { name: 'BucketCors', missing: ['NoSuchCORSConfiguration', 'The CORS configuration does not exist'] },
  // Stored as sent (stp's S3-notifications custom resource reads and writes it); the local cloud
  // does not deliver the events to their destinations.
  notification: { name: 'BucketNotificationConfiguration', empty: `<NotificationConfiguration xmlns="${S3_NS}"/>` },
};

/** Query parameters that name an operation we do not implement. */
const UNSUPPORTED_SUBRESOURCES = [
  'acl', 'uploads', 'uploadId', 'tagging', 'versions', 'website', 'logging', 'replication',
  'requestPayment', 'accelerate', 'analytics', 'inventory', 'metrics', 'intelligent-tiering', 'object-lock',
  'legal-hold', 'retention', 'restore', 'select', 'attributes', 'torrent',
];

function xmlDoc(body: string): HttpResponseData {
  return { status: 200, headers: { 'content-type': 'application/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` };
}

function el(name: string, value: string | number | boolean | undefined): string {
  return value === undefined ? '' : `<${name}>${escapeXml(String(value))}</${name}>`;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new S3Error('InvalidURI', "Couldn't parse the specified URI.", 400);
  }
}

function splitPath(path: string): { bucket?: string; key?: string } {
  const trimmed = path.replace(/^\/+/, '');
  if (trimmed === '') return {};
  const slash = trimmed.indexOf('/');
  if (slash < 0) return { bucket: decodePathPart(trimmed) };
  const key = trimmed.slice(slash + 1);
  return { bucket: decodePathPart(trimmed.slice(0, slash)), key: key === '' ? undefined : decodePathPart(key) };
}

function validBucketName(name: string): boolean {
  return (
    name.length >= 3 &&
    name.length <= 63 &&
    /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(name)
  );
}

function textOf(node: XmlNode | XmlNode[] | undefined): string | undefined {
  if (node === undefined) return undefined;
  if (Array.isArray(node)) return textOf(node[0]);
  return typeof node === 'string' ? node : undefined;
}

function asList(node: XmlNode | XmlNode[] | undefined): XmlNode[] {
  if (node === undefined) return [];
  return Array.isArray(node) ? node : [node];
}

function parseBody(body: Buffer, what: string): { name: string; value: XmlNode } {
  try {
    return parseXml(body.toString('utf8'));
  } catch (error) {
    throw new S3Error('MalformedXML', `The XML you provided was not well-formed or did not validate against our published schema (${what}: ${(error as Error).message}).`, 400);
  }
}

function operationOf(request: HttpRequestData): string {
  const { bucket, key } = splitPath(request.path);
  const q = request.query;
  const m = request.method;
  if (!bucket) return m === 'GET' ? 'ListBuckets' : `${m} /`;
  if (key === undefined) {
    for (const [sub, config] of Object.entries(BUCKET_CONFIGS)) {
      if (q.has(sub)) return `${m === 'PUT' ? 'Put' : m === 'DELETE' ? 'Delete' : 'Get'}${config.name}`;
    }
    if (q.has('location')) return 'GetBucketLocation';
    if (m === 'POST' && q.has('delete')) return 'DeleteObjects';
    const sub = UNSUPPORTED_SUBRESOURCES.find((name) => q.has(name));
    if (sub) return `${m} bucket ?${sub}`;
    if (m === 'PUT') return 'CreateBucket';
    if (m === 'HEAD') return 'HeadBucket';
    if (m === 'DELETE') return 'DeleteBucket';
    if (m === 'GET') return q.get('list-type') === '2' ? 'ListObjectsV2' : 'ListObjects';
    return `${m} bucket`;
  }
  const sub = UNSUPPORTED_SUBRESOURCES.find((name) => q.has(name));
  if (sub) {
    if (sub === 'uploads' && m === 'POST') return 'CreateMultipartUpload';
    if (sub === 'uploadId') return m === 'PUT' ? 'UploadPart' : m === 'POST' ? 'CompleteMultipartUpload' : m === 'DELETE' ? 'AbortMultipartUpload' : 'ListParts';
    return `${m} object ?${sub}`;
  }
  if (m === 'PUT') return request.headers['x-amz-copy-source'] ? 'CopyObject' : 'PutObject';
  if (m === 'GET') return 'GetObject';
  if (m === 'HEAD') return 'HeadObject';
  if (m === 'DELETE') return 'DeleteObject';
  return `${m} object`;
}

export interface S3ServiceHandle {
  service: RestEmulatorService;
  backend: S3Backend;
  store: BucketStore;
}

export function createS3Service(ctx: EmulatorRuntimeContext): S3ServiceHandle {
  const store = new BucketStore(ctx.state, () => ctx.clock.now(), (line) => ctx.log(line), 'us-east-1', ctx.accountId);

  const objectHeaders = (object: StoredObject): Record<string, string> => {
    const headers: Record<string, string> = {
      ETag: object.etag,
      'Last-Modified': new Date(object.lastModified).toUTCString(),
      'Accept-Ranges': 'bytes',
      'x-amz-server-side-encryption': 'AES256',
      'content-type': object.headers['content-type'] ?? 'binary/octet-stream',
    };
    for (const [name, value] of Object.entries(object.headers)) headers[name] = value;
    for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
    return headers;
  };

  /** Decodes aws-chunked framing and checks any checksum the client sent. */
  const requestPayload = (request: HttpRequestData): { body: Buffer; checksums: Record<string, string> } => {
    let body = request.body;
    const checksums: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.startsWith('x-amz-checksum-') && name !== 'x-amz-checksum-type' && value) checksums[name] = value;
    }
    if (isAwsChunked(request.headers)) {
      try {
        const decoded = decodeAwsChunked(body);
        body = decoded.body;
        for (const [name, value] of Object.entries(decoded.trailers)) if (name.startsWith('x-amz-checksum-')) checksums[name] = value;
      } catch (error) {
        if (error instanceof AwsChunkedError) throw new S3Error('InvalidRequest', `Invalid aws-chunked body: ${error.message}`, 400);
        throw error;
      }
      const declared = request.headers['x-amz-decoded-content-length'];
      if (declared !== undefined && Number(declared) !== body.length) {
        throw new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400);
      }
    }
    const md5 = request.headers['content-md5'];
    if (md5 && createHash('md5').update(body).digest('base64') !== md5) {
      throw new S3Error('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
    }
    const expected: Record<string, () => string> = {
      'x-amz-checksum-crc32': () => crc32Base64(body),
      'x-amz-checksum-sha1': () => createHash('sha1').update(body).digest('base64'),
      'x-amz-checksum-sha256': () => createHash('sha256').update(body).digest('base64'),
    };
    for (const [name, value] of Object.entries(checksums)) {
      const compute = expected[name];
      if (compute && compute() !== value) {
        const algorithm = name.slice('x-amz-checksum-'.length).toUpperCase();
        throw new S3Error('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
      }
    }
    return { body, checksums };
  };

  const requireObject = (bucket: Bucket, key: string): StoredObject => {
    const object = bucket.objects.get(key);
    if (!object) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
    return object;
  };

  const conditional = (request: HttpRequestData, object: StoredObject): HttpResponseData | undefined => {
    const ifMatch = request.headers['if-match'];
    if (ifMatch && ifMatch !== '*' && !ifMatch.split(',').map((tag) => tag.trim()).includes(object.etag)) {
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-Match' });
    }
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && (ifNoneMatch === '*' || ifNoneMatch.split(',').map((tag) => tag.trim()).includes(object.etag))) {
      return { status: 304, headers: { ETag: object.etag, 'Last-Modified': new Date(object.lastModified).toUTCString() } };
    }
    return undefined;
  };

  const getOrHeadObject = (request: HttpRequestData, bucket: Bucket, key: string, head: boolean): HttpResponseData => {
    const object = head ? bucket.objects.get(key) : requireObject(bucket, key);
    if (!object) return { status: 404 };
    const notModified = conditional(request, object);
    if (notModified) return notModified;
    const headers = objectHeaders(object);
    const checksumMode = request.headers['x-amz-checksum-mode'] === 'ENABLED';
    const range = request.headers.range;
    if (range) {
      const match = /^bytes=(\d*)-(\d*)$/.exec(range.trim());
      let start: number;
      let end = object.size - 1;
      if (match && (match[1] !== '' || match[2] !== '')) {
        if (match[1] === '') start = Math.max(0, object.size - Number(match[2]));
        else {
          start = Number(match[1]);
          if (match[2] !== '') end = Math.min(end, Number(match[2]));
        }
        if (start >= object.size || start > end) {
          throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: range, ActualObjectSize: String(object.size) });
        }
        headers['Content-Range'] = `bytes ${start}-${end}/${object.size}`;
        headers['Content-Length'] = String(end - start + 1);
        return { status: 206, headers, body: head ? undefined : store.readBody(object).subarray(start, end + 1) };
      }
    }
    if (checksumMode) {
      headers['x-amz-checksum-crc32'] = object.crc32;
      headers['x-amz-checksum-type'] = 'FULL_OBJECT';
    }
    headers['Content-Length'] = String(object.size);
    return { status: 200, headers, body: head ? undefined : store.readBody(object) };
  };

  const listObjects = (request: HttpRequestData, bucket: Bucket, v2: boolean): HttpResponseData => {
    const q = request.query;
    const prefix = q.get('prefix') ?? '';
    const delimiter = q.get('delimiter') ?? '';
    const maxKeysRaw = q.get('max-keys');
    const maxKeys = maxKeysRaw === null ? 1000 : Math.min(1000, Number(maxKeysRaw));
    if (!Number.isInteger(maxKeys) || maxKeys < 0) throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
    const encodingType = q.get('encoding-type') ?? undefined;
    if (encodingType !== undefined && encodingType !== 'url') throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', 400);
    const encode = (value: string) => (encodingType === 'url' ? encodeURIComponent(value).replace(/%2F/g, '/') : value);
    const token = v2 ? q.get('continuation-token') : null;
    let after = v2 ? (q.get('start-after') ?? '') : (q.get('marker') ?? '');
    if (token !== null) {
      const decoded = Buffer.from(token, 'base64url').toString('utf8');
      if (!decoded.startsWith('k:')) throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', 400);
      after = decoded.slice(2);
    }
    const keys = [...bucket.objects.keys()].filter((key) => key.startsWith(prefix) && key > after).sort();
    const contents: StoredObject[] = [];
    const commonPrefixes: string[] = [];
    let truncated = false;
    let lastReturned = '';
    for (const key of keys) {
      if (key <= lastReturned) continue;
      if (contents.length + commonPrefixes.length >= maxKeys) {
        truncated = true;
        break;
      }
      const rest = key.slice(prefix.length);
      const cut = delimiter === '' ? -1 : rest.indexOf(delimiter);
      if (cut >= 0) {
        const common = prefix + rest.slice(0, cut + delimiter.length);
        commonPrefixes.push(common);
        // Skip every key under this common prefix.
        lastReturned = `${common}\uffff`;
      } else {
        contents.push(bucket.objects.get(key)!);
        lastReturned = key;
      }
    }
    let xml = `<ListBucketResult xmlns="${S3_NS}">${el('Name', bucket.name)}${el('Prefix', encode(prefix))}`;
    if (v2) {
      if (token !== null) xml += el('ContinuationToken', token);
      if (q.get('start-after')) xml += el('StartAfter', encode(q.get('start-after')!));
      xml += el('KeyCount', contents.length + commonPrefixes.length);
    } else {
      xml += el('Marker', encode(q.get('marker') ?? ''));
    }
    xml += el('MaxKeys', maxKeys);
    if (delimiter !== '') xml += el('Delimiter', encode(delimiter));
    if (encodingType) xml += el('EncodingType', encodingType);
    xml += el('IsTruncated', truncated);
    if (truncated) {
      if (v2) xml += el('NextContinuationToken', Buffer.from(`k:${lastReturned}`).toString('base64url'));
      else if (delimiter !== '') xml += el('NextMarker', encode(lastReturned));
    }
    for (const object of contents) {
      xml +=
        `<Contents>${el('Key', encode(object.key))}${el('LastModified', object.lastModified)}${el('ETag', object.etag)}` +
        `${el('ChecksumAlgorithm', 'CRC32')}${el('ChecksumType', 'FULL_OBJECT')}${el('Size', object.size)}` +
        (v2 ? '' : `<Owner>${el('ID', bucket.owner)}</Owner>`) +
        `${el('StorageClass', 'STANDARD')}</Contents>`;
    }
    for (const common of commonPrefixes) xml += `<CommonPrefixes>${el('Prefix', encode(common))}</CommonPrefixes>`;
    return xmlDoc(`${xml}</ListBucketResult>`);
  };

  const createBucket = (request: HttpRequestData, name: string, info: RequestInfo): HttpResponseData => {
    if (!validBucketName(name)) throw new S3Error('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
    let constraint: string | undefined;
    if (request.body.length > 0) {
      const doc = parseBody(request.body, 'CreateBucketConfiguration');
      const config = typeof doc.value === 'object' ? doc.value : {};
      constraint = textOf(config.LocationConstraint) || undefined;
    }
    const region = info.region;
    if (constraint === undefined && region !== 'us-east-1') {
      throw new S3Error('IllegalLocationConstraintException', 'The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.', 400);
    }
    if (constraint !== undefined && region === 'us-east-1' && constraint === 'us-east-1') {
      throw new S3Error('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: constraint });
    }
    if (constraint !== undefined && constraint !== region) {
      throw new S3Error('IllegalLocationConstraintException', `The ${constraint} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
    }
    const existing = store.buckets.get(name);
    if (existing && existing.owner !== info.accountId) {
      throw new S3Error(
        'BucketAlreadyExists',
        'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
        409,
        { BucketName: name },
      );
    }
    if (existing) {
      // us-east-1 keeps the legacy behaviour: re-creating your own bucket succeeds.
      if (region === 'us-east-1' && existing.region === 'us-east-1') return { status: 200, headers: { Location: `/${name}` } };
      throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: name });
    }
    store.createBucket(name, constraint ?? 'us-east-1', info.accountId);
    return { status: 200, headers: { Location: `/${name}` } };
  };

  const bucketConfig = (request: HttpRequestData, bucket: Bucket, sub: string): HttpResponseData => {
    const config = BUCKET_CONFIGS[sub]!;
    if (request.method === 'PUT') {
      const text = request.body.toString('utf8');
      if (sub !== 'policy') parseBody(request.body, config.name);
      else {
        try {
          JSON.parse(text);
        } catch {
          throw new S3Error('MalformedPolicy', 'Policies must be valid JSON and the first byte must be \'{\'', 400);
        }
      }
      bucket.configs[sub] = text;
      ctx.state.markDirty();
      return { status: 200 };
    }
    if (request.method === 'DELETE') {
      delete bucket.configs[sub];
      ctx.state.markDirty();
      return { status: 204 };
    }
    const stored = bucket.configs[sub];
    if (stored !== undefined) {
      return sub === 'policy'
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: stored }
        : { status: 200, headers: { 'content-type': 'application/xml' }, body: stored };
    }
    if (config.empty !== undefined) return xmlDoc(config.empty);
    const [code, message] = config.missing!;
    throw new S3Error(code, message, 404, { BucketName: bucket.name });
  };

  const deleteObjects = (request: HttpRequestData, bucket: Bucket): HttpResponseData => {
    const doc = parseBody(request.body, 'Delete');
    const root = typeof doc.value === 'object' ? doc.value : {};
    const quiet = textOf(root.Quiet) === 'true';
    let xml = `<DeleteResult xmlns="${S3_NS}">`;
    for (const item of asList(root.Object)) {
      const key = typeof item === 'object' ? textOf(item.Key) : undefined;
      if (key === undefined) continue;
      store.removeObject(bucket, key);
      if (!quiet) xml += `<Deleted>${el('Key', key)}</Deleted>`;
    }
    return xmlDoc(`${xml}</DeleteResult>`);
  };

  const copyObject = (request: HttpRequestData, bucket: Bucket, key: string, caller: string): HttpResponseData => {
    const source = decodePathPart(request.headers['x-amz-copy-source']!.split('?')[0]!).replace(/^\/+/, '');
    const slash = source.indexOf('/');
    if (slash <= 0) throw new S3Error('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400);
    const sourceBucket = store.buckets.get(source.slice(0, slash));
    if (!sourceBucket) throw noSuchBucket(source.slice(0, slash));
    checkBucketAccess(sourceBucket, caller, request.headers, 'data', 'x-amz-source-expected-bucket-owner');
    const sourceObject = requireObject(sourceBucket, source.slice(slash + 1));
    const replace = request.headers['x-amz-metadata-directive'] === 'REPLACE';
    const { headers, metadata } = replace ? headersAndMetadata(request) : { headers: sourceObject.headers, metadata: sourceObject.metadata };
    const copied = store.storeObject(bucket, key, store.readBody(sourceObject), headers, metadata);
    return xmlDoc(`<CopyObjectResult xmlns="${S3_NS}">${el('LastModified', copied.lastModified)}${el('ETag', copied.etag)}</CopyObjectResult>`);
  };

  const putObject = (request: HttpRequestData, bucket: Bucket, key: string): HttpResponseData => {
    const { body, checksums } = requestPayload(request);
    const existing = bucket.objects.get(key);
    if (request.headers['if-none-match'] === '*' && existing) {
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-None-Match' });
    }
    if (request.headers['if-match'] && (!existing || existing.etag !== request.headers['if-match'])) {
      if (!existing) throw new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key });
      throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-Match' });
    }
    const { headers, metadata } = headersAndMetadata(request);
    const object = store.storeObject(bucket, key, body, headers, metadata);
    const responseHeaders: Record<string, string> = { ETag: object.etag, 'x-amz-server-side-encryption': 'AES256' };
    for (const [name, value] of Object.entries(checksums)) responseHeaders[name] = value;
    return { status: 200, headers: responseHeaders };
  };

  const handleHttp = async (request: HttpRequestData, info: RequestInfo): Promise<HttpResponseData> => {
    const operation = operationOf(request);
    const { bucket: bucketName, key } = splitPath(request.path);
    const m = request.method;
    if (!bucketName) {
      if (operation !== 'ListBuckets') throw new UnsupportedOperationError('s3', operation);
      // ListBuckets lists the caller's own buckets only.
      const buckets = [...store.buckets.values()].filter((b) => b.owner === info.accountId).sort((a, b) => (a.name < b.name ? -1 : 1));
      return xmlDoc(
        `<ListAllMyBucketsResult xmlns="${S3_NS}"><Owner>${el('ID', info.accountId)}${el('DisplayName', 'local')}</Owner><Buckets>` +
          buckets.map((b) => `<Bucket>${el('Name', b.name)}${el('CreationDate', b.creationDate)}${el('BucketRegion', b.region)}</Bucket>`).join('') +
          `</Buckets></ListAllMyBucketsResult>`,
      );
    }
    if (operation === 'CreateBucket') return createBucket(request, bucketName, info);
    if (operation === 'HeadBucket') {
      const bucket = store.buckets.get(bucketName);
      if (!bucket) return { status: 404 };
      checkBucketAccess(bucket, info.accountId, request.headers, 'data');
      return { status: 200, headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
    }
    const bucket = store.requireBucket(bucketName);
    if (key === undefined) {
      const configSub = Object.keys(BUCKET_CONFIGS).find((sub) => request.query.has(sub));
      checkBucketAccess(bucket, info.accountId, request.headers, configSub !== undefined || operation === 'DeleteBucket' ? 'configuration' : 'data');
      if (configSub) return bucketConfig(request, bucket, configSub);
      switch (operation) {
        case 'DeleteBucket':
          store.deleteBucket(bucketName);
          return { status: 204 };
        case 'GetBucketLocation':
          return xmlDoc(
            bucket.region === 'us-east-1'
              ? `<LocationConstraint xmlns="${S3_NS}"/>`
              : `<LocationConstraint xmlns="${S3_NS}">${escapeXml(bucket.region)}</LocationConstraint>`,
          );
        case 'ListObjectsV2':
          return listObjects(request, bucket, true);
        case 'ListObjects':
          return listObjects(request, bucket, false);
        case 'DeleteObjects':
          return deleteObjects(request, bucket);
        default:
          throw new UnsupportedOperationError('s3', operation);
      }
    }
    checkBucketAccess(bucket, info.accountId, request.headers, 'data');
    switch (operation) {
      case 'PutObject':
        return putObject(request, bucket, key);
      case 'CopyObject':
        return copyObject(request, bucket, key, info.accountId);
      case 'GetObject':
      case 'HeadObject':
        return getOrHeadObject(request, bucket, key, m === 'HEAD');
      case 'DeleteObject':
        store.removeObject(bucket, key);
        return { status: 204 };
      default:
        throw new UnsupportedOperationError('s3', operation);
    }
  };

  const service: RestEmulatorService = {
    signingName: 's3',
    operationFor: (request) => {
      try {
        return operationOf(request);
      } catch {
        return undefined;
      }
    },
    async handle(operation) {
      throw new UnsupportedOperationError('s3', operation, 'S3 is served over REST only');
    },
    async handleHttp(request, info) {
      try {
        return await handleHttp(request, info);
      } catch (error) {
        if (!(error instanceof AwsServiceError)) throw error;
        // HEAD responses carry no body; the SDK maps the bare status (404 → NotFound).
        if (request.method === 'HEAD') return { status: error.status };
        const fields = error instanceof S3Error ? error.fields : {};
        let extra = '';
        for (const [name, value] of Object.entries(fields)) extra += el(name, value);
        return {
          status: error.status,
          headers: { 'content-type': 'application/xml' },
          body:
            `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${el('Code', error.code)}${el('Message', error.message)}${extra}` +
            `${el('RequestId', info.requestId)}<HostId>${escapeXml(info.requestId)}</HostId></Error>`,
        };
      }
    },
  };
  return { service, backend: store, store };
}

function headersAndMetadata(request: HttpRequestData): { headers: Record<string, string>; metadata: Record<string, string> } {
  const headers: Record<string, string> = {};
  const metadata: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let value = request.headers[name];
    if (name === 'content-encoding' && value) {
      value = value.split(',').map((part) => part.trim()).filter((part) => part !== 'aws-chunked').join(', ');
    }
    if (value) headers[name] = value;
  }
  headers['content-type'] ??= 'binary/octet-stream';
  for (const [name, value] of Object.entries(request.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return { headers, metadata };
}
