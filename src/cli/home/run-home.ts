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

/** The config's side of the home screen: no AWS call, so the screen can show at once. */
export interface HomeProject {
  project: string;
  /** Config resources with logs (functions, scripts, services, batch jobs). */
  logResources: string[];
}

/** The account's side: the project's stages (or why they could not be listed). */
export interface HomeStages {
  where: string;
  stages: StageStack[];
  error?: string;
}

/** The config's project name and log sources; undefined when there is no config here, a note when it does not load. */
export async function loadHomeProject(cmd: CommandContext): Promise<HomeProject | { note: string } | undefined> {
  const { options } = cmd;
  const discovered = discoverConfigFile({ cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}) });
  if (!discovered.file) return undefined;
  const loaded = await loadStackConfig({ cwd: cmd.cwd, configPath: options.configPath, stage: options.stage, region: options.region });
  if (!loaded.ok || !loaded.resolved) return { note: `${loaded.file ?? 'the stack config'} has errors; \`stp validate\` shows them.` };
  const resolved = loaded.resolved;
  const handles = resourceHandles(stackInputFromResolved(resolved, loaded.positions));
  return {
    project: projectOfStackName(resolved.stackName, resolved.stage),
    logResources: [...handles.functions.map((f) => f.resourceName), ...handles.services.map((s) => s.resourceName), ...handles.batchJobs.map((b) => b.resourceName)].sort(),
  };
}

/** The project's stages in this account and region; a failure to list them is shown, not thrown. */
export async function loadHomeStages(cmd: CommandContext, project: string): Promise<HomeStages> {
  const { options } = cmd;
  const named: StageStack[] = [{ stage: options.stage, stackName: `${project}-${options.stage}` }];
  let aws: Awaited<ReturnType<typeof resolveAwsTarget>> | undefined;
  try {
    await applyProfileRegion(cmd, { env: cmd.env, ...(options.profile ? { profile: options.profile } : {}) });
    aws = await resolveAwsTarget(options, { command: 'stp (home)', cwd: cmd.cwd, env: cmd.env, stopOnSignal: true }, () => {});
  } catch (error) {
    return { where: options.region, stages: named, error: await sentence(error) };
  }
  const clients = createAwsClients({ ...aws.target, appVersion: STP_VERSION });
  // The in-process local cloud stops once listed: its address would be stale on screen.
  const where = `${options.region} · ${options.local ? 'the local cloud' : aws.description}`;
  try {
    return { where, stages: await listStageStacks(clients.cloudFormation, project, options.stage) };
  } catch (error) {
    // The screen still offers the named stage (a deploy may be what fixes it); the reason is shown.
    return { where, stages: named, error: await sentence(error) };
  } finally {
    clients.destroy();
    await aws.dispose();
  }
}

async function sentence(error: unknown): Promise<string> {
  const { toStpError } = await import('../../errors/classify-error.js');
  return toStpError(error, {}).message;
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
  const project = await loadHomeProject(cmd);
  if (project === undefined) return { kind: 'help' };
  if ('note' in project) return { kind: 'help', note: project.note };
  // The screen comes up at once; the stages fill in when AWS has answered.
  const { showHome } = await import('../../ui/home/show-home.js');
  const choice = await showHome({ ...project, initialStage: cmd.options.stage, region: cmd.options.region }, () => loadHomeStages(cmd, project.project));
  return choice ? { kind: 'run', argv: commandLineFor(choice, argv) } : { kind: 'quit' };
}
