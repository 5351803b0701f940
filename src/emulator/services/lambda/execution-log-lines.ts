/** The platform lines Lambda writes around every invocation, in AWS's exact text. */

export function startLine(requestId: string, version: string): string {
  return `START RequestId: ${requestId} Version: ${version}`;
}

export function endLine(requestId: string): string {
  return `END RequestId: ${requestId}`;
}

export interface ReportFigures {
  requestId: string;
  /** Real (wall-clock) milliseconds the handler ran; the configured timeout for a timed-out run. */
  durationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  /** Present on a cold start (real milliseconds to load the handler). */
  initDurationMs?: number;
  /** `timeout` or `error` (process exit), as AWS appends to REPORT. */
  status?: string;
}

export function reportLine(figures: ReportFigures): string {
  let line =
    `REPORT RequestId: ${figures.requestId}\tDuration: ${figures.durationMs.toFixed(2)} ms\t` +
    `Billed Duration: ${Math.max(1, Math.ceil(figures.durationMs))} ms\tMemory Size: ${figures.memorySizeMb} MB\t` +
    `Max Memory Used: ${figures.maxMemoryUsedMb} MB\t`;
  if (figures.initDurationMs !== undefined) line += `Init Duration: ${figures.initDurationMs.toFixed(2)} ms\t`;
  if (figures.status !== undefined) line += `Status: ${figures.status}`;
  return line;
}

/** `X-Amz-Log-Result`: base64 of the last 4 KB of the invocation's log text. */
export function tailLogResult(lines: string[]): string {
  const text = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  return text.subarray(Math.max(0, text.length - 4096)).toString('base64');
}
