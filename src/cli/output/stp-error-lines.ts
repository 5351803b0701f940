/** A StpError printed by a command that handles it itself: the same lines main prints (report-error.ts). */
import type { StpError } from '../../errors/stp-error.js';
import { formatStpError } from './report-error.js';
import type { Style } from './style.js';
import type { TerminalIo } from './terminal-io.js';

export function printStpError(io: TerminalIo, style: Style, error: StpError, command = 'command'): void {
  io.err(formatStpError(error, { command, debug: false, style }));
}
