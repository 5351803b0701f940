/**
 * The commands a replayed session gets: every one refuses, with the same error the live session
 * gives for a command that cannot run now (`STP_COMMAND_UNAVAILABLE`), so the console's panes show
 * "a replay is read-only" in the footer instead of acting on AWS.
 */
import { StpError } from '../../errors/stp-error.js';
import type { DeploySessionCommands } from '../events.js';

export const READ_ONLY_MESSAGE = 'A replay is read-only: nothing is sent to AWS. Run the command itself to act on the stack.';

function refuse(): never {
  throw new StpError('usage', READ_ONLY_MESSAGE, { code: 'STP_COMMAND_UNAVAILABLE' });
}

export function readOnlyCommands(): DeploySessionCommands {
  return {
    approve: refuse,
    approveWithConfirmation: refuse,
    reject: refuse,
    detach: refuse,
    // The async ones reject (a pane awaits them and shows the message) rather than throw synchronously.
    continueCanary: async () => refuse(),
    rollbackCanary: async () => refuse(),
    cancel: async () => refuse(),
    rollback: async () => refuse(),
    recover: async () => refuse(),
    rerunScript: async () => refuse(),
    tailLogs: async () => refuse(),
  };
}
