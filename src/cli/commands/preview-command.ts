/**
 * `stp preview`: the plan of a deploy without deploying (the change set is deleted afterwards).
 * With --detailed-exitcode: 0 no changes, 5 changes, 6 destructive changes (replace, remove or data loss).
 */
import { runDeploy } from '../../engine/deploy/deploy-machine.js';
import { planLevel } from '../../engine/plan/gate.js';
import { withEngine } from '../engine-run.js';
import type { CommandContext } from './command.js';
import { protectList } from './deploy-command.js';

export const EXIT_PREVIEW_CHANGES = 5;
export const EXIT_PREVIEW_DESTRUCTIVE = 6;

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  let detailed = 0;
  const code = await withEngine(cmd, { command: 'preview', onInterrupt: 'detach' }, async ({ ctx }) => {
    const result = await runDeploy(ctx, {
      project: { cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region },
      command: 'preview',
      requireApproval: 'never',
      yes: false,
      protect: protectList(flags.protect),
      rerunScripts: false,
      interactive: false,
    });
    if (result.exitCode === 0 && result.plan && result.plan.changes.length > 0) {
      detailed = planLevel(result.plan.changes) === 'changes' ? EXIT_PREVIEW_CHANGES : EXIT_PREVIEW_DESTRUCTIVE;
    }
    return result;
  });
  return code === 0 && flags['detailed-exitcode'] === true ? detailed : code;
}
