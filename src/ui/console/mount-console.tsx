/**
 * Puts the console on the terminal: the alternate screen (so the shell's scrollback is untouched
 * and comes back on exit), Ink with throttled frames and Ctrl-C as input (the console
 * decides what it means), and a terminal ALWAYS restored — on a normal exit, an error, an uncaught
 * exception or process exit. Loaded only by a dynamic import when the session is interactive, so
 * `--ci` / `--json` never load Ink or React.
 */
import { render, type Instance } from 'ink';
import type { StoreApi } from 'zustand/vanilla';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { enterAlternateScreen, type AlternateScreen } from '../terminal/alternate-screen.js';
import { DeployConsole, type InterruptControl } from './deploy-console.js';
import type { PaneSpec } from './pane-spec.js';


export interface MountConsoleOptions {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  panes: readonly PaneSpec[];
  control: InterruptControl;
  /** --exit: leave when the deploy ends. */
  exitOnEnd: boolean;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
  /** Called once, when the first frame has been written. */
  onFirstFrame?(): void;
  /** Redraw around console.* output (default true; a test runner's console cannot be patched). */
  patchConsole?: boolean;
}

export interface ConsoleHandle {
  /** The exit code the operator left with (the deploy's, or 130 when forced). */
  exited: Promise<number>;
  /** Leave as soon as the deploy ends (SIGTERM: nobody may be at the keys). */
  exitWhenDone(): void;
  /** Unmounts and restores the terminal now; safe to call more than once. */
  close(): void;
}

export function mountConsole(options: MountConsoleOptions): ConsoleHandle {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  let screen: AlternateScreen | undefined;
  let instance: Instance | undefined;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });

  // A signal while nobody else handles it (before the engine has attached its interrupt policy)
  // would end the process on the spot, in the alternate screen and raw mode: restore, then exit
  // as the signal would have.
  const onSignal = (signal: NodeJS.Signals) => {
    if (process.listenerCount(signal) > 1) return;
    close();
    process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  const close = () => {
    instance?.unmount();
    instance = undefined;
    screen?.restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };

  let exitOnEnd = options.exitOnEnd;
  let firstFrame = true;
  const element = () => (
    <DeployConsole
      store={options.store}
      commands={options.commands}
      panes={options.panes}
      control={options.control}
      exitOnEnd={exitOnEnd}
      onExit={(code) => {
        // Called from inside a render (an effect); unmount once React is done with it, so Ink's
        // last write lands before the terminal is restored, not after.
        setImmediate(() => {
          close();
          resolveExit(code);
        });
      }}
    />
  );

  // Restored on close, on process exit and before an uncaught exception is printed.
  screen = enterAlternateScreen(stdout, stdin);
  try {
    instance = render(element(), {
      stdout,
      stdin,
      ...(options.stderr ? { stderr: options.stderr } : {}),
      exitOnCtrlC: false,
      patchConsole: options.patchConsole ?? true,
      maxFps: 20,
      // Off on purpose: ink 6.8.0's incremental writer moves the cursor up one line too few when
      // the frame is shorter than the terminal (it ends in a newline), so each frame lands a row
      // lower and the old header stays behind (seen in tmux). The full redraw is wrapped in a
      // synchronized update (DEC 2026) by Ink, so it does not flicker where that is supported.
      incrementalRendering: false,
      onRender: () => {
        if (!firstFrame) return;
        firstFrame = false;
        options.onFirstFrame?.();
      },
    });
  } catch (error) {
    close();
    throw error;
  }
  // An error thrown while rendering unmounts Ink; leave the alternate screen with it.
  instance.waitUntilExit().then(
    () => undefined,
    () => {
      close();
      resolveExit(1);
    },
  );

  return {
    exited,
    exitWhenDone() {
      exitOnEnd = true;
      instance?.rerender(element());
    },
    close,
  };
}
