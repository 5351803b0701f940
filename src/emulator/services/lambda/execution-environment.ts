import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';

/** The error document a Node function failure produces (AWS's payload shape). */
export interface FunctionErrorPayload {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvocationOutcome =
  | { kind: 'result'; payload: string; rssBytes: number }
  | { kind: 'error'; error: FunctionErrorPayload; rssBytes: number; fatal: boolean }
  | { kind: 'init-error'; error: FunctionErrorPayload }
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null };

/** What the bootstrap needs for one invocation (see runtime/bootstrap-source.ts). */
export interface InvocationMessage {
  id: string;
  event: unknown;
  invokedFunctionArn: string;
  clientContext?: unknown;
  /** Wall-clock epoch ms at which the invocation times out. */
  deadline: number;
  wallTimeoutMs: number;
  /** The configured timeout in emulated ms, for context.getRemainingTimeInMillis(). */
  timeoutMs: number;
}

export interface EnvironmentOptions {
  bootstrapPath: string;
  /** Node flags, e.g. the heap limit derived from the function's memory size. */
  nodeArgs: string[];
  taskRoot: string;
  env: Record<string, string>;
  /** Every line the environment logs (console frames and raw stdout/stderr), in order. */
  onLog(line: string, timestamp: number): void;
}

const FRAME = '\u001e';

/**
 * One execution environment: a child Node process running the bootstrap with the function's
 * handler loaded. It serves one invocation at a time and stays warm between them.
 */
export class ExecutionEnvironment {
  private readonly startedAt = performance.now();
  /** Wall ms from spawn to the handler being loaded; undefined until then. */
  initWallMs: number | undefined;
  private readonly child: ChildProcessWithoutNullStreams;
  private pending: { id: string; resolve(outcome: InvocationOutcome): void } | undefined;
  private initError: FunctionErrorPayload | undefined;
  private closed = false;
  private readonly ready: Promise<void>;
  private peakRss = 0;

  constructor(private readonly options: EnvironmentOptions) {
    this.child = spawn(process.execPath, [...options.nodeArgs, options.bootstrapPath], {
      cwd: options.taskRoot,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let markReady: () => void = () => undefined;
    let markFailed: () => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = () => reject(new Error('init failed'));
    });
    this.ready.catch(() => undefined);
    this.readLines(this.child.stdout, (frame) => {
      switch (frame.k) {
        case 'log':
          options.onLog(String(frame.line), Number(frame.t));
          break;
        case 'ready':
          this.trackRss(frame.rss);
          this.initWallMs = performance.now() - this.startedAt;
          markReady();
          break;
        case 'init-error':
          this.initError = frame.error as FunctionErrorPayload;
          markFailed();
          this.settle({ kind: 'init-error', error: this.initError });
          break;
        case 'result':
          this.trackRss(frame.rss);
          if (this.pending?.id === frame.id) this.settle({ kind: 'result', payload: String(frame.payload), rssBytes: this.peakRss });
          break;
        case 'error':
          this.trackRss(frame.rss);
          if (this.pending?.id === frame.id) {
            this.settle({ kind: 'error', error: frame.error as FunctionErrorPayload, rssBytes: this.peakRss, fatal: frame.fatal === true });
          }
          break;
      }
    });
    this.readLines(this.child.stderr, undefined);
    this.child.stdin.on('error', () => undefined);
    // 'close' fires after stdout/stderr are drained, so every frame written before exiting is seen.
    this.child.on('close', (code, signal) => {
      this.closed = true;
      markFailed();
      this.settle({ kind: 'exit', code, signal });
    });
    this.child.on('error', () => {
      this.closed = true;
      markFailed();
      this.settle({ kind: 'exit', code: null, signal: null });
    });
  }

  /** Resolves true once the handler is loaded, false when init failed or the process ended. */
  whenReady(): Promise<boolean> {
    return this.ready.then(
      () => true,
      () => false,
    );
  }

  get initFailed(): boolean {
    return this.initError !== undefined;
  }

  get alive(): boolean {
    return !this.closed;
  }

  get busy(): boolean {
    return this.pending !== undefined;
  }

  /**
   * The process's peak resident memory: the kernel's high-water mark (VmHWM) where /proc exists,
   * so a run that never reported back (a timeout, a crash) still has a real figure; otherwise the
   * largest RSS the bootstrap reported.
   */
  get maxMemoryBytes(): number {
    return Math.max(this.peakRss, kernelPeakRss(this.child.pid) ?? 0);
  }

  /** Runs one invocation. Resolves (never rejects) with how it ended. */
  async invoke(message: InvocationMessage): Promise<InvocationOutcome> {
    if (this.pending) throw new Error('execution environment is busy');
    const outcome = new Promise<InvocationOutcome>((resolve) => {
      this.pending = { id: message.id, resolve };
    });
    this.hold(true);
    try {
      await this.ready;
    } catch {
      // Init failed or the process ended; settle here in case that happened before this call.
      if (this.pending) {
        this.settle(
          this.initError
            ? { kind: 'init-error', error: this.initError }
            : { kind: 'exit', code: this.child.exitCode, signal: this.child.signalCode },
        );
      }
      return outcome;
    }
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
    return outcome;
  }

  /** Ends the process (SIGKILL, as Lambda does on timeout). */
  kill(): void {
    if (!this.closed) this.child.kill('SIGKILL');
  }

  /** Lets an idle environment end gracefully: the bootstrap exits when stdin closes. */
  shutdown(): void {
    this.child.stdin.end();
  }

  /**
   * A busy environment keeps the emulator's event loop alive; an idle one must not keep the
   * process from exiting (it ends by itself when our end of its stdin closes).
   */
  private hold(busy: boolean): void {
    const streams = [this.child.stdout, this.child.stderr, this.child.stdin] as unknown as { ref?(): void; unref?(): void }[];
    if (busy) {
      this.child.ref();
      for (const stream of streams) stream.ref?.();
    } else {
      this.child.unref();
      for (const stream of streams) stream.unref?.();
    }
  }

  private settle(outcome: InvocationOutcome): void {
    const pending = this.pending;
    this.pending = undefined;
    if (!this.closed) this.hold(false);
    pending?.resolve(outcome);
  }

  private trackRss(value: unknown): void {
    if (typeof value === 'number' && value > this.peakRss) this.peakRss = value;
  }

  private readLines(stream: Readable, onFrame: ((frame: Record<string, unknown>) => void) | undefined): void {
    let buffered = '';
    const handleLine = (line: string) => {
      const at = onFrame ? line.indexOf(FRAME) : -1;
      const raw = at >= 0 ? line.slice(0, at) : line;
      if (raw !== '') this.options.onLog(raw, Date.now());
      if (at >= 0 && onFrame) {
        try {
          onFrame(JSON.parse(line.slice(at + 1)) as Record<string, unknown>);
        } catch {
          this.options.onLog(line.slice(at + 1), Date.now());
        }
      }
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      let newline = buffered.indexOf('\n');
      while (newline >= 0) {
        handleLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
        newline = buffered.indexOf('\n');
      }
    });
    stream.on('end', () => {
      if (buffered !== '') handleLine(buffered);
      buffered = '';
    });
  }
}

/** VmHWM of a live process in bytes (Linux), or undefined. */
function kernelPeakRss(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
