/**
 * The canary pane: per ECS service (the `ecs.deployment` events) the production traffic split, the
 * lifecycle stage timeline, the bake countdown, the hooks seen (Lambda and PAUSE, with a PAUSE
 * hook's expiry counting down), the rollback reason and the tasks that stopped. When a PAUSE hook
 * awaits, `c` continues and `r` rolls back; `r` also rolls back a running deployment. Both go
 * through a confirmation with Cancel focused, and the command's answer or error goes to the footer
 * (`notify`). Everything shown comes from the events; missing data is left out.
 */
import { Box, Text, useInput } from 'ink';
import Spinner from 'ink-spinner';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { EcsHookState, EventOfType } from '../../engine/events.js';
import type { EcsHookRecord, EcsServiceHistory, EcsStoppedTask } from '../../engine/session/ecs-history.js';
import { formatClock } from '../components/format-duration.js';
import { listWindowStart } from '../components/list-window.js';
import { formatPercent, TrafficBar } from '../components/traffic-bar.js';
import { useKeptSelection } from '../components/use-kept-selection.js';
import { useNow } from '../components/use-now.js';
import { KEYMAP, matchesKey } from '../console/keymap.js';
import type { PaneProps } from '../console/pane-props.js';
import { ConfirmDialog } from '../prompts/confirm-dialog.js';
import { isFailedStatus, stageLabel, stagePosition, stageTimeline, type StageMark } from './canary-timeline.js';

type Deployment = EventOfType<'ecs.deployment'>;

type Dialog = { action: 'continue'; service: string; hookId: string } | { action: 'rollback'; service: string; hookId?: string };

/**
 * A bake counts down from when its report reached the console (ECS reports no "bake ends at").
 * Noted per report object for every service, outside the component: the shell mounts only the
 * pane in view, and a tab switch must not restart a countdown. Weak: old reports go with the store.
 */
const ARRIVALS = new WeakMap<object, number>();

const TERMINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

/** The PAUSE hook ECS is waiting on now, if any. */
export function awaitingPause(deployment: Deployment): EcsHookState | undefined {
  return deployment.hooks.find((hook) => hook.kind === 'pause' && hook.status === 'AWAITING_ACTION');
}

