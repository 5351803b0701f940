/**
 * One home for the local cloud: where its state lives, who serves it, and how a command finds a
 * running one. `stp local` and every `--local` command use the same rule, so what one writes the
 * other sees.
 *
 * Where the state lives (the first that applies):
 *  1. `--local-state DIR` or STP_LOCAL_STATE=DIR: DIR itself holds the state.
 *  2. A folder from the project folder up to its repository root where `stp local` is running:
 *     its state.
 *  3. The nearest folder from the project folder up to its repository root that already has
 *     `.stp/local/`: so `stp local` in a repository's root serves the configs below it.
 *  4. `<project folder>/.stp/local/`.
 * The project folder is the config's folder (`--config FILE|DIR`), else the current directory. The
 * repository root is the nearest folder above holding `.git`; outside a repository only the project
 * folder itself is looked at (so a stray `.stp/` in a home or temp folder never captures others).
 *
 * Who serves it: only a long-lived `stp local` advertises its endpoint (in the state lock); a
 * `--local` command then uses it. Otherwise the command starts a local cloud in its own process,
 * holding the state lock without advertising it, and stops it when done. A second command that
 * finds the state held that way fails at once with a StpError naming the holder (no waiting: a
 * compile may take minutes, and `stp local` is the way to share one cloud). Interrupted (Ctrl+C,
 * SIGTERM), such a command saves the state and releases the lock before it exits (130 / 143):
 * here (`stopOnSignal`, e.g. compile), or through its own interrupt handling and dispose().
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AwsTarget } from '../../aws/client-factory.js';
import { LOCAL_ACCESS_KEY_ID, LOCAL_SECRET_ACCESS_KEY } from '../../emulator/endpoint-env.js';
import type { RunningEmulator, StartEmulatorOptions } from '../../emulator/start-emulator.js';
import { runningEmulator, StateLockedError } from '../../emulator/state/state-lock.js';
import { EXIT_INTERRUPTED } from '../../errors/stp-error.js';

export const LOCAL_STATE_ENV = 'STP_LOCAL_STATE';

export interface LocalCloudHome {
  /** The folder holding state.json and the lock. */
  stateDir: string;
  /** Why this folder, for the status line. */
  reason: string;
  /** The folder whose configs (and those below it) use this state; absent for `--local-state`. */
  servesBelow?: string;
  /** The `stp local` serving it, if one runs. */
  server?: { endpoint: string; pid: number };
}

export interface LocalCloudHomeInput {
  cwd: string;
  /** `--config`: a file or a folder. */
  configPath?: string;
  /** `--local-state DIR`. */
  localState?: string;
  env: NodeJS.ProcessEnv;
}

/** The project folder: the config's folder, else the current directory. */
export function projectFolder(input: { cwd: string; configPath?: string }): string {
  if (input.configPath === undefined) return path.resolve(input.cwd);
  const given = path.resolve(input.cwd, input.configPath);
  try {
    if (statSync(given).isDirectory()) return given;
  } catch {
    // A config that does not exist is the loader's to report; its folder is still the project.
  }
  return path.dirname(given);
}

function stateDirOf(folder: string): string {
  return path.join(folder, '.stp', 'local');
}

/** The project folder and its parents up to the repository root (the folder with `.git`). */
function foldersUpToRepositoryRoot(start: string): string[] {
  const folders: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (existsSync(path.join(dir, '.git'))) return folders;
    if (path.dirname(dir) === dir) return [start];
  }
}

export function findLocalCloudHome(input: LocalCloudHomeInput): LocalCloudHome {
  const explicit = input.localState ?? (input.env[LOCAL_STATE_ENV] || undefined);
  if (explicit !== undefined) {
    const stateDir = path.resolve(input.cwd, explicit);
    return withServer({ stateDir, reason: input.localState !== undefined ? '--local-state' : LOCAL_STATE_ENV });
  }
  const project = projectFolder(input);
  const folders = foldersUpToRepositoryRoot(project);
  for (const folder of folders) {
    const holder = runningEmulator(stateDirOf(folder));
    if (holder?.endpoint) {
      return { stateDir: stateDirOf(folder), servesBelow: folder, reason: `served by \`stp local\` (pid ${holder.pid})`, server: { endpoint: holder.endpoint, pid: holder.pid } };
    }
  }
  const existing = folders.find((folder) => existsSync(stateDirOf(folder)));
  if (existing !== undefined) return { stateDir: stateDirOf(existing), servesBelow: existing, reason: existing === project ? 'the project folder' : 'the nearest folder above with local state' };
  return { stateDir: stateDirOf(project), servesBelow: project, reason: 'the project folder' };
}

