/**
 * The engine's recovery actions on the failure screen, exactly what `stp rollback` would do for
 * the stack's status (`recoveryFor`): `r` rolls a failed stack back (RollbackStack), `s` recovers
 * UPDATE_ROLLBACK_FAILED by picking the resources to skip (ContinueUpdateRollback). Each is
 * confirmed with Cancel focused; a command that cannot run says why in the footer.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { recoveryFor } from '../../engine/deploy/recovery-action.js';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { ResourceRow, SessionState } from '../../engine/session/session-store.js';
import { ConfirmDialog } from '../prompts/confirm-dialog.js';
import { KEYMAP, matchesKey } from './keymap.js';
import type { NoticeTone } from './pane-props.js';
import { SkipPicker } from './skip-picker.js';

type Step = { kind: 'idle' } | { kind: 'confirm-rollback' } | { kind: 'pick' } | { kind: 'confirm-recover'; skip: string[] };

export interface FailureActionsProps {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  stackStatus: string | undefined;
  stackName: string;
  focused: boolean;
  notify(message: string, tone?: NoticeTone): void;
  setCapturing(capturing: boolean): void;
  onStarted(): void;
  height: number;
}

/** The resources ContinueUpdateRollback may skip: those that failed; all known ones if none did. */
export function skipCandidates(resources: Record<string, ResourceRow>): ResourceRow[] {
  const rows = Object.values(resources);
  const failed = rows.filter((row) => row.status.endsWith('_FAILED'));
  return (failed.length > 0 ? failed : rows).sort((a, b) => a.logicalId.localeCompare(b.logicalId));
}

export function FailureActions({ store, commands, stackStatus, stackName, focused, notify, setCapturing, onStarted, height }: FailureActionsProps) {
  const resources = useStore(store, (s) => s.resources);
  const candidates = useMemo(() => skipCandidates(resources), [resources]);
  const [step, setStepState] = useState<Step>({ kind: 'idle' });
  const action = stackStatus ? recoveryFor(stackStatus) : undefined;
  // The shell's keys pause from the moment a question or the picker opens (not a frame later).
  const stepNow = useRef<Step>(step);
  const setStep = (next: Step) => {
    stepNow.current = next;
    setCapturing(next.kind !== 'idle');
    setStepState(next);
  };
  useEffect(() => () => setCapturing(false), [setCapturing]);
  useInput(
    (input, key) => {
      if (stepNow.current.kind !== 'idle') return;
      if (action === 'rollback' && matchesKey(KEYMAP.failure.rollback, input, key)) setStep({ kind: 'confirm-rollback' });
      else if (action === 'recover' && matchesKey(KEYMAP.failure.recover, input, key)) setStep({ kind: 'pick' });
    },
    { isActive: focused },
  );
  const run = (what: string, call: () => Promise<void>) => {
    setStep({ kind: 'idle' });
    onStarted();
    notify(what);
    call().catch((error: unknown) => notify((error as Error).message, 'error'));
  };
  if (action !== 'rollback' && action !== 'recover') return null;
  return (
    <Box flexDirection="column" marginTop={1}>
      {step.kind === 'idle' ? (
        <Text wrap="truncate">
          <Text bold color="yellow">
            {stackName} is {stackStatus}.
          </Text>{' '}
          {action === 'rollback' ? (
            <Text>
              <Text bold color="red">r</Text> roll it back
            </Text>
          ) : (
            <Text>
              <Text bold color="red">s</Text> continue the rollback, skipping resources you pick
            </Text>
          )}
        </Text>
      ) : null}
      {step.kind === 'confirm-rollback' ? (
        <ConfirmDialog
          title={`Roll ${stackName} back?`}
          message="CloudFormation returns every resource to its last working state (RollbackStack)."
          confirmLabel="Roll back"
          dangerous
          isActive={focused}
          onConfirm={() => run(`Rolling ${stackName} back…`, () => commands.rollback())}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      ) : null}
      {step.kind === 'pick' ? (
        <SkipPicker candidates={candidates} onConfirm={(skip) => setStep({ kind: 'confirm-recover', skip })} onCancel={() => setStep({ kind: 'idle' })} isActive={focused} height={height} />
      ) : null}
      {step.kind === 'confirm-recover' ? (
        <ConfirmDialog
          title={`Continue the rollback of ${stackName}?`}
          message={step.skip.length > 0 ? `Skipping (left as they are, no longer managed consistently): ${step.skip.join(', ')}` : 'Skipping nothing: CloudFormation retries every resource.'}
          confirmLabel="Continue the rollback"
          dangerous
          isActive={focused}
          onConfirm={() => {
            const skip = step.skip;
            run(`Continuing the rollback of ${stackName}${skip.length > 0 ? `, skipping ${skip.join(', ')}` : ''}…`, () => commands.recover(skip));
          }}
          onCancel={() => setStep({ kind: 'idle' })}
        />
      ) : null}
    </Box>
  );
}
