/**
 * `stp replay FILE` at a terminal: the replay console on the alternate screen (the shell's
 * scrollback comes back on exit), the recording playing, until the operator leaves (exit 0
 * whatever the recorded outcome). Loaded only by a dynamic import, at a terminal.
 */
import { render } from 'ink';
import { writeSync } from 'node:fs';
import type { ParsedRecording } from '../../engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { CONSOLE_PANES } from '../console/console-panes.js';
import { ReplayConsole } from './replay-console.js';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l\u001B[?25h';

export async function playInConsole(recording: ParsedRecording, options: { speed: number; file: string }): Promise<number> {
  const player = new ReplayPlayer(recording, { speed: options.speed });
  let restored = false;
  // Synchronous, so it also runs on process exit and before an uncaught exception is printed.
  const restore = () => {
    if (restored) return;
    restored = true;
    try {
      writeSync(1, LEAVE_ALT_SCREEN);
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
    } catch {
      // the terminal went away
    }
  };
  process.on('exit', restore);
  process.on('uncaughtExceptionMonitor', restore);
  process.stdout.write(ENTER_ALT_SCREEN);
  let code = 0;
  try {
    const instance = render(
      <ReplayConsole
        player={player}
        file={options.file}
        panes={CONSOLE_PANES}
        onExit={(exitCode) => {
          code = exitCode;
          instance.unmount();
        }}
      />,
      // Full frames: with incrementalRendering, lines of earlier frames stayed behind in tmux
      // (seen at 110×30); a replay redraws only per event burst and per tick, so full frames are cheap.
      { exitOnCtrlC: false, maxFps: 20 },
    );
    player.play();
    await instance.waitUntilExit();
  } finally {
    player.dispose();
    restore();
    process.off('exit', restore);
    process.off('uncaughtExceptionMonitor', restore);
  }
  return code;
}