export function CanaryPane({ store, commands, focused, width, height, notify, setCapturing, showLogs }: PaneProps) {
  const ecs = useStore(store, (s) => s.ecs);
  const histories = useStore(store, (s) => s.ecsHistory);
  const stoppedTasks = useStore(store, (s) => s.ecsStoppedTasks);
  const names = useMemo(() => Object.keys(ecs).sort(), [ecs]);
  const [chosen, setChosen] = useKeptSelection(store, 'canary');
  const selected = chosen !== undefined && names.includes(chosen) ? chosen : names[0];
  const deployment = selected !== undefined ? ecs[selected] : undefined;
  for (const report of Object.values(ecs)) if (!ARRIVALS.has(report)) ARRIVALS.set(report, Date.now());
  const receivedAt = deployment ? (ARRIVALS.get(deployment) ?? Date.now()) : 0;
  const [dialog, setDialog] = useState<Dialog>();

  const open = dialog !== undefined;
  useEffect(() => {
    if (!open) return undefined;
    setCapturing(true);
    return () => setCapturing(false);
  }, [open, setCapturing]);

  // A gate answered elsewhere (its timeout, another operator) while its dialog is open: close it.
  const gone = dialog?.action === 'continue' && (ecs[dialog.service] === undefined || awaitingPause(ecs[dialog.service]!)?.id !== dialog.hookId);
  useEffect(() => {
    if (!gone || dialog?.action !== 'continue') return;
    setDialog(undefined);
    notify(`${dialog.service}: PAUSE hook ${shortHookId(dialog.hookId)} is no longer awaiting action`, 'info');
  }, [gone, dialog, notify]);

  const run = (action: Promise<void>, done: string) => {
    action.then(
      () => notify(done, 'info'),
      (error: unknown) => notify(error instanceof Error ? error.message : String(error), 'error'),
    );
  };

  // Keys typed faster than React re-subscribes the handler still see the latest selection.
  const latest = useRef({ names, selected, deployment });
  latest.current = { names, selected, deployment };
  useInput(
    (input, key) => {
      const { names, selected, deployment } = latest.current;
      if (names.length === 0) return;
      const index = Math.max(0, names.indexOf(selected ?? ''));
      if (matchesKey(KEYMAP.canary.next, input, key)) setChosen(names[Math.min(names.length - 1, index + 1)]);
      else if (matchesKey(KEYMAP.canary.previous, input, key)) setChosen(names[Math.max(0, index - 1)]);
      else if (!selected || !deployment) return;
      else if (matchesKey(KEYMAP.canary.openLogs, input, key)) showLogs(selected);
      else if (matchesKey(KEYMAP.canary.continue, input, key)) {
        const pause = awaitingPause(deployment);
        if (pause) {
          setChosen(selected); // a service arriving meanwhile must not move the selection under the dialog
          setDialog({ action: 'continue', service: selected, hookId: pause.id });
        } else notify(`${selected} is not paused at a hook: nothing to continue`, 'info');
      } else if (matchesKey(KEYMAP.canary.rollback, input, key)) {
        if (TERMINAL.has(deployment.status)) notify(`the deployment of ${selected} has already ended (${deployment.status}): nothing to roll back`, 'info');
        else {
          const pause = awaitingPause(deployment);
          setChosen(selected);
          setDialog({ action: 'rollback', service: selected, ...(pause ? { hookId: pause.id } : {}) });
        }
      }
    },
    { isActive: focused && !open },
  );

  const confirm = () => {
    if (!dialog) return;
    setDialog(undefined);
    if (dialog.action === 'continue') run(commands.continueCanary(dialog.service, dialog.hookId), `${dialog.service}: continued past PAUSE hook ${shortHookId(dialog.hookId)}`);
    else run(commands.rollbackCanary(dialog.service), `${dialog.service}: rollback requested`);
  };

  if (names.length === 0 || !selected || !deployment) {
    return (
      <Box flexDirection="column" width={width}>
        <Text wrap="truncate-end">No ECS service deployment in this session yet.</Text>
        {height > 1 ? (
          <Text dimColor wrap="truncate-end">
            Services released with a canary, linear or blue/green strategy show their traffic split, stages and hooks here.
          </Text>
        ) : null}
      </Box>
    );
  }

  const rows: ReactNode[] = [];
  const serviceRows = Math.max(1, Math.min(names.length, Math.floor(height / 4)));
  const start = listWindowStart(names.length, names.indexOf(selected), serviceRows);
  for (const name of names.slice(start, start + serviceRows)) rows.push(<ServiceRow key={`service:${name}`} name={name} deployment={ecs[name]!} selected={name === selected} />);
  rows.push(
    // Without a stage or a listener rule it is a rolling deployment (or one not started): no split to draw.
    deployment.stage === undefined && deployment.weightsFrom === 'schedule' ? (
      <Text key="bar" dimColor wrap="truncate-end">
        no traffic split (a rolling deployment replaces tasks in place)
      </Text>
    ) : (
      <TrafficBar key="bar" source={deployment.weights.source} target={deployment.weights.target} width={width} />
    ),
  );

  if (dialog) {
    const lines = dialogLines(dialog, deployment);
    return (
      <Box flexDirection="column" width={width}>
        {rows}
        <ConfirmDialog
          title={lines.title}
          message={lines.message}
          confirmLabel={dialog.action === 'continue' ? 'Continue' : 'Roll back'}
          dangerous
          isActive={focused}
          onConfirm={confirm}
          onCancel={() => setDialog(undefined)}
          width={Math.min(width, 100)}
        />
      </Box>
    );
  }

  const history = histories[selected];
  rows.push(...timelineRows(deployment, history, width));
  rows.push(<StatusRow key="status" deployment={deployment} receivedAt={receivedAt} />);
  const pause = awaitingPause(deployment);
  if (pause) rows.push(<PauseRow key="pause" stage={deployment.stage} hook={pause} />);
  if (deployment.rollback) {
    // The reason is the one thing an operator must read whole: wrapped, up to three lines.
    wrapLines(`↺ rollback: ${deployment.rollback.reason ?? 'ECS gave no reason'}`, width, 3).forEach((text, index) =>
      rows.push(
        <Text key={`rollback:${index}`} color="yellow" wrap="truncate-end">
          {text}
        </Text>,
      ),
    );
  }
  const previous = history?.deploymentArn === deployment.deploymentArn ? history.previous : undefined;
  if (previous) {
    // After a failed deployment a stack rollback starts another: say how the one before ended.
    const where = previous.stage ? ` at ${stageLabel(previous.stage)}` : '';
    const why = previous.rollback?.reason ? `: ${previous.rollback.reason}` : '';
    wrapLines(`the deployment before this one ended ${previous.status}${where}${why}`, width, 2).forEach((text, index) =>
      rows.push(
        <Text key={`previous:${index}`} {...(isFailedStatus(previous.status) ? { color: 'yellow' } : { dimColor: true })} wrap="truncate-end">
          {text}
        </Text>,
      ),
    );
  }
  const hooks = history?.deploymentArn === deployment.deploymentArn ? history.hooks : deployment.hooks.map((hook) => ({ ...hook, listed: true }));
  const tasks = stoppedTasks[selected] ?? [];
  if (hooks.length > 0) {
    // A linear deployment gates every step: when they do not all fit, the newest (the live one) show,
    // leaving two rows for the stopped tasks.
    const room = Math.max(1, height - rows.length - 1 - (tasks.length > 0 ? 2 : 0));
    rows.push(
      <Text key="hooks" bold wrap="truncate-end">
        {hooks.length > room ? `hooks (${hooks.length}, newest ${room})` : 'hooks'}
      </Text>,
    );
    for (const hook of hooks.slice(-room)) rows.push(<HookRow key={`hook:${hook.id}`} hook={hook} deployment={deployment} />);
  }
  if (tasks.length > 0) {
    const room = Math.max(1, height - rows.length - 1);
    rows.push(
      <Text key="tasks" bold wrap="truncate-end">
        {`stopped tasks (${tasks.length}${tasks.length > room ? `, newest ${room}` : ''})`}
      </Text>,
    );
    for (const task of tasks.slice(-room)) rows.push(<TaskRow key={`task:${task.taskArn}`} task={task} />);
  }
  return (
    <Box flexDirection="column" width={width}>
      {rows.slice(0, Math.max(1, height))}
    </Box>
  );
}

