/** A StpError as the plain renderers print it: the message, then how to fix it. */
import type { StpError } from '../../errors/stp-error.js';
import type { TerminalIo } from './terminal-io.js';
import type { Style } from './style.js';

export function printStpError(io: TerminalIo, style: Style, error: StpError): void {
  io.err(`${style.red('error')} ${error.message}\n`);
  if (error.fix) io.err(`${style.yellow('fix')}   ${error.fix}\n`);
}
