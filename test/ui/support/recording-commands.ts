/**
 * A `DeploySessionCommands` that records every call (the seam between a pane and the engine, not a
 * mock of AWS). Async commands resolve, or reject with what `failWith` says for that command.
 */
import type { DeploySessionCommands } from '../../../src/engine/events.js';

export type CommandCall = [name: keyof DeploySessionCommands, ...args: unknown[]];

export interface RecordingCommands extends DeploySessionCommands {
  calls: CommandCall[];
  /** Makes the named async command reject with this error from now on. */
  failWith(name: keyof DeploySessionCommands, error: Error): void;
}

export function recordingCommands(): RecordingCommands {
  const calls: CommandCall[] = [];
  const failures = new Map<keyof DeploySessionCommands, Error>();
  const async =
    (name: keyof DeploySessionCommands) =>
    (...args: unknown[]): Promise<void> => {
      calls.push([name, ...args]);
      const error = failures.get(name);
      return error ? Promise.reject(error) : Promise.resolve();
    };
  const sync =
    (name: keyof DeploySessionCommands) =>
    (...args: unknown[]): void => {
      calls.push([name, ...args]);
    };
  return {
    calls,
    failWith: (name, error) => failures.set(name, error),
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
