/**
 * Running an engine command from the CLI: the AWS target and clients, the session with its
 * renderer (plain lines, NDJSON with --json, or — for `stp deploy` at a terminal — the Ink console,
 * imported only then), the y/N approval prompt for the other commands at a terminal, and what
 * Ctrl-C / SIGTERM do. The engine itself never reads keys or writes to the terminal.
 */
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { createAwsClients, regionFromChain, type AwsClients, type AwsTarget } from '../aws/client-factory.js';
import type { EngineContext, EngineResult } from '../engine/deploy/engine-context.js';
import { ConfigDiagnostics } from '../engine/deploy/prepare-stack.js';
import type { DeployEvent, DeployPhase, EventSink } from '../engine/events.js';
import { DeploySession } from '../engine/session/deploy-session.js';
import { watchOperation } from '../engine/watch/watch-operation.js';
import { formatDiagnostics } from '../ui/plain/diagnostics-printer.js';
import { createNdjsonSink, createPlainRenderer } from '../ui/plain/deploy-lines.js';
import { sessionSummaryEvents } from '../ui/plain/session-summary.js';
import { resolveAwsTarget } from './aws-target.js';
import { interactiveTerminal, type ConsoleLaunch } from './console-launch.js';
import { openRecordFile, type RecordFile } from './output/record-file.js';
import type { CommandContext } from './commands/command.js';
import { createHeadlessOutput } from './headless-output.js';
import { createStyle } from './output/style.js';
import { STP_VERSION } from './version.js';

export type InterruptPolicy = 'cancel' | 'detach';

/** How long a headless interrupt waits for the cancelled update to roll back before detaching. */
const CANCEL_WAIT_MS = 10 * 60_000;

export interface EngineRun {
  ctx: EngineContext;
  session: DeploySession;
  clients: AwsClients;
  /** An operator can answer approval prompts (a TTY, not --ci, not --json). */
  interactive: boolean;
}

/**
 * Region: the flag, else AWS_REGION/AWS_DEFAULT_REGION, else the profile's region, else us-east-1.
 * Only the profile step needs the SDK, so main.ts stays fast and decides the rest.
 */
export async function applyProfileRegion(cmd: CommandContext, target: AwsTarget): Promise<void> {
  if (cmd.options.regionExplicit !== false || cmd.options.local) return;
  const region = await regionFromChain(target);
  if (region && region !== cmd.options.region) {
    cmd.options.region = region;
    target.region = region;
  }
}

/**
 * Runs `body` with a session whose events are rendered, and with interrupts handled; returns the
 * exit code. Config diagnostics are printed with code frames (plain mode).
 */
