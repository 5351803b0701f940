import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { strToU8, zipSync } from 'fflate';
import { createClock } from '../../../src/emulator/core/clock.js';
import type { EmulatorRuntimeContext } from '../../../src/emulator/core/runtime-context.js';
import { EMULATOR_ACCOUNT_ID } from '../../../src/emulator/core/service.js';
import { createFaultInjector } from '../../../src/emulator/faults/fault-injector.js';
import { startEmulatorServer, type EmulatorServer } from '../../../src/emulator/server/emulator-server.js';
import { createLambdaService, type LambdaService } from '../../../src/emulator/services/lambda/lambda-service.js';
import { createLogsService } from '../../../src/emulator/services/logs/logs-service.js';
import { createS3Service } from '../../../src/emulator/services/s3/s3-service.js';
import { openStateStore, type StateStore } from '../../../src/emulator/state/state-store.js';

/**
 * The local cloud with Lambda, Logs and S3, served over HTTP on 127.0.0.1 and assembled from the
 * same parts the emulator's start-up uses, so the real SDK clients talk to it over the wire.
 */
export interface LambdaCloud {
  endpoint: string;
  lambda: LambdaClient;
  logs: CloudWatchLogsClient;
  s3: S3Client;
  service: LambdaService;
  operatorLines: string[];
  /** The state directory (pass it to another startLambdaCloud to restart on the same state). */
  dir: string;
  stop(options?: { keepState?: boolean }): Promise<void>;
}

export async function startLambdaCloud(options: { timeScale?: number; dir?: string } = {}): Promise<LambdaCloud> {
  const dir = options.dir ?? mkdtempSync(path.join(tmpdir(), 'stp-lambda-it-'));
  const operatorLines: string[] = [];
  const state: StateStore = openStateStore({ dir });
  let endpoint = '';
  const ctx: EmulatorRuntimeContext = {
    clock: createClock(options.timeScale ?? 1),
    endpoint: () => endpoint,
    accountId: EMULATOR_ACCOUNT_ID,
    log: (line) => operatorLines.push(line),
    state,
  };
  const logs = createLogsService(ctx);
  const s3 = createS3Service(ctx);
  const service = createLambdaService(ctx, { logs: logs.backend, s3: s3.backend });
  const server: EmulatorServer = await startEmulatorServer({
    services: [logs.service, s3.service, service],
    faults: createFaultInjector(undefined),
    accountId: EMULATOR_ACCOUNT_ID,
    log: (line) => operatorLines.push(line),
  });
  endpoint = server.endpoint;
  const clientConfig = {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
  const lambda = new LambdaClient(clientConfig);
  const logsClient = new CloudWatchLogsClient(clientConfig);
  const s3Client = new S3Client({ ...clientConfig, forcePathStyle: true });
  return {
    endpoint,
    lambda,
    logs: logsClient,
    s3: s3Client,
    service,
    operatorLines,
    dir,
    async stop(stopOptions = {}) {
      lambda.destroy();
      logsClient.destroy();
      s3Client.destroy();
      service.close();
      await server.close();
      await state.close();
      if (!stopOptions.keepState) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function zipOf(files: Record<string, string>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [name, source] of Object.entries(files)) entries[name] = strToU8(source);
  return zipSync(entries);
}

export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
