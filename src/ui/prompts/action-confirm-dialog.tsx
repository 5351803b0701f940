/**
 * A yes/no confirmation for a pane's action that changes AWS (continue or roll back a canary,
 * rerun a script). Focus starts on Cancel (k9s' delete dialog), so a reflexive Enter changes
 * nothing; Esc cancels. The focused button is marked `▸ … ◂` as well as inverse, so focus reads
 * under NO_COLOR. Written for the canary and scripts panes while the shared confirm dialog
 * (src/ui/prompts/confirm-dialog.tsx, same props) was not on main yet; one of the two should go.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { KEYMAP, matchesKey } from '../console/keymap.js';

export interface ActionConfirmDialogProps {
  title: string;
  /** What happens if confirmed, one line per entry. */
  message?: string | readonly string[];
  /** Default `Confirm`. */
  confirmLabel?: string;
  /** Default `Cancel`. */
  cancelLabel?: string;
  /** Red border and confirm button. */
  dangerous?: boolean;
  isActive: boolean;
  onConfirm(): void;
  onCancel(): void;
  width?: number;
}

type Focus = 'cancel' | 'confirm';

export function ActionConfirmDialog({ title, message, confirmLabel = 'Confirm', cancelLabel = 'Cancel', dangerous = false, isActive, onConfirm, onCancel, width }: ActionConfirmDialogProps) {
  // Keys written in one burst (Tab, Enter) arrive before React re-renders: the ref sees the first.
  const focusRef = useRef<Focus>('cancel');
  const [focus, setFocus] = useState<Focus>('cancel');
  useInput(
    (input, key) => {
      if (matchesKey(KEYMAP.prompt.cancel, input, key)) onCancel();
      else if (matchesKey(KEYMAP.prompt.switchFocus, input, key)) {
        focusRef.current = focusRef.current === 'cancel' ? 'confirm' : 'cancel';
        setFocus(focusRef.current);
      } else if (matchesKey(KEYMAP.prompt.choose, input, key)) {
        if (focusRef.current === 'confirm') onConfirm();
        else onCancel();
      }
    },
    { isActive },
  );
  const lines = message === undefined ? [] : typeof message === 'string' ? [message] : message;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor={dangerous ? 'red' : 'yellow'} paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold wrap="truncate-end">
        {title}
      </Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-end">
          {line}
        </Text>
      ))}
      <Box gap={2}>
        <Button label={cancelLabel} focused={focus === 'cancel'} />
        <Button label={confirmLabel} focused={focus === 'confirm'} {...(dangerous ? { color: 'red' } : {})} />
      </Box>
      <Text dimColor wrap="truncate-end">
        Enter chooses · Tab/←/→ switch · Esc cancels
      </Text>
    </Box>
  );
}

function Button({ label, focused, color }: { label: string; focused: boolean; color?: string }) {
  return focused ? (
    <Text bold inverse {...(color ? { color } : {})}>
      {`▸ ${label} ◂`}
    </Text>
  ) : (
    <Text {...(color ? { color } : {})}>{`  ${label}  `}</Text>
  );
}