export async function withEngine(
  cmd: CommandContext,
  /**
   * onInterrupt undefined: cancel headless, ask at a terminal. `command` names the command (the
   * local cloud's lock says who holds it). `console`: the Ink console, launched by the command at a
   * terminal, replaces plain lines and the y/N prompt; the caller closes it if this throws.
   */
  options: { command: string; onInterrupt: InterruptPolicy | undefined; console?: ConsoleLaunch },
  body: (run: EngineRun) => Promise<EngineResult>,
): Promise<number> {
  const { options: global, io } = cmd;
  const style = createStyle(io.color);
  const localLines: string[] = [];
  // --record: opened first, so a path that cannot be written is refused before any AWS call.
  const recording = openRecording(cmd);
  const aws = await resolveAwsTarget(global, { command: options.command, cwd: cmd.cwd, env: cmd.env }, (line) => localLines.push(line)).catch((error: unknown) => {
    closeRecording(cmd, recording);
    throw error;
  });
  await applyProfileRegion(cmd, aws.target);
  // This command decides what Ctrl+C means (cancel and watch the rollback, or detach); an
  // in-process local cloud keeps serving until the engine is done, then `dispose` saves its state.
  aws.handOffSignals?.();
  const interactive = interactiveTerminal(global, io);
  // The console replaces plain lines and the y/N prompt; it reads the session through a store.
  const launch = interactive ? options.console : undefined;
  const sessionStore = launch?.store;
  const sinks: EventSink[] = [];
  if (sessionStore) sinks.push(sessionStore.sink);
  else {
    // Plain lines / NDJSON / GitHub Actions annotations and job summary (headless-output.ts).
    const output = createHeadlessOutput(cmd, { consoleLinks: aws.target.endpoint === undefined });
    await output.prepare();
    sinks.push(...output.sinks);
  }
  // The same objects --json prints, one per line (so never a secret: no event carries one).
  if (recording) sinks.push(createNdjsonSink((text) => recording.write(text)));
  let phase: DeployPhase | undefined;
  sinks.push({
    emit(event: DeployEvent) {
      if (event.type === 'phase.changed') phase = event.phase;
    },
  });
  const session = new DeploySession(sinks);
  const clients = createAwsClients({
    ...aws.target,
    appVersion: STP_VERSION,
    onWarning: (message) => session.emit({ type: 'warning', code: 'STP_AWS_SDK_WARNING', message }),
  });
  const ctx: EngineContext = { clients, session, watch: watchOperation, targetDescription: aws.description, mode: global.json ? 'json' : interactive ? 'interactive' : 'ci' };

  const prompt = interactive && !sessionStore ? attachApprovalPrompt(session) : undefined;

  let interrupts = 0;
  // Under the console, stderr would scribble over its frame: interrupt notes go to the session.
  const say = (text: string) => {
    if (sessionStore) session.emit({ type: 'warning', code: 'STP_INTERRUPT', message: text });
    else io.err(`${style.yellow('interrupt')} ${text}\n`);
  };
  const cancelAndWait = () => {
    say('cancelling the update and waiting for the rollback (Ctrl-C again to stop watching and leave it running)');
    session.cancel().catch((error: unknown) => {
      say(`${(error as Error).message} Leaving it running in AWS.`);
      session.watchAbort.abort('interrupt');
    });
    setTimeout(() => session.watchAbort.abort('interrupt'), CANCEL_WAIT_MS).unref();
  };
  /** Nothing more starts in AWS and watching stops: an interrupt outside an update, or a second one. */
  const stop = () => {
    session.interrupt();
    if (!session.watchAbort.signal.aborted) session.watchAbort.abort('interrupt');
  };
  let consoleHandle: Awaited<ConsoleLaunch['handle']> | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    // SIGTERM with the console up: nobody may be at the keys, so it leaves when the deploy ends.
    consoleHandle?.exitWhenDone();
    session.interrupt();
    const policy = options.onInterrupt;
    // In the console's raw mode Ctrl-C is a key (the console asks); a SIGINT here came from outside.
    if (phase !== 'watch' || interrupts > 1 || policy === 'detach' || (consoleHandle && signal === 'SIGINT')) {
      stop();
      return;
    }
    // At a terminal, without --on-interrupt, the operator decides (SIGTERM never asks).
    if (policy === undefined && interactive && signal === 'SIGINT') {
      askCancelOrDetach().then((answer) => {
        if (answer === 'detach') session.watchAbort.abort('interrupt');
        else cancelAndWait();
      }, cancelAndWait);
      return;
    }
    cancelAndWait();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (launch) {
      launch.attach(session, { stop, markInterrupted: () => session.interrupt() });
      consoleHandle = await launch.handle;
    }
    let bodyDone = false;
    // The console closed while the engine still runs (forced, or it crashed): stop the engine.
    consoleHandle?.exited.then(() => {
      if (!bodyDone) stop();
    });
    const result = await body({ ctx, session, clients, interactive }).finally(() => {
      bodyDone = true;
    });
    let exitCode = result.exitCode;
    if (consoleHandle && sessionStore) {
      // The session stays open on the result screen (a rollback or a script rerun can still run
      // in it) until the operator leaves; the code is the latest result's, or 130 when forced.
      sessionStore.flush();
      exitCode = await consoleHandle.exited;
      sessionStore.flush();
      const summary = createPlainRenderer({ write: (line) => io.out(`${line}\n`), color: io.color, phaseLines: false });
      for (const event of sessionSummaryEvents(sessionStore.store.getState())) summary.emit(event);
    }
    // The code frames are for a person: on stderr, also with --json (stdout is only events then).
    if (result.error instanceof ConfigDiagnostics) {
      io.err(formatDiagnostics(result.error.diagnostics, { source: result.error.loaded.source, file: result.error.loaded.file, color: io.color, cwd: cmd.cwd }));
    }
    if (global.debug) {
      for (const line of localLines) io.err(`${style.dim('local')} ${line}\n`);
      if (result.error?.cause instanceof Error && result.error.cause.stack) io.err(`${result.error.cause.stack}\n`);
    }
    return exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    consoleHandle?.close();
    prompt?.close();
    session.end();
    clients.destroy();
    await aws.dispose();
    closeRecording(cmd, recording);
  }
}

