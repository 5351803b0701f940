/**
 * Which slice of a long list to draw in `height` rows so the selected row stays visible, scrolling
 * as little as possible from where the window was (pass the previous start; 0 at first).
 */
export function listWindowStart(total: number, selected: number, height: number, previousStart = 0): number {
  if (height <= 0 || total <= height) return 0;
  let start = Math.min(Math.max(0, previousStart), total - height);
  if (selected < start) start = selected;
  else if (selected >= start + height) start = selected - height + 1;
  return Math.max(0, Math.min(start, total - height));
}
