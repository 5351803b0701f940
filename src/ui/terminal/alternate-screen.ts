/**
 * The full-screen views (the deploy console, `stp logs`, `stp replay`) draw on the terminal's
 * alternate screen, so the shell's scrollback comes back when they leave. Leaving must happen
 * whatever ends the process: a normal exit, `process.exit`, or an uncaught exception (restored
 * before Node prints it, so the message lands on the normal screen). Ink 6 has no alternate-screen
 * option (it arrives in 7), hence this.
 */
import { writeSync } from 'node:fs';

const ENTER_ALT_SCREEN = '\u001B[?1049h';
const LEAVE_ALT_SCREEN = '\u001B[?1049l';
const SHOW_CURSOR = '\u001B[?25h';

export interface AlternateScreen {
  /** Shows the cursor, leaves the alternate screen, turns raw mode off; once, synchronously. */
  restore(): void;
}

export function enterAlternateScreen(stdout: NodeJS.WriteStream = process.stdout, stdin: NodeJS.ReadStream = process.stdin): AlternateScreen {
  let restored = false;
  // Synchronous (writeSync on the real stdout): 'exit' and an uncaught exception leave no event loop.
  const restore = () => {
    if (restored) return;
    restored = true;
    process.off('exit', restore);
    process.off('uncaughtExceptionMonitor', restore);
    const text = SHOW_CURSOR + LEAVE_ALT_SCREEN;
    try {
      if (stdout === process.stdout) writeSync(1, text);
      else stdout.write(text);
    } catch {
      // the terminal went away; nothing to restore
    }
    if (stdin.isTTY && typeof stdin.setRawMode === 'function') {
      try {
        stdin.setRawMode(false);
      } catch {
        // stdin already closed
      }
    }
  };
  process.on('exit', restore);
  process.on('uncaughtExceptionMonitor', restore);
  stdout.write(ENTER_ALT_SCREEN);
  return { restore };
}