function dialogLines(dialog: Dialog, deployment: Deployment): { title: string; message: string[] } {
  const split = `${formatPercent(deployment.weights.source)} old / ${formatPercent(deployment.weights.target)} new`;
  if (dialog.action === 'continue') {
    return {
      title: `Continue the deployment of ${dialog.service}?`,
      message: [`Answers PAUSE hook ${shortHookId(dialog.hookId)} with CONTINUE.`, `Production traffic moves on from ${split}.`],
    };
  }
  return {
    title: `Roll back the deployment of ${dialog.service}?`,
    message: [
      dialog.hookId ? `Answers PAUSE hook ${shortHookId(dialog.hookId)} with ROLLBACK.` : 'Stops the deployment with a rollback (StopServiceDeployment).',
      `All traffic returns to the old revision (now ${split}).`,
    ],
  };
}

/** `text` cut into lines of at most `width` columns (at spaces where it can), at most `max` lines. */
export function wrapLines(text: string, width: number, max: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && lines.length < max) {
    if (rest.length <= width) {
      lines.push(rest);
      break;
    }
    const space = rest.lastIndexOf(' ', width);
    const cut = space > width / 2 ? space : width;
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  return lines;
}

/** `ecs-pause-UDijqD5EYXfh…`: enough to tell two hooks apart. */
export function shortHookId(id: string): string {
  return id.length > 22 ? `${id.slice(0, 21)}…` : id;
}

