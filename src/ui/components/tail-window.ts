/**
 * Which slice of a list fits `height` rows: following the tail shows the newest rows; a selection
 * window keeps the selected row visible. Lists are windowed over the store's ring buffers instead
 * of rendered whole (the frame must stay shorter than the terminal; see ink-notes §3).
 */

/** The last `height` of `total` items: [start, end). */
export function tailWindow(total: number, height: number): { start: number; end: number } {
  const rows = Math.max(0, Math.floor(height));
  return { start: Math.max(0, total - rows), end: total };
}

/** `height` items around `selected` (it stays visible, the window moves as little as possible from the top). */
export function selectionWindow(total: number, height: number, selected: number): { start: number; end: number } {
  const rows = Math.max(0, Math.floor(height));
  if (total <= rows) return { start: 0, end: total };
  const index = Math.min(Math.max(0, selected), total - 1);
  const start = Math.min(Math.max(0, index - rows + 1), total - rows);
  return { start, end: start + rows };
}
