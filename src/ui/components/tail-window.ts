/**
 * Which slice of a list fits `height` rows when following its tail (the newest rows). Output is
 * windowed over the store's ring buffers instead of rendered whole (the frame must stay shorter
 * than the terminal; see ink-notes §3). A selection window is list-window.ts.
 */

/** The last `height` of `total` items: [start, end). */
export function tailWindow(total: number, height: number): { start: number; end: number } {
  const rows = Math.max(0, Math.floor(height));
  return { start: Math.max(0, total - rows), end: total };
}
