/**
 * Running an engine command from the CLI: the AWS target and clients, the session with its
 * renderer (plain lines, or NDJSON with --json), the y/N approval prompt on a terminal, and what
 * Ctrl-C / SIGTERM do. The engine itself never reads keys or writes to the terminal.
 */
import { createInterface } from 'node:readline/promises';
import { createAwsClients, regionFromChain, type AwsClients, type AwsTarget } from '../aws/client-factory.js';
import type { EngineContext, EngineResult } from '../engine/deploy/engine-context.js';
import { ConfigDiagnostics } from '../engine/deploy/prepare-stack.js';
import type { DeployEvent, DeployPhase, EventSink } from '../engine/events.js';
import { DeploySession } from '../engine/session/deploy-session.js';
import { watchOperation } from '../engine/watch/watch-operation.js';
import { formatDiagnostics } from '../ui/plain/diagnostics-printer.js';
import { resolveAwsTarget } from './aws-target.js';
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
  /** onInterrupt undefined: cancel headless, ask at a terminal. `command` names the command (the local cloud's lock says who holds it). */
  options: { command: string; onInterrupt: InterruptPolicy | undefined },
  body: (run: EngineRun) => Promise<EngineResult>,
): Promise<number> {
  const { options: global, io } = cmd;
  const style = createStyle(io.color);
  const localLines: string[] = [];
  const aws = await resolveAwsTarget(global, { command: options.command, cwd: cmd.cwd, env: cmd.env }, (line) => localLines.push(line));
  await applyProfileRegion(cmd, aws.target);
  // This command decides what Ctrl+C means (cancel and watch the rollback, or detach); an
  // in-process local cloud keeps serving until the engine is done, then `dispose` saves its state.
  aws.handOffSignals?.();
  // Plain lines / NDJSON / GitHub Actions annotations and job summary (headless-output.ts).
  const output = createHeadlessOutput(cmd, { consoleLinks: aws.target.endpoint === undefined });
  await output.prepare();
  const sinks: EventSink[] = [...output.sinks];
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
  const interactive = !global.ci && !global.json && io.stdinIsTTY && io.stdoutIsTTY;
  const ctx: EngineContext = { clients, session, watch: watchOperation, targetDescription: aws.description, mode: global.json ? 'json' : interactive ? 'interactive' : 'ci' };

  const prompt = interactive ? attachApprovalPrompt(session) : undefined;

  let interrupts = 0;
  const cancelAndWait = () => {
    io.err(`${style.yellow('interrupt')} cancelling the update and waiting for the rollback (Ctrl-C again to stop watching and leave it running)\n`);
    session.cancel().catch((error: unknown) => {
      io.err(`${style.yellow('interrupt')} ${(error as Error).message} Leaving it running in AWS.\n`);
      session.watchAbort.abort('interrupt');
    });
    setTimeout(() => session.watchAbort.abort('interrupt'), CANCEL_WAIT_MS).unref();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts += 1;
    session.interrupt();
    const policy = options.onInterrupt;
    if (phase !== 'watch' || interrupts > 1 || policy === 'detach') {
      if (!session.watchAbort.signal.aborted) session.watchAbort.abort('interrupt');
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
    const result = await body({ ctx, session, clients, interactive });
    // The code frames are for a person: on stderr, also with --json (stdout is only events then).
    if (result.error instanceof ConfigDiagnostics) {
      io.err(formatDiagnostics(result.error.diagnostics, { source: result.error.loaded.source, file: result.error.loaded.file, color: io.color, cwd: cmd.cwd }));
    }
    if (global.debug) {
      for (const line of localLines) io.err(`${style.dim('local')} ${line}\n`);
      if (result.error?.cause instanceof Error && result.error.cause.stack) io.err(`${result.error.cause.stack}\n`);
    }
    return result.exitCode;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    prompt?.close();
    session.end();
    clients.destroy();
    await aws.dispose();
  }
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
