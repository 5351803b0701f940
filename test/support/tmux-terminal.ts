import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';

/**
 * A real terminal for end-to-end tests: a detached tmux session we type into (send-keys) and
 * read (capture-pane). CI is unset inside it, so stp behaves as it does for a person at a
 * terminal. Reads poll until the expected text appears; nothing waits a fixed time.
 */
export class TmuxTerminal {
  readonly session = `stp-e2e-${randomUUID().slice(0, 8)}`;

  constructor(
    readonly cwd: string,
    readonly size = { columns: 120, rows: 40 },
  ) {}

  start(command: string, env: Record<string, string> = {}): void {
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    execFileSync('tmux', [
      'new-session', '-d', '-s', this.session, '-x', String(this.size.columns), '-y', String(this.size.rows),
      '-c', this.cwd, ...envArgs,
      // Keep the pane after the command exits so its last screen can still be read.
      // `unset`, not `env -u`: the command may be several (`a; b`), and the tmux server keeps the
      // environment of whoever started it (a test run under CI=true).
      `unset CI; ${command}; echo "[exit $?]"; sleep 600`,
    ]);
  }

  sendKeys(...keys: string[]): void {
    execFileSync('tmux', ['send-keys', '-t', this.session, ...keys]);
  }

  screen(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-t', this.session, '-J'], { encoding: 'utf8' });
  }

  /** The screen with ANSI colours kept (capture-pane -e). */
  screenWithColours(): string {
    return execFileSync('tmux', ['capture-pane', '-p', '-e', '-t', this.session, '-J'], { encoding: 'utf8' });
  }

  async waitFor(predicate: (screen: string) => boolean, what: string, attempts = 400): Promise<string> {
    let last = '';
    for (let i = 0; i < attempts; i++) {
      last = this.screen();
      if (predicate(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`terminal never showed ${what}; last screen:\n${last}`);
  }

  stop(): void {
    try {
      execFileSync('tmux', ['kill-session', '-t', this.session], { stdio: 'ignore' });
    } catch {
      // already gone
    }
  }
}
