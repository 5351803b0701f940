/**
 * The production traffic split of a canary/linear/blue-green deployment as one bar: the old
 * revision's share in `░` (blue), the new one's in `█` (green). The two fill characters differ so
 * the split reads without colour (NO_COLOR); a share above 0 % (or below 100 %) always gets at
 * least one cell, so a 0.5 % canary is still visible.
 */
import { Box, Text } from 'ink';

export const OLD_FILL = '░';
export const NEW_FILL = '█';

/** Cells of `width` the new revision gets for `target` percent. */
export function newRevisionCells(target: number, width: number): number {
  if (width <= 0 || target <= 0) return 0;
  if (target >= 100) return width;
  if (width === 1) return target >= 50 ? 1 : 0;
  return Math.min(width - 1, Math.max(1, Math.round((width * target) / 100)));
}

/** 90 → "90%", 12.5 → "12.5%" (ECS weights are multiples of 0.1). */
export function formatPercent(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${Number.isInteger(rounded) ? rounded.toFixed(0) : rounded.toFixed(1)}%`;
}

export interface TrafficBarProps {
  /** Percent of production traffic on the old (source) and new (target) revision. */
  source: number;
  target: number;
  /** Columns for the whole line (labels included). */
  width: number;
}

/** `old 90% ░░░░░░░░░██ 10% new` in one line of `width` columns. */
export function TrafficBar({ source, target, width }: TrafficBarProps) {
  const left = `old ${formatPercent(source)} `;
  const right = ` ${formatPercent(target)} new`;
  const cells = Math.max(4, width - left.length - right.length);
  const fresh = newRevisionCells(target, cells);
  return (
    <Box>
      <Text color="blue">{left}</Text>
      <Text color="blue">{OLD_FILL.repeat(cells - fresh)}</Text>
      <Text color="green">{NEW_FILL.repeat(fresh)}</Text>
      <Text color="green">{right}</Text>
    </Box>
  );
}
