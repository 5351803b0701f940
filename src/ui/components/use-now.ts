/**
 * The wall-clock time, re-read every `intervalMs` while `active`: for countdowns that tick
 * between events. Only the component showing the countdown re-renders (keep it a leaf).
 */
import { useEffect, useState } from 'react';

export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, active]);
  return now;
}
