/**
 * A question with a few answers in a box (k9s style): ←/→ (or Tab) move, Enter chooses, Esc
 * closes without doing anything. The answer focused at first is the harmless one (Cancel), so a
 * stray Enter never changes anything in AWS. Dangerous answers are red and marked `!`.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState, type ReactNode } from 'react';
import { KEYMAP, matchesKey } from '../console/keymap.js';

export interface DialogChoice<T extends string> {
  value: T;
  label: string;
  dangerous?: boolean;
}

export interface ChoiceDialogProps<T extends string> {
  title: string;
  children?: ReactNode;
  choices: readonly DialogChoice<T>[];
  /** The answer focused when the dialog opens (default: the first). */
  initial?: T;
  onChoose(value: T): void;
  onDismiss(): void;
  /** False while something else owns the keyboard. */
  isActive?: boolean;
  width?: number;
}

export function ChoiceDialog<T extends string>({ title, children, choices, initial, onChoose, onDismiss, isActive = true, width }: ChoiceDialogProps<T>) {
  const [index, setIndexState] = useState(() => Math.max(0, choices.findIndex((c) => c.value === initial)));
  // Ink swaps a useInput handler only after the frame is drawn: a quick Enter after an arrow key
  // must still choose what the frame shows, so the handler reads the index from a ref.
  const current = useRef(index);
  const setIndex = (next: number) => {
    current.current = next;
    setIndexState(next);
  };
  useInput(
    (input, key) => {
      const i = current.current;
      if (matchesKey(KEYMAP.dialog.next, input, key)) setIndex((i + 1) % choices.length);
      else if (matchesKey(KEYMAP.dialog.previous, input, key)) setIndex((i - 1 + choices.length) % choices.length);
      else if (matchesKey(KEYMAP.dialog.choose, input, key)) onChoose(choices[i]!.value);
      else if (matchesKey(KEYMAP.dialog.dismiss, input, key)) onDismiss();
    },
    { isActive },
  );
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="yellow" paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold>{title}</Text>
      {children}
      <Box marginTop={1}>
        {choices.map((choice, i) => {
          const focused = i === index;
          return (
            <Box key={choice.value} marginRight={2}>
              <Text inverse={focused} bold={focused} color={choice.dangerous ? 'red' : undefined}>
                {focused ? '› ' : '  '}
                {choice.label}
                {choice.dangerous ? ' !' : ''}
                {focused ? ' ‹' : '  '}
              </Text>
            </Box>
          );
        })}
      </Box>
      <Text dimColor>←/→ move · Enter choose · Esc close</Text>
    </Box>
  );
}
