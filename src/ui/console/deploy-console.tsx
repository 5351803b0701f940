/**
 * The console's shell: the frame every pane lives in. Header (stack · stage · region · target ·
 * phase · elapsed), the phase path, the tab bar, the focused pane inside a height budget (the whole
 * frame stays shorter than the terminal), and a footer with short help and the latest notice.
 * It owns the session-wide keys (KEYMAP.global): panes, `?` help, `q` quit (during an update:
 * detach or roll back), `x` cancel the update, Ctrl-C (twice forces), and the result / failure
 * screen once the deploy ended. Panes are given (`panes`), so tests pass small panes of their own.
 *
 * The engine is reached only through `commands` and `control` (what Ctrl-C does beyond commands);
 * the shell's own state lives in React state here, never in module globals.
 */
import { Box, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import { recoveryFor } from '../../engine/deploy/recovery-action.js';
import type { DeploySessionCommands } from '../../engine/events.js';
import type { SessionState } from '../../engine/session/session-store.js';
import { ConsoleFooter, type Notice, type ShortHelpItem } from './console-footer.js';
import { ConsoleHeader } from './console-header.js';
import { HelpOverlay } from './help-overlay.js';
import { helpRows, KEYMAP, matchesKey, type KeyScope } from './keymap.js';
import type { NoticeTone } from './pane-props.js';
import type { PaneSpec } from './pane-spec.js';
import { PaneTabs, type PaneTab } from './pane-tabs.js';
import { ConfirmDialog } from '../prompts/confirm-dialog.js';
import { PhaseSteps, phaseSteps } from './phase-steps.js';
import { QuitDialog, type QuitAnswer } from './quit-dialog.js';
import { ResultScreen } from './result-screen.js';
import { useTerminalSize, type TerminalSize } from './terminal-size.js';

/** What Ctrl-C and `q` may do beyond the session's commands (the CLI binds the interrupt policy). */
export interface InterruptControl {
  /** Stop: nothing more starts in AWS and watching stops (exit 130), as a headless interrupt does outside an update. */
  stop(): void;
  /** The next cancel counts as an interrupt (exit 130), as Ctrl-C → "roll back" does headless. */
  markInterrupted(): void;
}

export interface DeployConsoleProps {
  store: StoreApi<SessionState>;
  commands: DeploySessionCommands;
  panes: readonly PaneSpec[];
  /** --exit: leave as soon as the deploy ends instead of staying on the result screen. */
  exitOnEnd?: boolean;
  /** The console is done; the CLI exits with this code. */
  onExit(code: number): void;
  control: InterruptControl;
  /** Epoch ms the session started (the elapsed clock). */
  startedAt?: number;
  /** Spinners and the ticking clock; tests that read frames turn them off. */
  animations?: boolean;
  /** Fixed terminal size (tests); otherwise measured and re-measured on resize. */
  size?: Partial<TerminalSize>;
  /**
   * A replay (`stp replay`): nothing runs in AWS, so `q` and Ctrl-C leave at once, the recorded
   * session's end never closes the console, `x` answers that a replay is read-only, the elapsed
   * time is the recording's, and the replay's bar sits under the footer.
   */
  replay?: ReplayChrome;
}

export interface ReplayChrome {
  /** The replay's bar (position, speed, its keys), drawn under the footer in `rows` rows. */
  bar(width: number): ReactNode;
  rows: number;
  /** Epoch ms of the recording now. */
  clock(): number;
  /** The footer's answer to commands that would act on AWS. */
  readOnlyMessage: string;
  /** A pane took (or gave back) the keyboard: the replay's own keys pause meanwhile. */
  onCapturing?(capturing: boolean): void;
}

/** Rows the shell draws around the pane: header, steps, tabs, notice and short help. */
const CHROME_ROWS = 5;
/** Rows a question box takes below the pane. */
const DIALOG_ROWS = 8;
const RESULT_TAB = '0';
const EXIT_INTERRUPTED = 130;
/** Outcomes after which a detach / stop request leaves at once. */
type Leaving = undefined | 'detach' | 'stop';
type ShellDialog = undefined | { kind: 'quit'; from: 'q' | 'ctrl+c' } | { kind: 'cancel-update' } | { kind: 'rerun'; script: string };

export function DeployConsole({ store, commands, panes, exitOnEnd = false, onExit, control, startedAt, animations = true, size, replay }: DeployConsoleProps) {
  const terminal = useTerminalSize(size);
  const [started] = useState(() => startedAt ?? Date.now());
  const [focus, setFocus] = useState<string>(() => panes[0]?.id ?? RESULT_TAB);
  const [helpOpen, setHelpOpen] = useState(false);
  const [dialog, setDialog] = useState<ShellDialog>(undefined);
  const [notice, setNotice] = useState<Notice | undefined>(undefined);
  const [capturing, setCapturingState] = useState(false);
  const [logsResource, setLogsResource] = useState<string | undefined>(undefined);
  /** Results at or below this seq belong to an earlier run (a recovery started since). */
  const [dismissedSeq, setDismissedSeq] = useState(0);
  const [leaving, setLeaving] = useState<Leaving>(undefined);
  const interrupts = useRef(0);
  const exited = useRef(false);

  const phase = useStore(store, (s) => s.phase);
  const phases = useStore(store, (s) => s.phases);
  const errors = useStore(store, (s) => s.errors);
  const storedResult = useStore(store, (s) => s.result);
  const approval = useStore(store, (s) => s.approval);
  const scripts = useStore(store, (s) => s.scripts);
  const plan = useStore(store, (s) => s.plan);
  const result = storedResult && storedResult.seq > dismissedSeq ? storedResult : undefined;
  /** An update runs in AWS and is being watched: leaving means detach or cancel. */
  const watching = result === undefined && phase === 'watch';

  const exit = useCallback(
    (code: number) => {
      if (exited.current) return;
      exited.current = true;
      onExit(code);
    },
    [onExit],
  );
  const notify = useCallback((message: string, tone: NoticeTone = 'info') => setNotice({ message, tone }), []);
  // A ref too: a pane takes the keyboard in its key handler, and the very next key must already
  // skip the shell's (Ink re-subscribes handlers only after the next frame).
  const capturingNow = useRef(false);
  const setCapturing = useCallback((value: boolean) => {
    capturingNow.current = value;
    setCapturingState(value);
    replay?.onCapturing?.(value);
  }, []);
  const report = useCallback((promise: Promise<void>) => promise.catch((error: unknown) => notify(error instanceof Error ? error.message : String(error), 'error')), [notify]);

  // The deploy ended: leave (--exit, a detach or stop asked for, bad input with nothing to look
  // at), or stay on the result screen.
  useEffect(() => {
    if (!result) return;
    setDialog(undefined);
    setHelpOpen(false);
    const nothingToShow = result.exitCode === 2 && plan === undefined;
    if (!replay && (exitOnEnd || leaving !== undefined || nothingToShow)) exit(result.exitCode);
    else setFocus(RESULT_TAB);
    // Only a new result decides this; later changes of the other values do not re-run it.
  }, [result?.seq]);

  // The engine's warnings (a cancel requested, an interrupt's progress) are the latest notice.
  const warnings = useStore(store, (s) => s.warnings);
  useEffect(() => {
    const last = warnings[warnings.length - 1];
    if (last) notify(last.message);
  }, [warnings.length]);

  // The update starts: from the plan, the events pane shows it (the operator's own choice of
  // pane is left alone).
  const previousPhase = useRef(phase);
  useEffect(() => {
    const entered = phase === 'watch' && previousPhase.current !== 'watch' && previousPhase.current !== undefined;
    previousPhase.current = phase;
    if (!entered || result) return;
    const events = panes.find((p) => p.scope === 'events');
    if (events) setFocus((current) => (panes.find((p) => p.id === current)?.scope === 'plan' ? events.id : current));
  }, [phase]);

  // An approval waits: the plan pane shows the prompt.
  const approvalWaiting = approval !== undefined && approval.answered === undefined;
  useEffect(() => {
    if (!approvalWaiting) return;
    const planPane = panes.find((p) => p.id === 'plan');
    if (planPane) {
      setFocus(planPane.id);
      setHelpOpen(false);
    }
  }, [approval?.id, approvalWaiting]);

  const tabs: PaneTab[] = useMemo(
    () => [...panes.map((pane, index) => ({ key: String(index + 1), title: pane.title })), ...(result ? [{ key: RESULT_TAB, title: 'Result' }] : [])],
    [panes, result !== undefined],
  );
  const focusedIndex = panes.findIndex((p) => p.id === focus);
  const focusedTab = focus === RESULT_TAB ? RESULT_TAB : String(focusedIndex + 1);
  const focusedPane = focusedIndex === -1 ? undefined : panes[focusedIndex];
  const onResult = focus === RESULT_TAB && result !== undefined;

  const cycle = (step: 1 | -1) => {
    const keys = tabs.map((t) => t.key);
    const next = keys[(keys.indexOf(focusedTab) + step + keys.length) % keys.length]!;
    setFocus(next === RESULT_TAB ? RESULT_TAB : panes[Number(next) - 1]!.id);
  };

  /** q / Ctrl-C outside an update: stop (nothing more starts in AWS) and leave when the engine has. */
  const stopAndLeave = () => {
    setLeaving('stop');
    control.stop();
    notify('Stopping… (Ctrl-C again leaves at once)');
  };

  const answerQuit = (answer: QuitAnswer, from: 'q' | 'ctrl+c') => {
    setDialog(undefined);
    if (answer === 'detach') {
      setLeaving('detach');
      notify('Detaching: the update keeps running in AWS.');
      // From Ctrl-C it is an interrupt (exit 130), as headless; from q a plain detach (exit 0).
      if (from === 'ctrl+c') control.stop();
      else commands.detach();
    } else if (answer === 'rollback') {
      if (from === 'ctrl+c') control.markInterrupted();
      notify('Cancelling the update: CloudFormation rolls it back.');
      report(commands.cancel());
    }
  };

  // Ink re-subscribes a useInput handler in an effect after the frame is drawn, so a key typed
  // right after a frame could reach the previous render's handler: both handlers below go
  // through refs that always hold this render's logic.
  const onInterruptKey = useRef<(input: string, key: Key) => void>(() => undefined);
  const onKey = useRef<(input: string, key: Key) => void>(() => undefined);
  useInput((input, key) => onInterruptKey.current(input, key));
  useInput((input, key) => onKey.current(input, key), { isActive: !capturing && dialog === undefined });

  // Ctrl-C works everywhere, even while a pane or a question owns the other keys.
  onInterruptKey.current = (input, key) => {
    if (!matchesKey(KEYMAP.global.interrupt, input, key)) return;
    if (replay) return exit(0);
    interrupts.current += 1;
    if (result) return exit(result.exitCode);
    if (interrupts.current >= 3) return exit(EXIT_INTERRUPTED);
    if (interrupts.current === 2 || leaving !== undefined) {
      setDialog(undefined);
      setLeaving('stop');
      control.stop();
      notify('Leaving: stopped watching, anything running in AWS goes on (Ctrl-C again exits now).');
      return;
    }
    if (watching) setDialog({ kind: 'quit', from: 'ctrl+c' });
    else stopAndLeave();
  };

  onKey.current = (input, key) => {
    if (capturingNow.current) return;
    if (helpOpen) {
      if (matchesKey(KEYMAP.global.help, input, key) || matchesKey(KEYMAP.global.close, input, key)) setHelpOpen(false);
      return;
    }
    if (matchesKey(KEYMAP.global.help, input, key)) return setHelpOpen(true);
    if (matchesKey(KEYMAP.global.nextPane, input, key)) return cycle(1);
    if (matchesKey(KEYMAP.global.previousPane, input, key)) return cycle(-1);
    if (matchesKey(KEYMAP.global.jumpPane, input, key)) {
      const pane = panes[Number(input) - 1];
      if (pane) setFocus(pane.id);
      return;
    }
    if (matchesKey(KEYMAP.global.showResult, input, key)) {
      if (result) setFocus(RESULT_TAB);
      return;
    }
    if (onResult && matchesKey(KEYMAP.result.quit, input, key)) return exit(replay ? 0 : result.exitCode);
    if (matchesKey(KEYMAP.global.quit, input, key)) {
      if (replay) return exit(0);
      if (result) return exit(result.exitCode);
      if (leaving) return;
      if (watching) setDialog({ kind: 'quit', from: 'q' });
      else stopAndLeave();
      return;
    }
    if (matchesKey(KEYMAP.global.cancelUpdate, input, key)) {
      if (replay) return notify(replay.readOnlyMessage, 'error');
      if (watching) setDialog({ kind: 'cancel-update' });
      else notify('There is no update to cancel right now.', 'error');
      return;
    }
    if (onResult && matchesKey(KEYMAP.result.rerun, input, key)) {
      const names = Object.keys(scripts);
      if (names.length === 0) return notify('This stack has no deployment scripts.', 'error');
      // One script: ask here (a rerun changes AWS); several: the scripts pane picks one.
      if (names.length === 1) return setDialog({ kind: 'rerun', script: names[0]! });
      const scriptsPane = panes.find((p) => p.scope === 'scripts');
      if (scriptsPane) setFocus(scriptsPane.id);
      notify('Pick a script with j/k and press R.');
      return;
    }
    if (onResult && matchesKey(KEYMAP.result.logs, input, key)) {
      const logsPane = panes.find((p) => p.scope === 'logs');
      if (logsPane) setFocus(logsPane.id);
    }
  };

  const showLogs = useCallback(
    (resource: string) => {
      setLogsResource(resource);
      const logsPane = panes.find((p) => p.scope === 'logs');
      if (logsPane) setFocus(logsPane.id);
    },
    [panes],
  );

  // One column spare: a line exactly as wide as the terminal leaves the cursor in the wrap
  // position, and some terminals (tmux) then shift every later line of an incremental redraw.
  const width = Math.max(20, terminal.columns - 1);
  // The whole live frame stays at most rows − 1 (a full-height frame makes Ink redraw everything).
  const bodyHeight = Math.max(3, terminal.rows - 1 - CHROME_ROWS - (replay?.rows ?? 0) - (dialog ? DIALOG_ROWS : 0));
  const scopes: KeyScope[] = onResult
    ? ['global', 'result', ...(isFailure(result.outcome) && offersRecovery(result.stackStatus) ? (['failure'] as const) : [])]
    : ['global', ...(focusedPane?.scope === 'plan' && approvalWaiting ? (['approval'] as const) : []), ...(focusedPane ? [focusedPane.scope] : [])];
  const hasScripts = Object.keys(scripts).length > 0;
  const shortHelp = useMemo(() => shortHelpFor(scopes, watching, onResult, hasScripts), [scopes.join(','), watching, onResult, hasScripts]);
  const steps = phaseSteps({ phases, errors }, result);

  const Pane = focusedPane?.component;
  return (
    <Box flexDirection="column" width={width}>
      <ConsoleHeader store={store} result={result} startedAt={started} animations={animations} width={width} {...(replay ? { clock: replay.clock } : {})} />
      <PhaseSteps steps={steps} animations={animations} />
      <PaneTabs tabs={tabs} focused={focusedTab} />
      <Box height={bodyHeight} flexDirection="column" overflow="hidden">
        {helpOpen ? (
          <HelpOverlay scopes={replay ? [...scopes, 'replay'] : scopes} width={width} height={bodyHeight} />
        ) : onResult ? (
          <ResultScreen
            store={store}
            commands={commands}
            result={result}
            width={width}
            height={bodyHeight}
            focused={dialog === undefined}
            notify={notify}
            setCapturing={setCapturing}
            onRecoveryStarted={() => {
              setDismissedSeq(result.seq);
              const events = panes.find((p) => p.scope === 'events');
              setFocus(events?.id ?? panes[0]?.id ?? RESULT_TAB);
            }}
          />
        ) : Pane && focusedPane ? (
          <Pane
            key={focusedPane.id}
            store={store}
            commands={commands}
            focused={dialog === undefined && !helpOpen}
            width={width}
            height={bodyHeight}
            notify={notify}
            setCapturing={setCapturing}
            showLogs={showLogs}
            {...(logsResource !== undefined ? { logsResource } : {})}
          />
        ) : null}
      </Box>
      {dialog?.kind === 'quit' ? (
        <QuitDialog mode="quit" onAnswer={(answer) => answerQuit(answer, dialog.from)} width={width} />
      ) : dialog?.kind === 'cancel-update' ? (
        <QuitDialog mode="cancel-update" onAnswer={(answer) => answerQuit(answer, 'q')} width={width} />
      ) : dialog?.kind === 'rerun' ? (
        <ConfirmDialog
          title={`Rerun ${dialog.script}?`}
          message="It runs again with the last deploy's parameters; its output streams in the Scripts pane."
          confirmLabel="Rerun"
          dangerous
          isActive
          width={width}
          onCancel={() => setDialog(undefined)}
          onConfirm={() => {
            setDialog(undefined);
            notify(`Rerunning ${dialog.script}…`);
            report(commands.rerunScript(dialog.script));
            const scriptsPane = panes.find((p) => p.scope === 'scripts');
            if (scriptsPane) setFocus(scriptsPane.id);
          }}
        />
      ) : null}
      <ConsoleFooter items={shortHelp} notice={notice} width={width} />
      {replay?.bar(width)}
    </Box>
  );
}

/** The failure screen's keys apply: the stack can be rolled back or recovered (what `stp rollback` would do). */
function offersRecovery(stackStatus: string | undefined): boolean {
  const action = stackStatus ? recoveryFor(stackStatus) : undefined;
  return action === 'rollback' || action === 'recover';
}

function isFailure(outcome: string): boolean {
  return outcome !== 'succeeded' && outcome !== 'no-changes' && outcome !== 'detached';
}

/** The footer's few keys: `?` first (it tells the rest), the scope's keys, then the global essentials. */
function shortHelpFor(scopes: readonly KeyScope[], watching: boolean, onResult: boolean, hasScripts: boolean): ShortHelpItem[] {
  // No scripts ran in this session: the result screen's rerun key does nothing, so it is not offered.
  const specific = scopes
    .filter((s) => s !== 'global')
    .flatMap((scope) => helpRows(scope).filter((row) => hasScripts || !(scope === 'result' && row.label === KEYMAP.result.rerun.label)));
  return [
    { label: '?', help: 'help' },
    ...specific.map((row) => ({ label: row.label, help: row.help.split(/[;(]/)[0]!.trim(), dangerous: row.dangerous })),
    { label: '1-5/Tab', help: 'panes' },
    ...(watching ? [{ label: 'x', help: 'cancel update', dangerous: true }] : []),
    // The result screen's own q (with the exit code) is among its keys already.
    ...(onResult ? [] : [{ label: 'q', help: 'quit' }]),
  ];
}
