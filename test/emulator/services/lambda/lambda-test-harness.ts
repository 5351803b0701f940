import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { AwsServiceError } from '../../../../src/emulator/core/aws-error.js';
import type { HttpResponseData, S3Backend } from '../../../../src/emulator/core/backends.js';
import { createClock } from '../../../../src/emulator/core/clock.js';
import type { EmulatorContext, RequestInfo } from '../../../../src/emulator/core/service.js';
import { createLambdaService, type LambdaService } from '../../../../src/emulator/services/lambda/lambda-service.js';
import { LogStore } from '../../../../src/emulator/services/logs/log-store.js';

/** Builds a deployment package from `{ path: source }`. */
export function zipOf(files: Record<string, string>): Buffer {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, source] of Object.entries(files)) entries[name] = strToU8(source);
  return Buffer.from(zipSync(entries));
}

/** A bucket map with S3's semantics for what Lambda needs (code from S3). */
export class MemoryS3 implements S3Backend {
  readonly buckets = new Map<string, Map<string, Buffer>>();
  ensureBucket(name: string): void {
    if (!this.buckets.has(name)) this.buckets.set(name, new Map());
  }
  deleteBucket(name: string): void {
    if ((this.buckets.get(name)?.size ?? 0) > 0) throw new AwsServiceError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409);
    this.buckets.delete(name);
  }
  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }
  getObject(bucket: string, key: string): Buffer | undefined {
    return this.buckets.get(bucket)?.get(key);
  }
  putObject(bucket: string, key: string, body: Buffer): void {
    this.ensureBucket(bucket);
    this.buckets.get(bucket)?.set(key, body);
  }
}

export interface Harness {
  service: LambdaService;
  logs: LogStore;
  s3: MemoryS3;
  lines: string[];
  stateDir: string;
  /** Calls handleHttp like the server does. */
  http(method: string, pathAndQuery: string, options?: { body?: Buffer | string | object; headers?: Record<string, string> }): Promise<HttpResponseData & { json(): any; text(): string }>;
  /** Messages of every event in a log group, in order. */
  logLines(group: string): string[];
  close(): void;
}

/** `createPendingMs` defaults to 0 here (functions are Active at once); the Pending tests set it. */
export function createHarness(options: { timeScale?: number; stateDir?: string; taskRootDir?: string; createPendingMs?: number } = {}): Harness {
  const stateDir = options.stateDir ?? mkdtempSync(path.join(tmpdir(), 'stp-lambda-test-'));
  const lines: string[] = [];
  const ctx: EmulatorContext = {
    clock: createClock(options.timeScale ?? 1),
    endpoint: () => 'http://127.0.0.1:1',
    accountId: '000000000000',
    log: (line) => lines.push(line),
  };
  const logs = new LogStore(() => Date.now(), () => undefined);
  const s3 = new MemoryS3();
  const service = createLambdaService(ctx, { logs, s3, stateDir, taskRootDir: options.taskRootDir, createPendingMs: options.createPendingMs ?? 0 });
  let counter = 0;
  return {
    service,
    logs,
    s3,
    lines,
    stateDir,
    async http(method, pathAndQuery, opts = {}) {
      const url = new URL(pathAndQuery, 'http://127.0.0.1');
      const raw = opts.body;
      const body = raw === undefined ? Buffer.alloc(0) : Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : JSON.stringify(raw));
      const headers = Object.fromEntries(Object.entries(opts.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
      const info: RequestInfo = { requestId: `req-${++counter}`, region: 'us-east-1', accountId: '000000000000', headers, body };
      const response = await service.handleHttp({ method, path: url.pathname, query: url.searchParams, headers, body }, info);
      const text = () => (response.body === undefined ? '' : Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.body);
      return { ...response, text, json: () => JSON.parse(text()) };
    },
    logLines(group) {
      const found = logs.groups.get(group);
      if (!found) return [];
      const events = [...found.streams.values()].flatMap((stream) => stream.events);
      events.sort((a, b) => a.seq - b.seq);
      return events.map((event) => event.message);
    },
    close() {
      service.close();
      if (!options.stateDir) rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';

export function createBody(name: string, zip: Buffer, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { FunctionName: name, Runtime: 'nodejs20.x', Role: ROLE, Handler: 'index.handler', Code: { ZipFile: zip.toString('base64') }, ...extra };
}
