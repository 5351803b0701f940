/**
 * The questions asked while an update runs in AWS. `q` / Ctrl-C: leave it running (detach) or
 * cancel it (CloudFormation rolls it back)? `x`: cancel it? Cancel — the question's own, which
 * changes nothing — is focused, so a stray Enter never rolls back a deploy.
 */
import { Text } from 'ink';
import { ChoiceDialog, type DialogChoice } from '../prompts/choice-dialog.js';
import { ConfirmDialog } from '../prompts/confirm-dialog.js';

export type QuitAnswer = 'cancel' | 'detach' | 'rollback';

const QUIT_CHOICES: readonly DialogChoice<QuitAnswer>[] = [
  { value: 'cancel', label: 'Cancel' },
  { value: 'detach', label: 'Detach (leave it running)' },
  { value: 'rollback', label: 'Cancel the update (roll back)', dangerous: true },
];

export function QuitDialog({ mode, onAnswer, width }: { mode: 'quit' | 'cancel-update'; onAnswer(answer: QuitAnswer): void; width: number }) {
  if (mode === 'cancel-update') {
    return (
      <ConfirmDialog
        title="Cancel the running update?"
        message="CloudFormation stops the update and rolls every resource back to its previous state."
        confirmLabel="Cancel the update (roll back)"
        dangerous
        isActive
        onConfirm={() => onAnswer('rollback')}
        onCancel={() => onAnswer('cancel')}
        width={width}
      />
    );
  }
  return (
    <ChoiceDialog title="An update is running in AWS. Leave it running, or cancel it?" choices={QUIT_CHOICES} initial="cancel" onChoose={onAnswer} onDismiss={() => onAnswer('cancel')} width={width}>
      <Text wrap="truncate" dimColor>
        Detach: stp stops watching, CloudFormation finishes on its own. Cancel the update: CloudFormation rolls it back.
      </Text>
    </ChoiceDialog>
  );
}
