/**
 * A recorded session in the console: the session view over the player's store (read-only
 * commands: every action answers "a replay is read-only"), the replay bar with its keys, and `q`
 * to leave. The session view is passed in, so the same frame the live console draws is what the
 * replay draws.
 */
import { Box, useApp, useInput } from 'ink';
import type { ReactNode } from 'react';
import type { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import { ReplayBar } from './replay-bar.js';
import { useReplayKeys } from './use-replay-keys.js';

export interface ReplayConsoleProps {
  player: ReplayPlayer;
  file: string;
  width: number;
  /** The live console's frame over `player.store` (it gets read-only commands). */
  children: ReactNode;
  /** Something in the session view owns the keyboard (a text input): the replay keys pause. */
  capturing?: boolean;
  /** Leave with `q` (the console's own quit, when it has one, replaces this). */
  quitKey?: boolean;
}

export function ReplayConsole({ player, file, width, children, capturing = false, quitKey = true }: ReplayConsoleProps) {
  const { exit } = useApp();
  useReplayKeys(player, !capturing);
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.global.quit, input, key)) {
        player.dispose();
        exit();
      }
    },
    { isActive: quitKey && !capturing },
  );
  return (
    <Box flexDirection="column" width={width}>
      {children}
      <ReplayBar player={player} width={width} file={file} />
    </Box>
  );
}
