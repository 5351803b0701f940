/**
 * A yes/no confirmation for anything that changes AWS (roll back, continue a paused canary,
 * cancel an update…). Focus starts on Cancel (k9s' delete dialog), so a reflexive Enter changes
 * nothing; Esc always cancels. The dialog only reads keys while `isActive`; whoever opens it calls
 * `setCapturing(true)` (PaneProps) while it is open so the shell's keys pause.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import { FocusButton } from './focus-button.js';

export interface ConfirmDialogProps {
  title: string;
  /** What happens if confirmed, one line per entry. */
  message?: string | readonly string[];
  /** Default `Confirm`. */
  confirmLabel?: string;
  /** Default `Cancel`. */
  cancelLabel?: string;
  /** Red border and confirm button (the action changes AWS). */
  dangerous?: boolean;
  isActive: boolean;
  onConfirm(): void;
  onCancel(): void;
  width?: number;
}

export function ConfirmDialog({ title, message, confirmLabel = 'Confirm', cancelLabel = 'Cancel', dangerous = false, isActive, onConfirm, onCancel, width }: ConfirmDialogProps) {
  // The ref answers keys that arrive in one burst (Tab then Enter) before React re-renders.
  const focusRef = useRef<'cancel' | 'confirm'>('cancel');
  const [focus, setFocus] = useState(focusRef.current);
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.prompt.cancel, input, key)) onCancel();
      else if (matchesKey(KEYMAP.prompt.switchFocus, input, key)) {
        focusRef.current = focusRef.current === 'cancel' ? 'confirm' : 'cancel';
        setFocus(focusRef.current);
      } else if (matchesKey(KEYMAP.prompt.choose, input, key)) (focusRef.current === 'confirm' ? onConfirm : onCancel)();
    },
    { isActive },
  );
  const lines = message === undefined ? [] : typeof message === 'string' ? [message] : message;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={dangerous ? 'red' : 'yellow'} paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold>{title}</Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="wrap">
          {line}
        </Text>
      ))}
      <Box marginTop={1} gap={2}>
        <FocusButton label={cancelLabel} focused={focus === 'cancel'} />
        <FocusButton label={confirmLabel} focused={focus === 'confirm'} color={dangerous ? 'red' : 'green'} />
      </Box>
      <Text dimColor>Enter chooses · Tab/←/→ switch · Esc cancels</Text>
    </Box>
  );
}