/** A Lambda hook's function name from its ARN, else the hook id. */
export function hookName(hook: EcsHookState): string {
  if (hook.kind === 'pause') return shortHookId(hook.id);
  const fn = hook.target?.match(/:function:([^:]+)/)?.[1];
  return fn ?? shortHookId(hook.id);
}

function StatusSymbol({ status, paused }: { status: string; paused: boolean }) {
  if (paused) return <Text color="yellow">⏸</Text>;
  if (status === 'SUCCESSFUL') return <Text color="green">✓</Text>;
  if (status === 'ROLLBACK_FAILED' || status === 'STOPPED') return <Text color="red">✗</Text>;
  if (status.startsWith('ROLLBACK') || status === 'STOP_REQUESTED') return <Text color="yellow">↺</Text>;
  return (
    <Text color="cyan">
      <Spinner type="dots" />
    </Text>
  );
}

function ServiceRow({ name, deployment, selected }: { name: string; deployment: Deployment; selected: boolean }) {
  const paused = awaitingPause(deployment) !== undefined;
  return (
    <Text wrap="truncate-end">
      <Text color={selected ? 'cyan' : undefined}>{selected ? '▸ ' : '  '}</Text>
      <StatusSymbol status={deployment.status} paused={paused} />
      <Text bold={selected}>{` ${name}`}</Text>
      <Text>{`  ${deployment.status}`}</Text>
      <Text>{` · ${formatPercent(deployment.weights.source)} old / ${formatPercent(deployment.weights.target)} new`}</Text>
      {paused ? <Text color="yellow"> · paused</Text> : null}
    </Text>
  );
}

const MARK_SYMBOL: Record<StageMark, { symbol: string; color?: string; dim?: boolean }> = {
  done: { symbol: '✓', color: 'green' },
  current: { symbol: '▶', color: 'cyan' },
  failed: { symbol: '✗', color: 'red' },
  pending: { symbol: '·', dim: true },
};

function timelineRows(deployment: Deployment, history: EcsServiceHistory | undefined, width: number): ReactNode[] {
  if (deployment.stage === undefined) {
    return [
      <Text key="timeline" dimColor wrap="truncate-end">
        no lifecycle stages reported (a rolling deployment, or ECS has not started one yet)
      </Text>,
    ];
  }
  const seen = history?.deploymentArn === deployment.deploymentArn ? history.stages : [];
  const entries = stageTimeline(deployment.stage, deployment.status, seen);
  // Wrap the entries into lines of `width` columns (every character here is one column wide).
  const lines: (typeof entries)[] = [[]];
  let used = 0;
  for (const entry of entries) {
    const size = entry.label.length + 2 + (used > 0 ? 3 : 0);
    if (used > 0 && used + size > width) {
      lines.push([]);
      used = 0;
    }
    lines.at(-1)!.push(entry);
    used += entry.label.length + 2 + (used > 0 ? 3 : 0);
  }
  return lines.map((line, row) => (
    <Text key={`timeline:${row}`} wrap="truncate-end">
      {line.map((entry, index) => {
        const mark = MARK_SYMBOL[entry.mark];
        return (
          <Text key={entry.stage}>
            {index > 0 ? <Text dimColor>{' › '}</Text> : null}
            <Text {...(mark.color ? { color: mark.color } : {})} dimColor={mark.dim === true}>
              {mark.symbol}
            </Text>
            <Text dimColor={entry.mark === 'pending'} bold={entry.mark === 'current' || entry.mark === 'failed'}>{` ${entry.label}`}</Text>
          </Text>
        );
      })}
    </Text>
  ));
}

