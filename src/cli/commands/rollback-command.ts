/**
 * `stp rollback`: gets a stuck stack moving — cancels a running update, rolls back a failed one,
 * or continues an UPDATE_ROLLBACK_FAILED rollback skipping the resources named with --skip.
 */
import { runRollback } from '../../engine/deploy/stack-operation-machines.js';
import { withEngine } from '../engine-run.js';
import type { CommandContext } from './command.js';
import { protectList } from './deploy-command.js';

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  return withEngine(cmd, { command: 'rollback', onInterrupt: 'detach' }, ({ ctx }) =>
    runRollback(ctx, {
      project: { cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region },
      skip: protectList(flags.skip),
    }),
  );
}
