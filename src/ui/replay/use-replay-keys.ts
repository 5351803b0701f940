/**
 * The replay keys (KEYMAP.replay) driving a player: Space pause/play, +/- speed, ←/→ seek 10 s,
 * Home/End to the start or the end. Active unless something else owns the keyboard.
 */
import { useInput } from 'ink';
import type { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';

export const REPLAY_SEEK_MS = 10_000;

export function useReplayKeys(player: ReplayPlayer, isActive: boolean): void {
  useInput(
    (input, key) => {
      const keys = KEYMAP.replay;
      if (matchesKey(keys.pause, input, key)) player.toggle();
      else if (matchesKey(keys.faster, input, key)) player.faster();
      else if (matchesKey(keys.slower, input, key)) player.slower();
      else if (matchesKey(keys.seekBack, input, key)) player.seekBy(-REPLAY_SEEK_MS);
      else if (matchesKey(keys.seekForward, input, key)) player.seekBy(REPLAY_SEEK_MS);
      else if (matchesKey(keys.start, input, key)) player.toStart();
      else if (matchesKey(keys.end, input, key)) player.toEnd();
    },
    { isActive },
  );
}