function StatusRow({ deployment, receivedAt }: { deployment: Deployment; receivedAt: number }) {
  const bake = deployment.bakeRemainingS;
  // A reported 0 is no bake (BakeTimeInMinutes 0, which compile sends) or one that just ended.
  const baking = bake !== undefined && bake > 0 && !TERMINAL.has(deployment.status);
  return (
    <Text wrap="truncate-end">
      <Text>{deployment.stage ? `stage ${deployment.stage}` : `status ${deployment.status}`}</Text>
      {baking ? (
        <Text color="cyan">
          {' · bake '}
          <Countdown until={receivedAt + bake * 1000} />
          {' left'}
        </Text>
      ) : null}
      <Text dimColor>{` · split from ${deployment.weightsFrom === 'listener-rule' ? 'the listener rule' : "ECS's schedule"}`}</Text>
    </Text>
  );
}

function PauseRow({ stage, hook }: { stage: string | undefined; hook: EcsHookState }) {
  return (
    <Text color="yellow" wrap="truncate-end">
      {`⏸ paused${stage ? ` at ${stageLabel(stage)}` : ''}: c continue · r roll back`}
      {hook.expiresAt ? (
        <Text>
          {' · expires in '}
          <Countdown until={Date.parse(hook.expiresAt)} />
          {hook.reason ? `, then ${hook.reason.replace(/^on timeout: /, '')}` : ''}
        </Text>
      ) : null}
    </Text>
  );
}

function Countdown({ until }: { until: number }) {
  const now = useNow(1000);
  return <Text>{formatClock((until - now) / 1000)}</Text>;
}

/** How a hook's state reads: ECS's last status, or what its disappearance means. */
export function hookOutcome(hook: EcsHookRecord, deployment: Deployment): { symbol: string; color?: string; text: string } {
  switch (hook.status) {
    case 'SUCCEEDED':
      return { symbol: '✓', color: 'green', text: 'succeeded' };
    case 'FAILED':
      return { symbol: '✗', color: 'red', text: 'failed' };
    case 'TIMED_OUT':
      return { symbol: '✗', color: 'red', text: `timed out${hook.reason ? ` (${hook.reason})` : ''}` };
  }
  if (hook.listed) {
    if (hook.status === 'AWAITING_ACTION') return { symbol: '⏸', color: 'yellow', text: 'awaiting action' };
    return { symbol: '…', color: 'cyan', text: hook.status === 'IN_PROGRESS' ? 'running' : hook.status };
  }
  // ECS lists a hook only while its stage runs: gone with the deployment moving on means it let it
  // pass; gone with the deployment rolled back at the hook's stage means the rollback ended it.
  const passedStage = deployment.stage !== undefined && stagePosition(hook.stage) >= 0 && stagePosition(hook.stage) < stagePosition(deployment.stage);
  if (isFailedStatus(deployment.status) && !passedStage) return { symbol: '↺', color: 'yellow', text: `ended by the rollback (last seen ${hook.status})` };
  return { symbol: '✓', color: 'green', text: `passed (last seen ${hook.status})` };
}

function HookRow({ hook, deployment }: { hook: EcsHookRecord; deployment: Deployment }) {
  const outcome = hookOutcome(hook, deployment);
  return (
    <Text wrap="truncate-end">
      {'  '}
      <Text {...(outcome.color ? { color: outcome.color } : {})}>{outcome.symbol}</Text>
      <Text>{` ${hook.kind === 'pause' ? 'PAUSE' : 'Lambda'} ${hookName(hook)}`}</Text>
      <Text dimColor>{hook.stage ? ` · ${stageLabel(hook.stage)}` : ''}</Text>
      <Text>{` · ${outcome.text}`}</Text>
    </Text>
  );
}

function TaskRow({ task }: { task: EcsStoppedTask }) {
  const id = task.taskArn.split('/').pop() ?? task.taskArn;
  const exit = task.container !== undefined && task.exitCode !== undefined ? ` · ${task.container} exit ${task.exitCode}` : '';
  return <Text wrap="truncate-end">{`  task ${id.slice(0, 8)}${exit} · ${task.reason}`}</Text>;
}