function openRecording(cmd: CommandContext): RecordFile | undefined {
  const file = cmd.flags.record;
  return typeof file === 'string' ? openRecordFile(path.resolve(cmd.cwd, file), file) : undefined;
}

/** A recording that lost lines (a full disk) is said to be incomplete; the command's outcome stands. */
function closeRecording(cmd: CommandContext, recording: RecordFile | undefined): void {
  const failure = recording?.close();
  if (failure) cmd.io.err(`${createStyle(cmd.io.color).yellow('warning')} the recording ${String(cmd.flags.record)} is incomplete: ${failure.message}\n`);
}

/** Ctrl-C during an update at a terminal: cancel (roll back) or detach (leave it running)? */
async function askCancelOrDetach(): Promise<InterruptPolicy> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // A second Ctrl-C while asking: stop watching.
  rl.on('SIGINT', () => {
    rl.close();
    process.kill(process.pid, 'SIGINT');
  });
  try {
    const answer = await rl.question('Cancel the update and roll it back (c), or detach and leave it running (d)? [c/d] ');
    return /^d/i.test(answer.trim()) ? 'detach' : 'cancel';
  } finally {
    rl.close();
  }
}

/**
 * Until the interactive console exists: a y/N question on the terminal for each approval request;
 * a data-loss approval asks for the stack name to be typed. The terminal is read only while a
 * question is open, and Ctrl-C there is the same interrupt as anywhere else.
 */
function attachApprovalPrompt(session: DeploySession): { close(): void } {
  let open: ReturnType<typeof createInterface> | undefined;
  const unsubscribe = session.bus.subscribe({
    emit(event) {
      if (event.type !== 'approval.requested' || event.id === 'flag' || event.id === 'policy') return;
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      open = rl;
      // readline swallows Ctrl-C while it reads; hand it to the process's interrupt handling.
      rl.on('SIGINT', () => {
        rl.close();
        process.kill(process.pid, 'SIGINT');
      });
      const question = event.confirmText !== undefined
        ? `This destroys data. Type the stack name (${event.confirmText}) to approve, anything else to refuse: `
        : `Apply these ${event.level === 'destructive' ? 'destructive ' : ''}changes? [y/N] `;
      rl.question(question)
        .then(
          (answer) => {
            if (session.pendingApproval?.id !== event.id) return;
            if (event.confirmText !== undefined) session.approveWithConfirmation(event.id, answer);
            else if (/^y(es)?$/i.test(answer.trim())) session.approve(event.id);
            else session.reject(event.id);
          },
          () => undefined,
        )
        .finally(() => {
          rl.close();
          if (open === rl) open = undefined;
        });
    },
  });
  return {
    close() {
      unsubscribe();
      open?.close();
    },
  };
}
