/**
 * `stp replay FILE` at a terminal: the replay console on the alternate screen (the shell's
 * scrollback comes back on exit), the recording playing, until the operator leaves (exit 0
 * whatever the recorded outcome). Loaded only by a dynamic import, at a terminal.
 */
import { render } from 'ink';
import type { ParsedRecording } from '../../engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { CONSOLE_PANES } from '../console/console-panes.js';
import { enterAlternateScreen } from '../terminal/alternate-screen.js';
import { ReplayConsole } from './replay-console.js';

export async function playInConsole(recording: ParsedRecording, options: { speed: number; file: string }): Promise<number> {
  const player = new ReplayPlayer(recording, { speed: options.speed });
  const screen = enterAlternateScreen();
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
    screen.restore();
  }
  return code;
}
