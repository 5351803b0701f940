/**
 * `--record FILE`: the session's events, exactly as `--json` prints them (one NDJSON line each),
 * written to a file while the session runs, for `stp replay FILE`. The file is created 0600 (a
 * deploy's events name stacks, resources and log lines, never secrets, but logs are the user's
 * business), truncated, and opened for append so every batch lands at the end whole. Lines are
 * gathered per macrotask and written in one call, so a log flood costs a write per burst, not per
 * line; `close` writes the rest and syncs. A failing disk never stops the deploy: the error is
 * kept and reported when the recording closes.
 */
import { closeSync, constants, fchmodSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { StpError } from '../../errors/stp-error.js';

export interface RecordFile {
  readonly path: string;
  write(text: string): void;
  /** Writes what is pending, syncs and closes; returns the first write error, if any. */
  close(): Error | undefined;
}

export function openRecordFile(path: string, shownAs: string = path): RecordFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND, 0o600);
    // An existing file keeps its mode on open; a recording is never world-readable.
    fchmodSync(fd, 0o600);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'its folder does not exist' : (error as Error).message;
    throw new StpError('usage', `Cannot write the recording to ${shownAs}: ${reason}.`, {
      code: 'STP_RECORD_FILE_UNWRITABLE',
      fix: 'Give --record a path in an existing folder you can write to.',
      resource: shownAs,
      cause: error,
    });
  }
  let pending: string[] = [];
  let scheduled: ReturnType<typeof setImmediate> | undefined;
  let failure: Error | undefined;
  let closed = false;
  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    if (pending.length === 0 || failure) return;
    const bytes = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    try {
      for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (error) {
      failure = error as Error;
    }
  };
  return {
    path,
    write(text) {
      if (closed) return;
      pending.push(text);
      scheduled ??= setImmediate(flush);
    },
    close() {
      if (closed) return failure;
      closed = true;
      flush();
      try {
        fsyncSync(fd);
      } catch (error) {
        failure ??= error as Error;
      }
      closeSync(fd);
      return failure;
    },
  };
}
