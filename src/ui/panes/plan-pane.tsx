/**
 * The plan pane: the change set as the operator should read it — grouped by action with the most
 * destructive first, colour and symbol, the config name with the logical id dim beside it, the
 * property that forces each replacement and why, PolicyAction; a data-loss banner naming the
 * resources, protected and access-broadening changes called out; counts on top. While the engine
 * waits for approval: `y` approves, `n` rejects, `d` shows the selected change's properties; a
 * data-loss plan asks for the stack name in a type-to-confirm (Cancel focused) before approving.
 * The whole pane stays within `height` rows: the change list is windowed around the selection.
 */
import { Box, Text, useInput } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { PlanCounts, PlannedChange } from '../../engine/events.js';
import { ACTION_STYLE } from '../components/action-style.js';
import { listWindowStart } from '../components/list-window.js';
import { useKeptSelection } from '../components/use-kept-selection.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import type { PaneProps } from '../console/pane-props.js';
import { ApprovalPrompt, approvalPromptLines } from '../prompts/approval-prompt.js';
import { TypeToConfirm } from '../prompts/type-to-confirm.js';
import { PlanChangeDetails, planChangeDetailsLines } from './plan-change-details.js';
import { PlanChangeRow, shortType, type PlanColumns } from './plan-change-row.js';
import { displayName, planView } from './plan-view.js';

/** Rows the type-to-confirm box takes (border, title, one message line, the prompt, field, error, buttons, hint). */
const CONFIRM_BOX_LINES = 10;

type Sent = { id: string; answer: 'approve' | 'reject' };

