/**
 * The seam between a pane and the engine: a `DeploySessionCommands` that records every call (name
 * and arguments) so a test asserts the exact command a key sent — not a mock of AWS. `refuse`
 * makes a command throw as an unbound one does (STP_COMMAND_UNAVAILABLE); `failWith` makes an
 * async command reject with a given error from then on.
 */
import type { DeploySessionCommands } from '../../../src/engine/events.js';
import { StpError } from '../../../src/errors/stp-error.js';

export type CommandCall = [name: keyof DeploySessionCommands, ...args: unknown[]];

export interface RecordingCommands extends DeploySessionCommands {
  calls: CommandCall[];
  /** Makes the named async command reject with this error from now on. */
  failWith(name: keyof DeploySessionCommands, error: Error): void;
}

export function recordingCommands(refuse: Partial<Record<keyof DeploySessionCommands, string>> = {}): RecordingCommands {
  const calls: CommandCall[] = [];
  const failures = new Map<keyof DeploySessionCommands, Error>();
  const record = (name: keyof DeploySessionCommands, args: unknown[]) => {
    calls.push([name, ...args]);
    const message = refuse[name];
    if (message !== undefined) throw new StpError('usage', message, { code: 'STP_COMMAND_UNAVAILABLE' });
  };
  const sync =
    (name: keyof DeploySessionCommands) =>
    (...args: unknown[]): void =>
      record(name, args);
  const async =
    (name: keyof DeploySessionCommands) =>
    async (...args: unknown[]): Promise<void> => {
      record(name, args);
      const error = failures.get(name);
      if (error) throw error;
    };
  return {
    calls,
    failWith: (name, error) => void failures.set(name, error),
    approve: sync('approve'),
    approveWithConfirmation: sync('approveWithConfirmation'),
    reject: sync('reject'),
    detach: sync('detach'),
    continueCanary: async('continueCanary'),
    rollbackCanary: async('rollbackCanary'),
    cancel: async('cancel'),
    rollback: async('rollback'),
    recover: async('recover'),
    rerunScript: async('rerunScript'),
    tailLogs: async('tailLogs'),
  };
}
