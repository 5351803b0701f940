/**
 * Type-to-confirm for the most dangerous answers (a plan that destroys data), after Shopify
 * cli-kit's DangerousConfirmationPrompt: "Type <name> to confirm, or press Escape to cancel".
 * Focus starts on Cancel, so a reflexive Enter cancels; typing moves focus to the text field, and
 * Enter there submits only when the text is exactly `expected` — a wrong name is answered in place
 * and submits nothing. A hand-written field rather than @inkjs/ui's TextInput: the first typed
 * character must both move focus off Cancel and land in the field, which an uncontrolled
 * TextInput cannot do. The opener calls `setCapturing(true)` while it is open.
 */
import { Box, Text, useInput } from 'ink';
import { useRef, useState } from 'react';
import { KEYMAP, keyName, matchesKey } from '../console/keymap.js';
import { FocusButton } from './focus-button.js';

export interface TypeToConfirmProps {
  title: string;
  /** Lines above the field (what will be lost). */
  message?: string | readonly string[];
  /** What must be typed, e.g. the stack name. */
  expected: string;
  /** Default `Confirm`. */
  confirmLabel?: string;
  isActive: boolean;
  /** Called only with text equal to `expected`. */
  onSubmit(typed: string): void;
  onCancel(): void;
  width?: number;
}

type Focus = 'cancel' | 'input' | 'confirm';
const FOCUS_ORDER: readonly Focus[] = ['cancel', 'input', 'confirm'];

export function TypeToConfirm({ title, message, expected, confirmLabel = 'Confirm', isActive, onSubmit, onCancel, width }: TypeToConfirmProps) {
  // Refs answer keys that arrive in one burst (a pasted name then Enter) before React re-renders.
  const state = useRef<{ focus: Focus; typed: string }>({ focus: 'cancel', typed: '' });
  const [view, setView] = useState<{ focus: Focus; typed: string; error?: string }>({ focus: 'cancel', typed: '' });
  const update = (focus: Focus, typed: string, error?: string) => {
    state.current = { focus, typed };
    setView({ focus, typed, ...(error ? { error } : {}) });
  };

  useInput(
    (input, key) => {
      const { focus, typed } = state.current;
      if (matchesKey(KEYMAP.prompt.cancel, input, key)) return onCancel();
      if (matchesKey(KEYMAP.prompt.choose, input, key)) {
        if (focus === 'cancel') return onCancel();
        // Surrounding spaces are forgiven (as the engine does); anything else must match exactly.
        if (typed.trim() === expected) return onSubmit(typed.trim());
        return update('input', typed, typed === '' ? `Type ${expected} first.` : `"${typed}" is not ${expected}; nothing was approved.`);
      }
      if (matchesKey(KEYMAP.prompt.switchFocus, input, key)) {
        const step = keyName(input, key) === 'shift+tab' || key.leftArrow ? -1 : 1;
        const next = FOCUS_ORDER[(FOCUS_ORDER.indexOf(focus) + step + FOCUS_ORDER.length) % FOCUS_ORDER.length]!;
        return update(next, typed);
      }
      if (matchesKey(KEYMAP.prompt.deleteChar, input, key)) return update('input', typed.slice(0, -1));
      // Text entry: anything printable (not a named key, not a control chord) goes into the field.
      if (input && !key.ctrl && !key.meta && (keyName(input, key) === input || input === ' ')) update('input', typed + input.replace(/[\u0000-\u001F\u007F]/g, ''));
    },
    { isActive },
  );

  const lines = message === undefined ? [] : typeof message === 'string' ? [message] : message;
  const matches = view.typed.trim() === expected;
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="red" paddingX={1} {...(width !== undefined ? { width } : {})}>
      <Text bold color="red">
        {title}
      </Text>
      {lines.map((line, index) => (
        <Text key={index} wrap="wrap">
          {line}
        </Text>
      ))}
      <Text>
        Type <Text bold>{expected}</Text> to confirm, or press Escape to cancel.
      </Text>
      <Box>
        <Text {...(view.focus === 'input' ? { color: 'cyan' } : { dimColor: true })}>{view.focus === 'input' ? '▸ ' : '  '}</Text>
        <Text>{view.typed}</Text>
        <Text {...(view.focus === 'input' ? { inverse: true } : { dimColor: true })}>{view.focus === 'input' ? ' ' : view.typed === '' ? '(type here)' : ''}</Text>
        {matches ? <Text color="green"> ✓</Text> : null}
      </Box>
      {view.error ? <Text color="red">✗ {view.error}</Text> : null}
      <Box marginTop={1} gap={2}>
        <FocusButton label="Cancel" focused={view.focus === 'cancel'} />
        <FocusButton label={confirmLabel} focused={view.focus === 'confirm'} color="red" />
      </Box>
      <Text dimColor>Enter submits the name (on Cancel: cancels) · Tab/←/→ switch · Esc cancels</Text>
    </Box>
  );
}
