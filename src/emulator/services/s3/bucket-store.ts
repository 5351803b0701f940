/**
 * The data of the local S3: buckets and object metadata in the state store (namespace `s3`),
 * object bodies as files under `<stateDir>/blobs/s3/` (one file per stored object version,
 * written atomically before the metadata points at it).
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { AwsServiceError } from '../../core/aws-error.js';
import type { S3Backend } from '../../core/backends.js';
import type { StateStore } from '../../state/state-store.js';
import { writeFileAtomicSync } from '../../state/state-store.js';

export interface StoredObject {
  key: string;
  size: number;
  /** Quoted hex MD5, as S3 returns it. */
  etag: string;
  /** Base64 big-endian CRC32 of the whole body. */
  crc32: string;
  lastModified: string;
  /** Standard headers stored with the object (content-type, cache-control, ...). */
  headers: Record<string, string>;
  /** User metadata (x-amz-meta-*), keys without the prefix. */
  metadata: Record<string, string>;
  file: string;
}

export interface Bucket {
  name: string;
  region: string;
  /** The account that created it (S3's bucket owner): the caller of CreateBucket. */
  owner: string;
  creationDate: string;
  /** Raw XML bodies of bucket configurations (publicAccessBlock, encryption, tagging, ...). */
  configs: Record<string, string>;
  objects: Map<string, StoredObject>;
}

interface SavedS3 {
  buckets: (Omit<Bucket, 'objects'> & { objects: StoredObject[] })[];
}

export function crc32Base64(body: Buffer): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(body) >>> 0);
  return value.toString('base64');
}

/** An S3 error with the extra fields S3 puts in its `<Error>` document (BucketName, Key, ...). */
export class S3Error extends AwsServiceError {
  constructor(
    code: string,
    message: string,
    status: number,
    readonly fields: Record<string, string> = {},
  ) {
    super(code, message, status);
  }
}

export const noSuchBucket = (name: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name });

export class BucketStore implements S3Backend {
  readonly buckets = new Map<string, Bucket>();
  private readonly blobDir: string;

  constructor(
    private readonly state: StateStore,
    private readonly now: () => Date,
    private readonly log: (line: string) => void,
    private readonly defaultRegion = 'us-east-1',
    /** Owner of buckets created without a caller (by CloudFormation) and of buckets saved before owners were recorded. */
    private readonly defaultOwner = '000000000000',
  ) {
    this.blobDir = state.blobDir('s3');
    state.register<SavedS3>('s3', { serialize: () => this.serialize(), restore: (saved) => this.restore(saved) });
  }

  createBucket(name: string, region: string, owner: string = this.defaultOwner): Bucket {
    const bucket: Bucket = { name, region, owner, creationDate: this.now().toISOString(), configs: {}, objects: new Map() };
    this.buckets.set(name, bucket);
    this.state.markDirty();
    return bucket;
  }

  requireBucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  readBody(object: StoredObject): Buffer {
    return readFileSync(join(this.blobDir, object.file));
  }

  storeObject(
    bucket: Bucket,
    key: string,
    body: Buffer,
    headers: Record<string, string> = {},
    metadata: Record<string, string> = {},
  ): StoredObject {
    const file = randomUUID();
    writeFileAtomicSync(join(this.blobDir, file), body);
    const previous = bucket.objects.get(key);
    const object: StoredObject = {
      key,
      size: body.length,
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      crc32: crc32Base64(body),
      lastModified: this.now().toISOString(),
      headers,
      metadata,
      file,
    };
    bucket.objects.set(key, object);
    this.state.markDirty();
    if (previous) this.removeFile(previous.file);
    return object;
  }

  removeObject(bucket: Bucket, key: string): void {
    const object = bucket.objects.get(key);
    if (!object) return;
    bucket.objects.delete(key);
    this.state.markDirty();
    this.removeFile(object.file);
  }

  private removeFile(file: string): void {
    try {
      unlinkSync(join(this.blobDir, file));
    } catch {
      // Already gone; the metadata no longer points at it.
    }
  }

  // ---- S3Backend (for CloudFormation and Lambda) ----

  ensureBucket(name: string): void {
    if (!this.buckets.has(name)) this.createBucket(name, this.defaultRegion);
  }

  deleteBucket(name: string): void {
    const bucket = this.requireBucket(name);
    if (bucket.objects.size > 0) throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: name });
    this.buckets.delete(name);
    this.state.markDirty();
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  getObject(bucket: string, key: string): Buffer | undefined {
    const object = this.buckets.get(bucket)?.objects.get(key);
    return object ? this.readBody(object) : undefined;
  }

  putObject(bucket: string, key: string, body: Buffer): void {
    this.storeObject(this.requireBucket(bucket), key, body, { 'content-type': 'binary/octet-stream' });
  }

  // ---- persistence ----

  private serialize(): SavedS3 {
    return { buckets: [...this.buckets.values()].map((bucket) => ({ ...bucket, objects: [...bucket.objects.values()] })) };
  }

  private restore(saved: SavedS3): void {
    this.buckets.clear();
    for (const bucket of saved.buckets ?? []) {
      const objects = new Map<string, StoredObject>();
      for (const object of bucket.objects) {
        if (existsSync(join(this.blobDir, object.file))) objects.set(object.key, object);
        else this.log(`local cloud: S3 object s3://${bucket.name}/${object.key} lost its body file; dropping it`);
      }
      this.buckets.set(bucket.name, { ...bucket, owner: bucket.owner ?? this.defaultOwner, configs: bucket.configs ?? {}, objects });
    }
  }
}
