import path from 'node:path';
import type { AwsTarget } from '../aws/client-factory.js';
import type { GlobalOptions } from './commands/command.js';

export interface ResolvedAwsTarget {
  target: AwsTarget;
  /** Human description for status lines, e.g. "local cloud http://127.0.0.1:39211". */
  description: string;
  dispose(): Promise<void>;
}

/**
 * Where AWS calls go. This is the one place `--local` exists: it starts the embedded local cloud
 * in-process and hands the engine an endpoint and dummy credentials. The engine never knows.
 */
export async function resolveAwsTarget(
  options: GlobalOptions,
  projectDir: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<ResolvedAwsTarget> {
  if (options.local) {
    // Loaded only for --local, so commands against AWS never parse the emulator.
    const [{ LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY }, { startEmulator }, { runningEmulator }] = await Promise.all([
      import('../emulator/endpoint-env.js'),
      import('../emulator/start-emulator.js'),
      import('../emulator/state/state-lock.js'),
    ]);
    const stateDir = path.join(projectDir, '.stp', 'local');
    const localCredentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
    // An `stp local` already serving this project owns the state: talk to it instead of a second cloud.
    const running = runningEmulator(stateDir);
    if (running?.endpoint) {
      return {
        target: { region: options.region, endpoint: running.endpoint, credentials: localCredentials },
        description: `the local cloud (${running.endpoint}, stp local pid ${running.pid})`,
        dispose: async () => {},
      };
    }
    const emulator = await startEmulator({ port: 0, stateDir, env, log });
    return {
      target: {
        region: options.region,
        endpoint: emulator.endpoint,
        credentials: localCredentials,
      },
      description: `the local cloud (${emulator.endpoint})`,
      dispose: () => emulator.stop(),
    };
  }
  const target: AwsTarget = { region: options.region, env };
  if (options.profile !== undefined) target.profile = options.profile;
  if (options.endpointUrl !== undefined) target.endpoint = options.endpointUrl;
  return {
    target,
    description: options.endpointUrl ? `endpoint ${options.endpointUrl}` : `AWS (${options.region})`,
    dispose: async () => {},
  };
}
