/**
 * How a failed command ends on the screen: `error <message>`, the resource, `fix <sentence>`;
 * the cause chain (and the stack) with --debug. Only a bug asks to be reported.
 */
import { causeChain, type StpError } from '../../errors/stp-error.js';
import type { Style } from './style.js';

export function formatStpError(error: StpError, options: { command: string; debug: boolean; style: Style }): string {
  const { style } = options;
  const lines: string[] = [];
  if (error.kind === 'bug') {
    lines.push(`${style.red('error')} stp ${options.command} failed unexpectedly: ${error.message}`);
  } else {
    lines.push(`${style.red('error')} ${error.message}`);
    if (error.resource !== undefined && !error.message.includes(error.resource)) lines.push(`      resource: ${error.resource}`);
    if (error.fix !== undefined) lines.push(`${style.yellow('fix')}   ${error.fix}`);
  }
  if (options.debug) {
    lines.push(style.dim(`      (${error.code}, kind ${error.kind}, exit ${error.exitCode})`));
    for (const cause of causeChain(error).slice(1)) lines.push(`${style.dim('cause')} ${cause}`);
    const deepest = deepestError(error);
    if (deepest.stack) lines.push(style.dim(deepest.stack));
  } else if (error.kind === 'bug') {
    lines.push('Run again with --debug for the internal stack trace, and please report it.');
  }
  return `${lines.join('\n')}\n`;
}

function deepestError(error: Error): Error {
  let current: Error = error;
  for (let depth = 0; depth < 10 && current.cause instanceof Error; depth++) current = current.cause;
  return current;
}