export function PlanPane({ store, commands, focused, width, height, notify, setCapturing }: PaneProps) {
  const plan = useStore(store, (s) => s.plan);
  const approval = useStore(store, (s) => s.approval);
  const phase = useStore(store, (s) => s.phase);
  const stackName = useStore(store, (s) => s.session?.stack);
  const outcome = useStore(store, (s) => s.result?.outcome);

  const view = useMemo(() => planView(plan?.changes ?? []), [plan]);
  // The selected change (by logical id) is kept across tab switches (the shell mounts only the pane in view).
  const [selectedId, setSelectedId] = useKeptSelection(store, 'plan');
  const found = selectedId === undefined ? -1 : view.changes.findIndex((c) => c.logicalId === selectedId);
  const selected = found >= 0 ? found : 0;
  const selectedRef = useRef(selected);
  selectedRef.current = selected;
  const select = (index: number) => {
    const next = Math.max(0, Math.min(view.changes.length - 1, index));
    selectedRef.current = next;
    setSelectedId(view.changes[next]?.logicalId);
  };
  const [detailsOpen, setDetailsOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [sent, setSent] = useState<Sent | undefined>();
  const windowStart = useRef(0);

  const pending = approval !== undefined && approval.answered === undefined;
  const sentAnswer = sent && approval && sent.id === approval.id ? sent.answer : undefined;
  const selectedIndex = Math.min(selected, Math.max(0, view.changes.length - 1));
  const selectedChange = view.changes[selectedIndex];

  const confirmingRef = useRef(confirming);
  confirmingRef.current = confirming;
  const closeConfirm = () => {
    confirmingRef.current = false;
    setConfirming(false);
    setCapturing(false);
  };
  // An approval answered elsewhere (a timeout, a cancel) closes an open confirmation.
  useEffect(() => {
    if (confirming && !pending) closeConfirm();
  }, [pending, confirming]);
  // Leaving the pane with the prompt open must give the keyboard back (the latest setCapturing:
  // the shell may pass a new function each render, which must not count as leaving).
  const setCapturingRef = useRef(setCapturing);
  setCapturingRef.current = setCapturing;
  useEffect(
    () => () => {
      if (confirmingRef.current) setCapturingRef.current(false);
    },
    [],
  );

  // A ref, not only state: a second key in the same burst (y y, y n) must see the first answer.
  const sentRef = useRef<Sent | undefined>(undefined);
  const alreadySent = () => approval !== undefined && sentRef.current?.id === approval.id;
  const send = (answer: 'approve' | 'reject', run: () => void) => {
    if (!approval || alreadySent()) return;
    try {
      run();
      sentRef.current = { id: approval.id, answer };
      setSent(sentRef.current);
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), 'error');
    }
  };

  useInput(
    (input, key) => {
      if (confirmingRef.current) return; // keys after `y` in the same burst belong to the prompt
      if (matchesKey(KEYMAP.plan.down, input, key)) select(selectedRef.current + 1);
      else if (matchesKey(KEYMAP.plan.up, input, key)) select(selectedRef.current - 1);
      else if (matchesKey(KEYMAP.plan.details, input, key) || matchesKey(KEYMAP.approval.details, input, key)) {
        if (view.changes.length > 0) setDetailsOpen((open) => !open);
      } else if (pending && !alreadySent() && matchesKey(KEYMAP.approval.approve, input, key)) {
        if (approval.confirmText !== undefined) {
          confirmingRef.current = true;
          setConfirming(true);
          setCapturing(true);
        } else send('approve', () => commands.approve(approval.id));
      } else if (pending && !alreadySent() && matchesKey(KEYMAP.approval.reject, input, key)) {
        send('reject', () => commands.reject(approval.id));
      }
    },
    { isActive: focused && !confirming },
  );

  if (!plan) {
    return (
      <Box width={width}>
        <Text dimColor wrap="truncate-end">{outcome ? `No plan in this session (${outcome}).` : `Waiting for the plan…${phase ? ` (${phase})` : ''}`}</Text>
      </Box>
    );
  }

  const dataLoss = view.changes.filter((c) => c.dataLoss);
  const protectedChanges = view.changes.filter((c) => c.protectedViolation);
  const broadening = view.changes.filter((c) => c.securityBroadening);
  const allBanners = (dataLoss.length > 0 ? 1 : 0) + (protectedChanges.length > 0 ? 1 : 0) + (broadening.length > 0 ? 1 : 0);
  // The name prompt repeats what is destroyed; on a short pane it takes the banners' place.
  const showBanners = !confirming || height >= 1 + allBanners + CONFIRM_BOX_LINES;
  const bannerLines = showBanners ? allBanners : 0;
  const approvalLines = approval ? (confirming ? CONFIRM_BOX_LINES : approvalPromptLines(approval, sentAnswer)) : 0;
  const fixed = 1 + bannerLines + approvalLines;
  // Details get up to half of what is left, never less than 3 lines (else none) and never the list's
  // last row and indicator; while the name prompt is open the list may shrink to nothing.
  const detailsRoom = height - fixed - 2;
  const detailsLines = detailsOpen && selectedChange && !confirming && detailsRoom >= 3 ? Math.min(planChangeDetailsLines(selectedChange), Math.max(3, Math.floor((height - fixed) / 2)), detailsRoom) : 0;
  const listBudget = Math.max(confirming ? 0 : 1, height - fixed - detailsLines);
  const windowed = view.rows.length > listBudget && listBudget > 0;
  const listRows = windowed ? Math.max(confirming ? 0 : 1, listBudget - 1) : Math.min(view.rows.length, listBudget);
  const selectedRow = view.rows.findIndex((row) => row.kind === 'change' && row.index === selectedIndex);
  // Keep the selected change's group header in view when there is room.
  const anchor = selectedRow > 0 && view.rows[selectedRow - 1]?.kind === 'group' && listRows > 1 ? selectedRow - 1 : selectedRow;
  let start = listWindowStart(view.rows.length, Math.max(0, anchor), listRows, windowStart.current);
  if (selectedRow >= start + listRows) start = listWindowStart(view.rows.length, selectedRow, listRows, start);
  windowStart.current = start;
  const visible = view.rows.slice(start, start + listRows);
  const columns = planColumns(view.changes, width);

  return (
    <Box flexDirection="column" width={width}>
      <PlanSummary counts={plan.counts} changeSetType={plan.changeSetType} width={width} />
      {showBanners && dataLoss.length > 0 ? (
        <Text bold color="red" wrap="truncate-end">
          {`⚠ DATA LOSS: ${listNames(dataLoss, (c) => `${ACTION_STYLE[c.action].word}${c.policyAction ? `, ${c.policyAction}` : ''}`)} — ${dataLoss.length === 1 ? 'its' : 'their'} data will be destroyed`}
        </Text>
      ) : null}
      {showBanners && protectedChanges.length > 0 ? (
        <Text bold color="red" wrap="truncate-end">
          {`⛔ PROTECTED resources would be ${protectedChanges.every((c) => c.action === 'remove') ? 'removed' : 'replaced or removed'}: ${listNames(protectedChanges, (c) => ACTION_STYLE[c.action].word)}`}
        </Text>
      ) : null}
      {showBanners && broadening.length > 0 ? (
        <Text color="yellow" wrap="truncate-end">
          {`⚠ Broadens access (IAM / security groups): ${listNames(broadening, (c) => c.resourceType)}`}
        </Text>
      ) : null}
      {view.rows.length === 0 ? <Text dimColor>No changes.</Text> : null}
      {visible.map((row) =>
        row.kind === 'group' ? (
          <Text key={`group-${row.action}`} bold color={ACTION_STYLE[row.action].color} wrap="truncate-end">
            {`${ACTION_STYLE[row.action].symbol} ${ACTION_STYLE[row.action].word} (${row.count})`}
          </Text>
        ) : (
          <PlanChangeRow key={`change-${row.index}`} change={row.change} selected={row.index === selectedIndex} columns={columns} width={width} />
        ),
      )}
      {windowed ? (
        <Text dimColor wrap="truncate-end">
          {detailsOpen && detailsLines === 0 && !confirming
            ? '  no room for the details at this height: a taller terminal shows them'
            : `  rows ${start + 1}–${start + visible.length} of ${view.rows.length} · ${selectedIndex + 1}/${view.changes.length} selected · ${KEYMAP.plan.down.label} move`}
        </Text>
      ) : null}
      {detailsLines > 0 && selectedChange ? <PlanChangeDetails change={selectedChange} width={width} maxLines={detailsLines} /> : null}
      {approval && confirming ? (
        <TypeToConfirm
          title={dataLoss.length > 0 ? 'This plan destroys data' : plan.changeSetType === 'DELETE' ? 'This deletes the stack' : 'Confirm with the stack name'}
          message={
            dataLoss.length > 0
              ? `Destroys the data of ${listNames(dataLoss, (c) => ACTION_STYLE[c.action].word)}.`
              : `Affects ${listNames(view.changes.filter((c) => approval.resources.includes(c.logicalId)), (c) => ACTION_STYLE[c.action].word) || `${approval.resources.length} resources`}.`
          }
          expected={approval.confirmText ?? stackName ?? ''}
          confirmLabel="Approve"
          isActive={focused}
          width={width}
          onCancel={() => {
            closeConfirm();
            notify('Not approved: the confirmation was cancelled.');
          }}
          onSubmit={(typed) => {
            closeConfirm();
            send('approve', () => commands.approveWithConfirmation(approval.id, typed));
          }}
        />
      ) : approval ? (
        <ApprovalPrompt approval={approval} sent={sentAnswer} width={width} />
      ) : null}
    </Box>
  );
}

