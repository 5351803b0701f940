/**
 * The session's elapsed time, ticking once a second in this leaf only (the rest of the frame does
 * not re-render for the clock). Once the deploy has a result, its measured duration is shown.
 */
import { Text } from 'ink';
import { useEffect, useState } from 'react';

export function formatElapsed(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const ss = String(seconds % 60).padStart(2, '0');
  if (hours > 0) return `${hours}:${String(minutes % 60).padStart(2, '0')}:${ss}`;
  return `${minutes}:${ss}`;
}

export interface ElapsedTimeProps {
  /** Epoch ms the session started. */
  since: number;
  /** The deploy's own duration once it ended: the clock stops there. */
  finalMs?: number;
  /** False in tests that read frames: no timer, the value is fixed at render. */
  ticking: boolean;
  /** Epoch ms now (a replay passes its recorded time); default the wall clock. */
  clock?: () => number;
}

export function ElapsedTime({ since, finalMs, ticking, clock }: ElapsedTimeProps) {
  const read = clock ?? Date.now;
  const [now, setNow] = useState(() => read());
  useEffect(() => {
    if (!ticking || finalMs !== undefined) return;
    const timer = setInterval(() => setNow(read()), 1000);
    return () => clearInterval(timer);
  }, [ticking, finalMs, read]);
  // Not ticking: the wall clock is fixed at mount; a given clock (a replay's) is read at each frame.
  return <Text dimColor>{formatElapsed(finalMs ?? (clock && !ticking ? clock() : now) - since)}</Text>;
}
