/**
 * `stp` with no command, at a terminal, in a folder with a stack config: the home screen. Finds the
 * config's project name, lists the stages deployed in this account and region (`<project>-<stage>`
 * stacks), shows them with the actions, and returns the command line of the chosen action for
 * main to run (the home screen has left the terminal by then, and released the local cloud).
 * Without a config (or with one that does not load) the caller prints the help, as before.
 */
import { createAwsClients } from '../../aws/client-factory.js';
import { resourceHandles } from '../../engine/compile/compute-names.js';
import { stackInputFromResolved } from '../../engine/compile/stack-input-from-resolved.js';
import { discoverConfigFile } from '../../engine/config/discover-config-file.js';
import { loadStackConfig } from '../../engine/config/load-stack-config.js';
import { listStageStacks, projectOfStackName, type StageStack } from '../../engine/status/list-stages.js';
import { resolveAwsTarget } from '../aws-target.js';
import type { CommandContext } from '../commands/command.js';
import { applyProfileRegion } from '../engine-run.js';
import { STP_VERSION } from '../version.js';

export type HomeOutcome =
  | { kind: 'help'; note?: string }
  | { kind: 'quit' }
  /** Run this command line next (argv without the executable). */
  | { kind: 'run'; argv: string[] };

export interface HomeData {
  project: string;
  where: string;
  stages: StageStack[];
  error?: string;
  logResources: string[];
}

/** The config's project and its stages; undefined when there is no config stp can load here. */
export async function loadHomeData(cmd: CommandContext): Promise<HomeData | { note: string } | undefined> {
  const { options } = cmd;
  const discovered = discoverConfigFile({ cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}) });
  if (!discovered.file) return undefined;
  const loaded = await loadStackConfig({ cwd: cmd.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  if (!loaded.ok || !loaded.resolved) return { note: `${loaded.file ?? 'the stack config'} has errors; \`stp validate\` shows them.` };
  const resolved = loaded.resolved;
  const project = projectOfStackName(resolved.stackName, resolved.stage);
  const handles = resourceHandles(stackInputFromResolved(resolved, loaded.positions));
  const logResources = [...handles.functions.map((f) => f.resourceName), ...handles.services.map((s) => s.resourceName), ...handles.batchJobs.map((b) => b.resourceName)].sort();
  await applyProfileRegion(cmd, { env: cmd.env, ...(options.profile ? { profile: options.profile } : {}) });
  const aws = await resolveAwsTarget(options, { command: 'stp (home)', cwd: cmd.cwd, env: cmd.env, stopOnSignal: true }, () => {});
  const clients = createAwsClients({ ...aws.target, appVersion: STP_VERSION });
  // The in-process local cloud stops once listed: its address would be stale on screen.
  const where = `${options.region} · ${options.local ? 'the local cloud' : aws.description}`;
  try {
    const stages = await listStageStacks(clients.cloudFormation, project, options.stage);
    return { project, where, stages, logResources };
  } catch (error) {
    // The screen still offers the named stage (a deploy may be what fixes it); the reason is shown.
    const { toStpError } = await import('../../errors/classify-error.js');
    const stpError = toStpError(error, {});
    return { project, where, stages: [{ stage: options.stage, stackName: `${project}-${options.stage}` }], error: stpError.message, logResources };
  } finally {
    clients.destroy();
    await aws.dispose();
  }
}

/** The command line that runs `choice`: the action first, the original global flags, the stage chosen. */
export function commandLineFor(choice: { action: string; stage: string; resource?: string }, argv: readonly string[]): string[] {
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--stage' || arg === '-s') {
      i += 1;
      continue;
    }
    if (arg.startsWith('--stage=')) continue;
    rest.push(arg);
  }
  return [choice.action, ...(choice.resource !== undefined ? [choice.resource] : []), ...rest, '--stage', choice.stage];
}

export async function runHome(cmd: CommandContext, argv: readonly string[]): Promise<HomeOutcome> {
  const data = await loadHomeData(cmd);
  if (data === undefined) return { kind: 'help' };
  if ('note' in data) return { kind: 'help', note: data.note };
  const { showHome } = await import('../../ui/home/show-home.js');
  const choice = await showHome({ ...data, initialStage: cmd.options.stage });
  return choice ? { kind: 'run', argv: commandLineFor(choice, argv) } : { kind: 'quit' };
}
