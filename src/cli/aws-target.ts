import type { AwsTarget } from '../aws/client-factory.js';
import type { GlobalOptions } from './commands/command.js';

export interface ResolvedAwsTarget {
  target: AwsTarget;
  /** Human description for status lines, e.g. "local cloud http://127.0.0.1:39211". */
  description: string;
  dispose(): Promise<void>;
  /** See LocalCloudConnection.handOffSignals: for commands that handle Ctrl+C themselves. */
  handOffSignals?(): void;
}

/**
 * Where AWS calls go. This is the one place `--local` exists: it hands the engine the endpoint of
 * the project's local cloud (see local-cloud/local-cloud-home.ts) and dummy credentials. The
 * engine never knows.
 */
export async function resolveAwsTarget(
  options: GlobalOptions,
  where: {
    /** The command's name, e.g. "compile", for the lock message another command may get. */
    command: string;
    cwd: string;
    env: NodeJS.ProcessEnv;
    /**
     * Ctrl+C / SIGTERM stop an in-process local cloud (state saved, lock released) and exit. Off for
     * commands that handle interrupts themselves and dispose the target when they end.
     */
    stopOnSignal?: boolean;
  },
  log: (line: string) => void,
): Promise<ResolvedAwsTarget> {
  if (options.local) {
    // Loaded only for --local, so commands against AWS never parse the emulator.
    const { connectLocalCloud } = await import('./local-cloud/local-cloud-home.js');
    return connectLocalCloud({
      cwd: where.cwd,
      ...(options.configPath !== undefined ? { configPath: options.configPath } : {}),
      ...(options.localState !== undefined ? { localState: options.localState } : {}),
      env: where.env,
      command: where.command,
      stopOnSignal: where.stopOnSignal ?? false,
      region: options.region,
      log,
    });
  }
  const target: AwsTarget = { region: options.region, env: where.env };
  if (options.profile !== undefined) {
    // Loaded only when a profile is named: the SDK's ini loader is not needed otherwise.
    const { checkProfileExists } = await import('./aws-profile.js');
    await checkProfileExists(options.profile, where.env);
    target.profile = options.profile;
  }
  if (options.endpointUrl !== undefined) target.endpoint = options.endpointUrl;
  return {
    target,
    description: options.endpointUrl ? `endpoint ${options.endpointUrl}` : `AWS (${options.region})`,
    dispose: async () => {},
  };
}