function PlanSummary({ counts, changeSetType, width }: { counts: PlanCounts; changeSetType: string; width: number }) {
  const kind = changeSetType === 'CREATE' ? 'New stack' : changeSetType === 'DELETE' ? 'Delete stack' : 'Update';
  const parts: { action: PlannedChange['action']; n: number }[] = [
    { action: 'add', n: counts.add },
    { action: 'modify', n: counts.modify },
    { action: 'replace', n: counts.replace },
    { action: 'may-replace', n: counts.mayReplace },
    { action: 'remove', n: counts.remove },
  ];
  const shown = parts.filter(({ n }) => n > 0);
  return (
    <Box width={width}>
      <Text wrap="truncate-end">
        <Text bold>{`${kind} · ${counts.total} change${counts.total === 1 ? '' : 's'}${shown.length > 0 ? ':' : ''}`}</Text>
        {shown.map(({ action, n }) => (
          <Text key={action} color={ACTION_STYLE[action].color}>
            {`  ${ACTION_STYLE[action].symbol} ${n} ${ACTION_STYLE[action].word}`}
          </Text>
        ))}
        {counts.dataLoss > 0 ? <Text bold color="red">{`  · ${counts.dataLoss} data loss`}</Text> : null}
      </Text>
    </Box>
  );
}

function listNames(changes: readonly PlannedChange[], what: (change: PlannedChange) => string): string {
  return changes.map((c) => `${displayName(c)}${c.owner ? ` ${c.logicalId}` : ''} (${what(c)})`).join(', ');
}

/** Column widths: as wide as the content, capped by a share of the pane so narrow terminals keep the why. */
function planColumns(changes: readonly PlannedChange[], width: number): PlanColumns {
  return {
    name: Math.min(28, Math.max(12, Math.floor(width * 0.3)), Math.max(4, ...changes.map((c) => displayName(c).length + (c.owner ? c.logicalId.length + 1 : 0)))),
    type: Math.min(22, Math.max(8, Math.floor(width * 0.22)), Math.max(4, ...changes.map((c) => shortType(c.resourceType).length))),
  };
}
