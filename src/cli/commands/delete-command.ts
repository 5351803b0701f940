/** `stp delete`: the removal plan (data loss called out), a confirmation, DeleteStack, watched. */
import { runDelete } from '../../engine/deploy/stack-operation-machines.js';
import { withEngine } from '../engine-run.js';
import type { CommandContext } from './command.js';

export async function run(cmd: CommandContext): Promise<number> {
  const { options, flags } = cmd;
  return withEngine(cmd, { command: 'delete', onInterrupt: 'detach' }, ({ ctx, interactive }) =>
    runDelete(ctx, {
      project: { cwd: cmd.cwd, ...(options.configPath ? { configPath: options.configPath } : {}), stage: options.stage, region: options.region },
      yes: flags.yes === true,
      interactive,
    }),
  );
}
