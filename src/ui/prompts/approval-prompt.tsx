/**
 * The plan's approval line: the question and its keys while the engine waits (y approve, n reject,
 * d details; a data-loss plan asks for the stack name next), "sent" while the answer travels, and
 * afterwards who answered and how. Presentational: the plan pane owns the keys.
 */
import { Box, Text } from 'ink';
import type { SessionState } from '../../engine/session/session-store.js';
import { KEYMAP } from '../console/keymap.js';

export type Approval = NonNullable<SessionState['approval']>;

const QUESTION: Record<Approval['level'], string> = {
  changes: 'Apply these changes?',
  destructive: 'This plan replaces or removes resources. Apply it?',
  'data-loss': 'This plan DESTROYS DATA. Apply it?',
};

function answeredBy(answer: NonNullable<Approval['answered']>): string {
  const who = answer.by === 'key' ? 'you' : answer.by === 'flag' ? 'flag' : answer.by;
  return `${who}${answer.reason ? ` (${answer.reason})` : ''}`;
}

/** Lines it draws: 2 while pending, 1 once answered or sent. */
export function approvalPromptLines(approval: Approval | undefined, sent: 'approve' | 'reject' | undefined): number {
  if (!approval) return 0;
  return approval.answered || sent ? 1 : 2;
}

export function ApprovalPrompt({ approval, sent, width }: { approval: Approval; sent: 'approve' | 'reject' | undefined; width: number }) {
  if (approval.answered) {
    return approval.answered.approved ? (
      <Text color="green" wrap="truncate-end">{`✓ approved by ${answeredBy(approval.answered)}`}</Text>
    ) : (
      <Text color="red" wrap="truncate-end">{`✗ rejected by ${answeredBy(approval.answered)}`}</Text>
    );
  }
  if (sent) return <Text color="cyan" wrap="truncate-end">{sent === 'approve' ? '… approval sent; waiting for the engine' : '… rejection sent; waiting for the engine'}</Text>;
  const danger = approval.level !== 'changes';
  const a = KEYMAP.approval;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end" color={danger ? 'red' : 'yellow'}>
        {`? ${QUESTION[approval.level]}`}
        {approval.confirmText ? <Text bold={false}>{` (you will type ${approval.confirmText} to confirm)`}</Text> : null}
      </Text>
      <Text wrap="truncate-end">
        <Text bold color="red">{a.approve.label}</Text>
        {` ${approval.confirmText ? 'approve…' : 'approve'}   `}
        <Text bold>{a.reject.label}</Text>
        {' reject   '}
        <Text bold>{KEYMAP.plan.details.label}</Text>
        {' details   '}
        <Text bold>{KEYMAP.plan.down.label}</Text>
        {' select'}
      </Text>
    </Box>
  );
}
