/**
 * Picking the resources ContinueUpdateRollback should skip (UPDATE_ROLLBACK_FAILED): j/k move,
 * Space marks, Enter goes on with the marked ones, Esc goes back. The picker only collects; the
 * failure screen confirms and calls `recover(skip)`.
 */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
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
  const [cursor, setCursor] = useState(0);
  const [marked, setMarked] = useState<ReadonlySet<string>>(new Set());
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.plan.down, input, key)) setCursor((c) => Math.min(candidates.length - 1, c + 1));
      else if (matchesKey(KEYMAP.plan.up, input, key)) setCursor((c) => Math.max(0, c - 1));
      else if (matchesKey(KEYMAP.failure.toggleSkip, input, key)) {
        const id = candidates[cursor]?.logicalId;
        if (!id) return;
        setMarked((m) => {
          const next = new Set(m);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        });
      } else if (matchesKey(KEYMAP.failure.confirm, input, key)) onConfirm(candidates.filter((c) => marked.has(c.logicalId)).map((c) => c.logicalId));
      else if (matchesKey(KEYMAP.dialog.dismiss, input, key)) onCancel();
    },
    { isActive },
  );
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