function withServer(home: LocalCloudHome): LocalCloudHome {
  const holder = runningEmulator(home.stateDir);
  return holder?.endpoint ? { ...home, server: { endpoint: holder.endpoint, pid: holder.pid } } : home;
}

export interface LocalCloudConnection {
  target: AwsTarget;
  /** For status lines, e.g. "the local cloud (http://127.0.0.1:4566, `stp local` pid 123, state in .stp/local)". */
  description: string;
  dispose(): Promise<void>;
  /**
   * A command that handles Ctrl+C itself (deploy: cancel the update and watch the rollback) takes
   * the signals over; its `dispose` still saves the state and releases the lock.
   */
  handOffSignals?(): void;
}

/**
 * For a `--local` command: the running `stp local` of its home, else a local cloud in this
 * process that nobody else adopts.
 */
export async function connectLocalCloud(
  input: LocalCloudHomeInput & { command: string; region: string; log: (line: string) => void; stopOnSignal?: boolean },
): Promise<LocalCloudConnection> {
  const credentials = { accessKeyId: LOCAL_ACCESS_KEY_ID, secretAccessKey: LOCAL_SECRET_ACCESS_KEY };
  const shown = (stateDir: string) => path.relative(input.cwd, stateDir) || '.';
  const adopt = (stateDir: string, server: { endpoint: string; pid: number }): LocalCloudConnection => ({
    target: { region: input.region, endpoint: server.endpoint, credentials },
    description: `the local cloud (${server.endpoint}, \`stp local\` pid ${server.pid}, state in ${shown(stateDir)})`,
    dispose: async () => {},
  });
  const home = findLocalCloudHome(input);
  if (home.server) return adopt(home.stateDir, home.server);
  // Interrupted (Ctrl+C, SIGTERM) while this process holds the state, from the moment it may take the
  // lock: save the state and release the lock before exiting. A second Ctrl+C kills as usual.
  let emulator: RunningEmulator | undefined;
  let interrupted: NodeJS.Signals | undefined;
  const exitInterrupted = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? EXIT_INTERRUPTED : 128 + 15);
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = signal;
    input.log(`interrupted (${signal}): saving the local cloud state in ${shown(home.stateDir)} and stopping`);
    if (emulator) void emulator.stop().finally(() => exitInterrupted(signal));
  };
  const unlisten = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  if (input.stopOnSignal !== false) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    emulator = await startLocalCloud({ stateDir: home.stateDir, port: 0, env: input.env, log: input.log, command: `stp ${input.command}`, advertise: false });
  } catch (error) {
    unlisten();
    if (interrupted) exitInterrupted(interrupted);
    // A `stp local` that started in the meantime is as good as one found before.
    if (error instanceof StateLockedError && error.holder.endpoint) return adopt(home.stateDir, { endpoint: error.holder.endpoint, pid: error.holder.pid });
    throw error;
  }
  if (interrupted) {
    await emulator.stop();
    exitInterrupted(interrupted);
  }
  const running = emulator;
  return {
    target: { region: input.region, endpoint: running.endpoint, credentials },
    description: `the local cloud (${running.endpoint}, in this process, state in ${shown(home.stateDir)})`,
    dispose: () => {
      unlisten();
      return running.stop();
    },
    handOffSignals: unlisten,
  };
}

/** For `stp local`: serve the home's state and advertise the endpoint to other commands. */
export async function serveLocalCloud(
  input: LocalCloudHomeInput & Pick<StartEmulatorOptions, 'port' | 'log' | 'requestLog'>,
): Promise<{ emulator: RunningEmulator; home: LocalCloudHome }> {
  const home = findLocalCloudHome(input);
  const emulator = await startLocalCloud({
    stateDir: home.stateDir,
    ...(input.port !== undefined ? { port: input.port } : {}),
    env: input.env,
    ...(input.log ? { log: input.log } : {}),
    ...(input.requestLog ? { requestLog: input.requestLog } : {}),
    command: 'stp local',
    advertise: true,
  });
  return { emulator, home };
}

/** Loaded on demand, so commands that never use the local cloud never parse the emulator. */
async function startLocalCloud(options: StartEmulatorOptions): Promise<RunningEmulator> {
  const { startEmulator } = await import('../../emulator/start-emulator.js');
  return startEmulator(options);
}
