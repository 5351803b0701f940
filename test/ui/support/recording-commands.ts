/**
 * The seam between a pane and the engine: a `DeploySessionCommands` that records every call (name
 * and arguments) so a test asserts the exact command a key sent. `refuse` makes a command throw as
 * an unbound one does, to test how a pane reports it.
 */
import type { DeploySessionCommands } from '../../../src/engine/events.js';
import { StpError } from '../../../src/errors/stp-error.js';

export type CommandCall = [name: keyof DeploySessionCommands, ...args: unknown[]];

export function recordingCommands(refuse: Partial<Record<keyof DeploySessionCommands, string>> = {}): DeploySessionCommands & { calls: CommandCall[] } {
  const calls: CommandCall[] = [];
  const record = (name: keyof DeploySessionCommands, ...args: unknown[]) => {
    calls.push([name, ...args]);
    const message = refuse[name];
    if (message !== undefined) throw new StpError('usage', message, { code: 'STP_COMMAND_UNAVAILABLE' });
  };
  return {
    calls,
    approve: (id) => record('approve', id),
    approveWithConfirmation: (id, typed) => record('approveWithConfirmation', id, typed),
    reject: (id) => record('reject', id),
    continueCanary: async (service, hookId) => record('continueCanary', service, hookId),
    rollbackCanary: async (service) => record('rollbackCanary', service),
    cancel: async () => record('cancel'),
    rollback: async () => record('rollback'),
    recover: async (skip) => record('recover', skip),
    rerunScript: async (name) => record('rerunScript', name),
    tailLogs: async (resource, options) => record('tailLogs', resource, options),
    detach: () => record('detach'),
  };
}
