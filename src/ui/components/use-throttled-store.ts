/**
 * A store selection that re-renders at most once per `intervalMs` (trailing: the latest state
 * always arrives). A log flood updates the session store hundreds of times a second; a pane that
 * re-rendered on each would keep React busy and make keys wait (bench/logs-keypress-latency.mjs),
 * while Ink draws at most ~30 frames a second anyway. Select a stable reference, as with useStore.
 */
import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';

export function useThrottledStore<S, T>(store: StoreApi<S>, selector: (state: S) => T, intervalMs: number): T {
  const [value, setValue] = useState(() => selector(store.getState()));
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = 0;
    const update = () => {
      timer = undefined;
      last = performance.now();
      const next = selector(store.getState());
      setValue(() => next);
    };
    const unsubscribe = store.subscribe(() => {
      if (timer !== undefined) return;
      timer = setTimeout(update, Math.max(0, last + intervalMs - performance.now()));
    });
    update();
    return () => {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
    };
    // The selector is read at each update; a new function identity every render must not resubscribe.
  }, [store, intervalMs]);
  return value;
}
