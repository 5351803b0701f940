/**
 * A pane's selected item that survives the pane being unmounted: the shell mounts only the pane in
 * view, and switching tabs away and back must not lose the operator's selection. Kept per session
 * store (weakly, so it goes with the store) and per pane.
 */
import { useCallback, useState } from 'react';

const KEPT = new WeakMap<object, Map<string, string | undefined>>();

export function useKeptSelection(store: object, pane: string): [string | undefined, (name: string | undefined) => void] {
  const [value, setValue] = useState(() => KEPT.get(store)?.get(pane));
  const set = useCallback(
    (name: string | undefined) => {
      let kept = KEPT.get(store);
      if (!kept) KEPT.set(store, (kept = new Map()));
      kept.set(pane, name);
      setValue(name);
    },
    [store, pane],
  );
  return [value, set];
}
