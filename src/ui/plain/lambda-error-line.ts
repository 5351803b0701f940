/**
 * The Node.js Lambda runtime logs a thrown error as one line: `Invoke Error \t{"errorType":…,
 * "errorMessage":…,"stack":[…]}` (also `Uncaught Exception`, `Unhandled Promise Rejection`). In a
 * pipeline log that is a few hundred characters of JSON; shown as the error and the frames of the
 * user's code it reads like any Node stack trace. The runtime's own frames (node internals, the
 * runtime's bootstrap) are left out; at most five frames are kept.
 */
const ERROR_LINE = /^(Invoke Error|Uncaught Exception|Unhandled Promise Rejection)\s+(\{.*\})\s*$/;
const RUNTIME_FRAME = /\(node:|\bat node:|node:internal|\/var\/runtime\/|\/runtime\/bootstrap/;
const MAX_FRAMES = 5;

interface RuntimeError {
  errorType?: unknown;
  errorMessage?: unknown;
  stack?: unknown;
}

/** The lines to show for one log line: itself, or the error and its frames. */
export function expandLambdaErrorLine(line: string): string[] {
  const match = ERROR_LINE.exec(line);
  if (!match) return [line];
  let error: RuntimeError;
  try {
    error = JSON.parse(match[2]!) as RuntimeError;
  } catch {
    return [line];
  }
  if (typeof error !== 'object' || error === null || typeof error.errorMessage !== 'string') return [line];
  const type = typeof error.errorType === 'string' ? error.errorType : 'Error';
  const stack = Array.isArray(error.stack) ? error.stack.filter((frame): frame is string => typeof frame === 'string') : [];
  const frames = stack
    .slice(1)
    .flatMap((frame) => frame.split('\n'))
    .filter((frame) => /^\s*at /.test(frame) && !RUNTIME_FRAME.test(frame))
    .slice(0, MAX_FRAMES)
    .map((frame) => `    ${frame.trim()}`);
  return [`${match[1]}: ${type}: ${error.errorMessage}`, ...frames];
}

/** The same for indented lines (a first cause's details), keeping each line's indentation. */
export function expandIndentedLines(lines: readonly string[]): string[] {
  return lines.flatMap((line) => {
    const indent = /^\s*/.exec(line)![0];
    return expandLambdaErrorLine(line.slice(indent.length)).map((text) => `${indent}${text}`);
  });
}
