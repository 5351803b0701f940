/**
 * A question with more than two answers (ConfirmDialog has two): Tab / ←/→ move to the next
 * answer, Enter chooses, Esc closes without doing anything. The answer focused at first is the
 * harmless one (Cancel), so a stray Enter never changes anything in AWS. Same keys (KEYMAP.prompt)
 * and buttons as the confirm dialog.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState, type ReactNode } from 'react';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import { FocusButton } from './focus-button.js';

export interface DialogChoice<T extends string> {
  value: T;
  label: string;
  /** Changes AWS: red. */
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
  // The ref answers keys that arrive in one burst (→ then Enter) before React re-renders.
  const focusRef = useRef(Math.max(0, choices.findIndex((c) => c.value === initial)));
  const [focus, setFocus] = useState(focusRef.current);
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.prompt.cancel, input, key)) onDismiss();
      else if (matchesKey(KEYMAP.prompt.switchFocus, input, key)) {
        focusRef.current = (focusRef.current + 1) % choices.length;
        setFocus(focusRef.current);
      } else if (matchesKey(KEYMAP.prompt.choose, input, key)) onChoose(choices[focusRef.current]!.value);
    },
    { isActive },
  );
  const anyDangerous = choices.some((c) => c.dangerous);
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={anyDangerous ? 'red' : 'yellow'} paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold>{title}</Text>
      {children}
      <Box marginTop={1} gap={2}>
        {choices.map((choice, index) => (
          <FocusButton key={choice.value} label={choice.label} focused={index === focus} {...(choice.dangerous ? { color: 'red' } : {})} />
        ))}
      </Box>
      <Text dimColor>Enter chooses · Tab/←/→ next answer · Esc cancels</Text>
    </Box>
  );
}
