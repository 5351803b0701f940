/**
 * Picking the resources ContinueUpdateRollback should skip (UPDATE_ROLLBACK_FAILED): j/k move,
 * Space marks, Enter goes on with the marked ones, Esc goes back. The picker only collects; the
 * failure screen confirms and calls `recover(skip)`.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { ResourceRow } from '../../engine/session/session-store.js';
import { KEYMAP, matchesKey } from './keymap.js';

export interface SkipPickerProps {
  candidates: readonly ResourceRow[];
  onConfirm(skip: string[]): void;
  onCancel(): void;
  isActive: boolean;
  height: number;
}

export function SkipPicker({ candidates, onConfirm, onCancel, isActive, height }: SkipPickerProps) {
  const [picked, setPickedState] = useState<{ cursor: number; marked: ReadonlySet<string> }>({ cursor: 0, marked: new Set() });
  // The handler reads the latest selection from a ref: Ink swaps handlers only after a frame.
  const latest = useRef(picked);
  const setPicked = (next: { cursor: number; marked: ReadonlySet<string> }) => {
    latest.current = next;
    setPickedState(next);
  };
  useInput(
    (input, key) => {
      const { cursor, marked } = latest.current;
      if (matchesKey(KEYMAP.plan.down, input, key)) setPicked({ cursor: Math.min(candidates.length - 1, cursor + 1), marked });
      else if (matchesKey(KEYMAP.plan.up, input, key)) setPicked({ cursor: Math.max(0, cursor - 1), marked });
      else if (matchesKey(KEYMAP.failure.toggleSkip, input, key)) {
        const id = candidates[cursor]?.logicalId;
        if (!id) return;
        const next = new Set(marked);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        setPicked({ cursor, marked: next });
      } else if (matchesKey(KEYMAP.failure.confirm, input, key)) onConfirm(candidates.filter((c) => marked.has(c.logicalId)).map((c) => c.logicalId));
      else if (matchesKey(KEYMAP.prompt.cancel, input, key)) onCancel();
    },
    { isActive },
  );
  const { cursor, marked } = picked;
  const rows = Math.max(1, height - 3);
  const first = Math.min(Math.max(0, cursor - rows + 1), Math.max(0, candidates.length - rows));
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1}>
      <Text bold>Resources to skip while continuing the rollback</Text>
      {candidates.slice(first, first + rows).map((row, i) => {
        const index = first + i;
        return (
          <Text key={row.logicalId} wrap="truncate" inverse={index === cursor}>
            {index === cursor ? '› ' : '  '}
            {marked.has(row.logicalId) ? '[x] ' : '[ ] '}
            {row.owner ? `${row.owner}  ` : ''}
            <Text dimColor>{row.logicalId}</Text> <Text color="red">{row.status}</Text>
            {row.reason ? <Text dimColor> {row.reason}</Text> : null}
          </Text>
        );
      })}
      <Text dimColor>j/k move · Space mark · Enter continue with {marked.size} marked · Esc back</Text>
    </Box>
  );
}
