/**
 * A Lambda log event as the user wrote it. Lambda surrounds every invocation with platform lines
 * (START / END / REPORT, INIT_* and friends) and the Node runtime prefixes console output with
 * "<ISO time>\t<request id>\t<LEVEL>\t". The watchers show the user's output only, but read the
 * platform lines to know which invocations started and ended.
 */

export type LambdaLogLine =
  | { kind: 'start'; requestId: string }
  | { kind: 'end'; requestId: string }
  | { kind: 'report'; requestId: string; durationMs?: number }
  | { kind: 'platform' }
  | { kind: 'output'; requestId?: string; level?: string; text: string };

const PLATFORM = /^(INIT_START|INIT_REPORT|INIT_RUNTIME_DONE|RESTORE_START|RESTORE_REPORT|EXTENSION|TELEMETRY|LOGS)\b/;
const START = /^START RequestId: (\S+)/;
const END = /^END RequestId: (\S+)/;
const REPORT = /^REPORT RequestId: (\S+)(?:.*?\tDuration: ([\d.]+) ms)?/;
const NODE_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\t([0-9a-fA-F-]{8,}|undefined)\t(INFO|WARN|ERROR|DEBUG|TRACE|FATAL)\t/;
/** Lambda's own report of a timeout: "<time> <request id> Task timed out after 10.00 seconds". */
const TIMEOUT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z[\t ]([0-9a-fA-F-]{36})[\t ](Task timed out after .*)$/;

export function parseLambdaLogLine(message: string): LambdaLogLine {
  const text = message.replace(/\r?\n$/, '');
  let m = START.exec(text);
  if (m) return { kind: 'start', requestId: m[1]! };
  m = END.exec(text);
  if (m) return { kind: 'end', requestId: m[1]! };
  m = REPORT.exec(text);
  if (m) return m[2] !== undefined ? { kind: 'report', requestId: m[1]!, durationMs: Number(m[2]) } : { kind: 'report', requestId: m[1]! };
  if (PLATFORM.test(text)) return { kind: 'platform' };
  m = TIMEOUT.exec(text);
  if (m) return { kind: 'output', requestId: m[1]!, level: 'ERROR', text: m[2]! };
  m = NODE_PREFIX.exec(text);
  if (m) {
    const requestId = m[1] === 'undefined' ? undefined : m[1];
    return { kind: 'output', ...(requestId ? { requestId } : {}), level: m[2]!, text: text.slice(m[0].length) };
  }
  return { kind: 'output', text };
}

/** The user's lines of one log event: multi-line output becomes several lines, trailing blanks dropped. */
export function outputLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
