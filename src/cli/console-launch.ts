/**
 * Starting the deploy console before the engine: at a terminal, `stp deploy` draws its first frame
 * while the deploy engine and the AWS SDK are still loading (they take most of the start-up), so
 * the operator sees the session at once. The console reads a session store from the start; the
 * running session's commands and the interrupt policy are attached once the engine exists (a key
 * pressed before that is answered "still starting", a Ctrl-C is kept and applied on attach).
 * This module stays light: Ink and React load only through the dynamic import below.
 */
import type { DeploySessionCommands } from '../engine/events.js';
import { createSessionStore, type SessionStore } from '../engine/session/session-store.js';
import { StpError } from '../errors/stp-error.js';
import type { InterruptControl } from '../ui/console/deploy-console.js';
import type { ConsoleHandle } from '../ui/console/mount-console.js';
import type { GlobalOptions } from './commands/command.js';
import type { TerminalIo } from './output/terminal-io.js';

/** An operator can answer at this terminal: stdin and stdout are TTYs, not --ci (CI set) or --json. */
export function interactiveTerminal(options: Pick<GlobalOptions, 'ci' | 'json'>, io: Pick<TerminalIo, 'stdinIsTTY' | 'stdoutIsTTY'>): boolean {
  return !options.ci && !options.json && io.stdinIsTTY && io.stdoutIsTTY;
}

export interface ConsoleLaunch {
  store: SessionStore;
  /** From now on the console's commands and interrupts go to this session. */
  attach(session: DeploySessionCommands, control: InterruptControl): void;
  /** The mounted console (Ink loaded, first frame drawn or about to be). */
  handle: Promise<ConsoleHandle>;
  /** Closes the console if it is still up (the command failed before or outside the session). */
  close(): Promise<void>;
}

export function launchConsole(options: { exitOnEnd: boolean; color: boolean }): ConsoleLaunch {
  const store = createSessionStore();
  let session: DeploySessionCommands | undefined;
  let control: InterruptControl | undefined;
  let stopRequested = false;
  const starting = () => new StpError('usage', 'The deploy is still starting; try again in a moment.', { code: 'STP_COMMAND_UNAVAILABLE' });
  const live = <T>(call: (s: DeploySessionCommands) => T): T => {
    if (!session) throw starting();
    return call(session);
  };
  const liveAsync = (call: (s: DeploySessionCommands) => Promise<void>): Promise<void> => (session ? call(session) : Promise.reject(starting()));
  const commands: DeploySessionCommands = {
    approve: (id) => live((s) => s.approve(id)),
    approveWithConfirmation: (id, typed) => live((s) => s.approveWithConfirmation(id, typed)),
    reject: (id) => live((s) => s.reject(id)),
    continueCanary: (service, hookId) => liveAsync((s) => s.continueCanary(service, hookId)),
    rollbackCanary: (service) => liveAsync((s) => s.rollbackCanary(service)),
    cancel: () => liveAsync((s) => s.cancel()),
    rollback: () => liveAsync((s) => s.rollback()),
    recover: (skip) => liveAsync((s) => s.recover(skip)),
    rerunScript: (name) => liveAsync((s) => s.rerunScript(name)),
    tailLogs: (resource, tailOptions) => liveAsync((s) => s.tailLogs(resource, tailOptions)),
    detach: () => live((s) => s.detach()),
  };
  const lateControl: InterruptControl = {
    stop: () => (control ? control.stop() : (stopRequested = true)),
    markInterrupted: () => control?.markInterrupted(),
  };

  // chalk reads FORCE_COLOR when Ink first loads: --no-color / NO_COLOR turn colour off there.
  if (!options.color) process.env.FORCE_COLOR = '0';
  const handle = Promise.all([import('../ui/console/mount-console.js'), import('../ui/console/console-panes.js')]).then(([{ mountConsole }, { CONSOLE_PANES }]) =>
    mountConsole({ store: store.store, commands, panes: CONSOLE_PANES, control: lateControl, exitOnEnd: options.exitOnEnd }),
  );
  // A failed mount is reported by whoever awaits the handle; never an unhandled rejection here.
  handle.catch(() => undefined);

  return {
    store,
    attach(running, runningControl) {
      session = running;
      control = runningControl;
      if (stopRequested) runningControl.stop();
    },
    handle,
    async close() {
      const mounted = await handle.catch(() => undefined);
      mounted?.close();
    },
  };
}
