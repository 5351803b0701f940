/**
 * One spinner tick for a whole list (ink-notes §3: a spinner component per row runs a timer per
 * row). Ticks only while `active`, so a finished list draws no more frames.
 */
import { useEffect, useState } from 'react';

export const SPINNER_FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'] as const;

export function useSpinnerFrame(active: boolean, intervalMs = 100): string {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setTick((t) => (t + 1) % SPINNER_FRAMES.length), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return SPINNER_FRAMES[tick]!;
}
