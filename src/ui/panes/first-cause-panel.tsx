/**
 * The first cause of a failure, pinned above the events: the resource (config name, logical id,
 * type), CloudFormation's reason, and what explains it (the script's error and last lines, the
 * stopped task). Bounded to `maxLines`: when the details do not fit, their first lines (the error,
 * the stopped task) and their last lines (the newest log lines) are kept and the middle counted.
 */
import { Box, Text } from 'ink';
import type { EventOfType } from '../../engine/events.js';

type FirstCause = EventOfType<'first-cause'>;

/** The detail lines to draw in `room` lines. */
export function fitDetails(details: readonly string[], room: number): string[] {
  if (room <= 0) return [];
  if (details.length <= room) return [...details];
  if (room < 3) return [...details.slice(-room)];
  // Leading lines that are not indented say what failed; the indented ones are log lines.
  let head = 0;
  while (head < 2 && head < details.length && !/^\s/.test(details[head]!)) head += 1;
  head = Math.min(head, room - 2);
  const tail = room - head - 1;
  const hidden = details.length - head - tail;
  return [...details.slice(0, head), `  … ${hidden} line${hidden === 1 ? '' : 's'} not shown`, ...details.slice(details.length - tail)];
}

/** Word-wraps `text` into at most `maxLines` lines of `width` columns; the last one ends in … if cut. */
export function wrapLines(text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  // The last line takes as much of the rest as fits, then …
  const kept = lines.slice(0, maxLines - 1).map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  const rest = lines.slice(maxLines - 1).join(' ');
  return [...kept, `${rest.slice(0, Math.max(0, width - 1))}…`];
}

const REASON_LINES = 2;

/** Lines the panel takes unbounded at `width` (border, title, reason, details). */
export function firstCauseLines(cause: FirstCause, width: number): number {
  return 3 + wrapLines(cause.reason, width - 4, REASON_LINES).length + cause.details.length;
}

export function FirstCausePanel({ cause, width, maxLines }: { cause: FirstCause; width: number; maxLines: number }) {
  // Border and padding take 4 columns; border (2) + title (1) + the reason come first, the details get what is left.
  const reason = wrapLines(cause.reason, width - 4, REASON_LINES);
  const details = fitDetails(cause.details, Math.max(0, maxLines - 3 - reason.length));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} width={width}>
      <Text wrap="truncate-end" color="red" bold>
        {`✗ First cause: ${cause.owner ?? cause.logicalId}`}
        <Text bold={false} dimColor>{`  ${cause.owner ? `${cause.logicalId} · ` : ''}${cause.resourceType}`}</Text>
      </Text>
      {reason.map((line, index) => (
        <Text key={`reason-${index}`} color="red">
          {line}
        </Text>
      ))}
      {details.map((line, index) => (
        <Text key={`detail-${index}`} wrap="truncate-end" bold={!/^\s/.test(line)}>
          {line.replace(/\t/g, ' ')}
        </Text>
      ))}
    </Box>
  );
}
