/**
 * The local cloud for the conformance suite: every service, a fresh state directory, a high time
 * scale (1 s of emulated time = 1 ms) so stack operations settle in milliseconds, and real SDK v3
 * clients pointed at it with test credentials in us-east-1.
 *
 *   const local = await startConformanceCloud();
 *   const cfn = local.client(CloudFormationClient);
 *   …
 *   await local.stop();
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator, type StartEmulatorOptions } from '../../../src/emulator/start-emulator.js';
import { LOCAL_IDENTITY } from './recorded-fixture.js';

export const CONFORMANCE_TIME_SCALE = 1000;

interface DestroyableClient {
  destroy(): void;
}

type ClientConstructor<C> = new (config: {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle?: boolean;
}) => C;

export interface ConformanceCloud {
  cloud: RunningEmulator;
  endpoint: string;
  /** Lines the emulator logged (unsupported operations, faults): useful when a scenario fails. */
  lines: string[];
  /** A real SDK v3 client of any service, pointed at the local cloud; destroyed by stop(). */
  client<C extends DestroyableClient>(Client: ClientConstructor<C>): C;
  stop(): Promise<void>;
}

export async function startConformanceCloud(options: Partial<StartEmulatorOptions> = {}): Promise<ConformanceCloud> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'stp-conformance-'));
  const lines: string[] = [];
  const cloud = await startEmulator({ env: {}, timeScale: CONFORMANCE_TIME_SCALE, log: (line) => lines.push(line), ...options, stateDir });
  const clients: DestroyableClient[] = [];
  return {
    cloud,
    endpoint: cloud.endpoint,
    lines,
    client(Client) {
      const client = new Client({
        endpoint: cloud.endpoint,
        region: LOCAL_IDENTITY.region,
        credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
        forcePathStyle: true,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      await cloud.stop();
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** A short unique suffix for names, like LocalStack's short_uid(). */
export function shortUid(): string {
  return Math.random().toString(16).slice(2, 10);
}
