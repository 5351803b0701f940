/**
 * Where a command writes. Commands never touch process.stdout directly, so tests capture output
 * and the EPIPE handling (`stp validate | head`) lives in one place.
 */
export interface TerminalIo {
  out(text: string): void;
  err(text: string): void;
  /** Colour is meaning, never its only carrier: every coloured mark also has a word or symbol. */
  color: boolean;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
}

/** NO_COLOR (any non-empty value) and --no-color win; FORCE_COLOR=0/false turns it off; else a TTY. */
export function colorEnabled(env: NodeJS.ProcessEnv, noColorFlag: boolean, isTTY: boolean): boolean {
  if (noColorFlag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === '0' || force === 'false');
  if (env.TERM === 'dumb') return false;
  return isTTY;
}

/** Writes to a stream whose reader went away (EPIPE) are dropped, not errors. */
function writeTo(stream: NodeJS.WriteStream, text: string): void {
  if (stream.destroyed || !stream.writable) return;
  stream.write(text);
}

export function processTerminalIo(color: boolean): TerminalIo {
  return {
    out: (text) => writeTo(process.stdout, text),
    err: (text) => writeTo(process.stderr, text),
    color,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdinIsTTY: Boolean(process.stdin.isTTY),
  };
}
