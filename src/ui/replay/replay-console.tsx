/**
 * A recorded session in the console: the live console's own frame (DeployConsole with the
 * production panes) over the player's store, with read-only commands (every action answers "a
 * replay is read-only"), the elapsed time of the recording, and the replay bar with its keys
 * (KEYMAP.replay) under the footer. `q` or Ctrl-C leave.
 */
import { useEffect, useMemo, useState } from 'react';
import { READ_ONLY_MESSAGE, readOnlyCommands } from '../../engine/replay/read-only-commands.js';
import type { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { DeployConsole, type ReplayChrome } from '../console/deploy-console.js';
import type { PaneSpec } from '../console/pane-spec.js';
import type { TerminalSize } from '../console/terminal-size.js';
import { ReplayBar } from './replay-bar.js';
import { useReplayKeys } from './use-replay-keys.js';

export interface ReplayConsoleProps {
  player: ReplayPlayer;
  /** The recording's name, shown in the bar. */
  file: string;
  panes: readonly PaneSpec[];
  onExit(code: number): void;
  /** Spinners and ticking clocks (tests that read frames turn them off). */
  animations?: boolean;
  size?: Partial<TerminalSize>;
}

/** Rows the replay bar takes under the console's footer. */
export const REPLAY_BAR_ROWS = 2;

export function ReplayConsole({ player, file, panes, onExit, animations = true, size }: ReplayConsoleProps) {
  // While a pane owns the keyboard (a filter, a confirmation), its keys are not the replay's.
  const [capturing, setCapturing] = useState(false);
  useReplayKeys(player, !capturing);
  const commands = useMemo(() => readOnlyCommands(), []);
  const chrome: ReplayChrome = useMemo(
    () => ({
      bar: (width) => <ReplayBar player={player} file={file} width={width} />,
      rows: REPLAY_BAR_ROWS,
      clock: () => player.recordedNow(),
      readOnlyMessage: READ_ONLY_MESSAGE,
      onCapturing: setCapturing,
    }),
    [player, file],
  );
  // Seeking back past the end takes the result away; the console starts over (its result screen
  // would otherwise stay focused with nothing to show).
  const [generation, setGeneration] = useState(0);
  useEffect(
    () =>
      player.store.subscribe((next, previous) => {
        if (previous.result !== undefined && next.result === undefined) setGeneration((g) => g + 1);
      }),
    [player],
  );
  return (
    <DeployConsole
      key={generation}
      store={player.store}
      commands={commands}
      panes={panes}
      onExit={onExit}
      control={{ stop: () => onExit(0), markInterrupted: () => undefined }}
      startedAt={player.startMs}
      animations={animations}
      replay={chrome}
      {...(size ? { size } : {})}
    />
  );
}
