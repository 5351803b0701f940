/**
 * `stp preview`: the plan of a deploy without deploying (the change set is deleted afterwards).
 * With --detailed-exitcode: 0 no changes, 5 changes, 6 destructive changes (replace, remove or data
 * loss) — the engine's result carries that code, so NDJSON and the job summary show it too.
 */
import { runDeploy } from '../../engine/deploy/deploy-machine.js';
import { withEngine } from '../engine-run.js';
import type { CommandContext } from './command.js';
import { protectList } from './deploy-command.js';

export { EXIT_PREVIEW_CHANGES, EXIT_PREVIEW_DESTRUCTIVE } from '../../engine/deploy/deploy-machine.js';

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  return withEngine(cmd, { command: 'preview', onInterrupt: 'detach' }, ({ ctx }) =>
    runDeploy(ctx, {
      project: { cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region },
      command: 'preview',
      requireApproval: 'never',
      yes: false,
      protect: protectList(flags.protect),
      rerunScripts: false,
      interactive: false,
      detailedExitCode: flags['detailed-exitcode'] === true,
    }),
  );
}
