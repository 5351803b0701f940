/**
 * `stp logs` headless: one line per log line, `<time>  <line>`, or `<time>  <source>  <line>`
 * with the source column padded to the widest source when several are shown. Control characters
 * a program wrote are shown escaped, never sent to the terminal raw.
 */
import type { DeployEventBody } from '../../engine/events.js';
import { escapeControlChars } from './escape-control-chars.js';

export function formatLogLine(event: Extract<DeployEventBody, { type: 'log.line' }>, sourceWidth: number | undefined, dim: (text: string) => string = (t) => t): string {
  const source = sourceWidth === undefined ? '' : `${event.source.padEnd(sourceWidth)}  `;
  return `${dim(event.at)}  ${source}${escapeControlChars(event.line)}`;
}
