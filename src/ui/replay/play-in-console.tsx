/**
 * `stp replay FILE` at a terminal: mounts the replay console (Ink, loaded only here), plays the
 * recording, and returns when the operator quits. Exit 0 whatever the recorded outcome.
 */
import { render } from 'ink';
import type { ParsedRecording } from '../../engine/replay/parse-recording.js';
import { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { ReplayConsole } from './replay-console.js';
import { ReplaySessionView } from './replay-session-view.js';

export async function playInConsole(recording: ParsedRecording, options: { speed: number; file: string; color: boolean }): Promise<number> {
  const player = new ReplayPlayer(recording, { speed: options.speed });
  const columns = process.stdout.columns || 100;
  const rows = process.stdout.rows || 30;
  const instance = render(
    <ReplayConsole player={player} file={options.file} width={columns}>
      <ReplaySessionView store={player.store} width={columns} height={rows - 3} />
    </ReplayConsole>,
    { exitOnCtrlC: true, maxFps: 30 },
  );
  player.play();
  await instance.waitUntilExit();
  player.dispose();
  return 0;
}
