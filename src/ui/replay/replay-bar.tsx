/**
 * The replay's line above the console's footer: playing / paused / ended, the speed, the recorded
 * time against the recording's length with a bar, the event count, and the replay keys from
 * KEYMAP.replay. The time ticks on its own (4 × a second) while playing; the store only moves when
 * an event is played.
 */
import { Box, Text } from 'ink';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ReplayPlayer } from '../../engine/replay/replay-player.js';
import { helpRows } from '../console/keymap.js';

export function formatReplayTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

export function formatSpeed(speed: number): string {
  return speed === Infinity ? 'instant' : `×${speed}`;
}

const BAR_WIDTH = 20;

export function ReplayBar({ player, width, file }: { player: ReplayPlayer; width: number; file: string }) {
  const position = useStore(player.position);
  const [now, setNow] = useState(() => player.currentMs());
  useEffect(() => {
    setNow(player.currentMs());
    if (!position.playing) return;
    const timer = setInterval(() => setNow(player.currentMs()), 250);
    return () => clearInterval(timer);
  }, [player, position]);
  const fraction = position.durationMs > 0 ? Math.min(1, now / position.durationMs) : position.ended ? 1 : 0;
  const filled = Math.round(fraction * BAR_WIDTH);
  const state = position.ended ? '■ ended' : position.playing ? '▶ playing' : '‖ paused';
  return (
    <Box width={width} flexDirection="column">
      <Text wrap="truncate">
        <Text bold color="magenta">
          replay
        </Text>{' '}
        <Text dimColor>{file}</Text>
        {'  '}
        <Text bold>{state}</Text> {formatSpeed(position.speed)}
        {'  '}
        {formatReplayTime(now)} / {formatReplayTime(position.durationMs)}{' '}
        <Text color="magenta">{'━'.repeat(filled)}</Text>
        <Text dimColor>{'─'.repeat(BAR_WIDTH - filled)}</Text>
        {'  '}event {position.index}/{position.total}
      </Text>
      <Text wrap="truncate" dimColor>
        {helpRows('replay').map((row, index) => (
          <Text key={row.label}>
            {index > 0 ? '  ' : ''}
            <Text bold>{row.label}</Text> {row.help}
          </Text>
        ))}
      </Text>
    </Box>
  );
}
