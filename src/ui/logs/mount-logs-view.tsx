/**
 * Puts the `stp logs` view on the terminal: the alternate screen (the shell's scrollback comes
 * back untouched), throttled incremental Ink frames with Ctrl-C as a key, and the terminal always
 * restored — on leaving, on an error, on an uncaught exception or process exit. Loaded only by a
 * dynamic import at a terminal, so `--ci` / `--json` never load Ink or React.
 */
import { render, type Instance } from 'ink';
import type { StoreApi } from 'zustand/vanilla';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { enterAlternateScreen, type AlternateScreen } from '../terminal/alternate-screen.js';
import { LogsView } from './logs-view.js';


export interface MountLogsViewOptions {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  sources: readonly string[];
  initialFilter?: string;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
}

export interface LogsViewHandle {
  /** The code the operator left with (0 for q, 130 for Ctrl-C, 1 when rendering failed). */
  exited: Promise<number>;
  /** Unmounts and restores the terminal now (SIGTERM); safe to call more than once. */
  close(): void;
}

export function mountLogsView(options: MountLogsViewOptions): LogsViewHandle {
  const stdout = options.stdout ?? process.stdout;
  const stdin = options.stdin ?? process.stdin;
  let instance: Instance | undefined;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  let screen: AlternateScreen | undefined;
  const close = () => {
    instance?.unmount();
    instance = undefined;
    screen?.restore();
    resolveExit(130);
  };

  screen = enterAlternateScreen(stdout, stdin);
  try {
    instance = render(
      <LogsView
        store={options.store}
        commands={options.commands}
        sources={options.sources}
        {...(options.initialFilter !== undefined ? { initialFilter: options.initialFilter } : {})}
        onExit={(code) => {
          resolveExit(code);
          queueMicrotask(close);
        }}
      />,
      // Not incrementalRendering: in tmux, ink 6.8's incremental writes left the first frame's
      // second row on screen and drew the next frames one row lower (seen when lines replace the
      // "waiting" row); full frames at ≤ 30 fps are correct and cheap enough for the flood bench.
      { stdout, stdin, exitOnCtrlC: false, patchConsole: true, maxFps: 30 },
    );
  } catch (error) {
    close();
    throw error;
  }
  instance.waitUntilExit().then(
    () => undefined,
    () => {
      resolveExit(1);
      close();
    },
  );
  return { exited, close };
}
