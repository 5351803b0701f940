import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { escapeControlChars, escapeLine } from './escape-control-chars.js';

export interface FormatDiagnosticsOptions {
  /** Text of the config file, for code frames (other files are read from disk when needed). */
  source?: string;
  /** Path of the file `source` belongs to; when absent, `source` is used for every position. */
  file?: string;
  /** ANSI colour (red errors, yellow warnings). The words "error"/"warning" are always printed. */
  color?: boolean;
  /** File names are shown relative to this directory. */
  cwd?: string;
  /** Lines of context above and below the problem line. */
  contextLines?: number;
}

const RESET = '\u001b[0m';
const STYLE = {
  red: '\u001b[31m',
  yellow: '\u001b[33m',
  dim: '\u001b[2m',
  bold: '\u001b[1m',
  cyan: '\u001b[36m',
} as const;

/** Longest "expected" text printed in full; the JSON output keeps the whole list. */
const EXPECTED_LIMIT = 400;

/**
 * Renders diagnostics for a terminal:
 *
 *   stacktape.yml:12:7  error STP_CONFIG_UNKNOWN_PROPERTY  unknown property "timout" in ...
 *      11 |           entryfilePath: ./src/handler.ts
 *    > 12 |       timout: 30
 *         |       ^^^^^^
 *      13 |       memmory: 512
 *     expected: one of: ...
 *     hint: did you mean "timeout"?
 *
 *   3 errors in stacktape.yml
 *
 * Plain text with optional colour; never a stack trace.
 */
export function formatDiagnostics(diagnostics: readonly Diagnostic[], options: FormatDiagnosticsOptions = {}): string {
  const paint = (style: keyof typeof STYLE, text: string) => (options.color ? `${STYLE[style]}${text}${RESET}` : text);
  const sources = new Map<string, string[] | undefined>();
  const linesOf = (file: string): string[] | undefined => {
    if (options.source !== undefined && (options.file === undefined || options.file === file)) {
      if (!sources.has('\u0000')) sources.set('\u0000', splitLines(options.source));
      return sources.get('\u0000');
    }
    if (!sources.has(file)) {
      let lines: string[] | undefined;
      try {
        lines = splitLines(readFileSync(file, 'utf8'));
      } catch {
        lines = undefined;
      }
      sources.set(file, lines);
    }
    return sources.get(file);
  };

  const blocks: string[] = [];
  for (const diagnostic of diagnostics) {
    const severityStyle = diagnostic.severity === 'error' ? 'red' : 'yellow';
    const position = diagnostic.position;
    const where = position ? `${displayPath(position.file, options.cwd)}:${position.line}:${position.column}  ` : '';
    const lines: string[] = [
      `${paint('bold', where)}${paint(severityStyle, diagnostic.severity)} ${paint('dim', diagnostic.code)}  ${escapeControlChars(diagnostic.message)}`,
    ];
    if (position) {
      const sourceLines = linesOf(position.file);
      if (sourceLines) lines.push(...codeFrame(sourceLines, position, options.contextLines ?? 2, paint, severityStyle));
    }
    if (diagnostic.expected) lines.push(`  expected: ${truncate(escapeControlChars(diagnostic.expected), EXPECTED_LIMIT)}`);
    if (diagnostic.hint) lines.push(`  ${paint('cyan', 'hint:')} ${escapeControlChars(diagnostic.hint)}`);
    blocks.push(lines.join('\n'));
  }
  const summary = summaryLine(diagnostics, options.cwd);
  if (summary) blocks.push(paint('bold', summary));
  return blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '';
}

/** "3 errors in stacktape.yml", "1 error and 2 warnings in 2 files". */
export function summaryLine(diagnostics: readonly Diagnostic[], cwd?: string): string {
  if (diagnostics.length === 0) return '';
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const parts: string[] = [];
  if (errors > 0) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings > 0) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  const files = [...new Set(diagnostics.flatMap((d) => (d.position ? [d.position.file] : [])))];
  const place =
    files.length === 1 ? ` in ${displayPath(files[0]!, cwd)}` : files.length > 1 ? ` in ${files.length} files` : '';
  return `${parts.join(' and ')}${place}`;
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

function displayPath(file: string, cwd: string | undefined): string {
  if (!cwd || !isAbsolute(file)) return escapeControlChars(file);
  const rel = relative(cwd, file);
  return escapeControlChars(rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file);
}

function truncate(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

function codeFrame(
  lines: string[],
  position: NonNullable<Diagnostic['position']>,
  context: number,
  paint: (style: keyof typeof STYLE, text: string) => string,
  caretStyle: keyof typeof STYLE,
): string[] {
  const target = position.line;
  if (target < 1 || target > lines.length) return [];
  const first = Math.max(1, target - context);
  const last = Math.min(lines.length, target + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    // Tabs become one space so the caret stays under the right column; control characters are
    // escaped, with the caret columns mapped onto the escaped text.
    const escaped = escapeLine((lines[n - 1] ?? '').replace(/\t/g, ' '));
    const text = escaped.text;
    const marker = n === target ? '>' : ' ';
    out.push(`${n === target ? paint(caretStyle, marker) : marker} ${paint('dim', `${String(n).padStart(width)} |`)}${text ? ` ${text}` : ''}`);
    if (n === target) {
      const lineText = text;
      const start = Math.max(1, Math.min(escaped.column(position.column), lineText.length + 1));
      let end =
        position.endLine === position.line && position.endColumn !== undefined && escaped.column(position.endColumn) > start
          ? escaped.column(position.endColumn)
          : position.endLine !== undefined && position.endLine > position.line
            ? lineText.length + 1
            : start + 1;
      end = Math.max(start + 1, Math.min(end, lineText.length + 1));
      const carets = '^'.repeat(end - start);
      out.push(`  ${paint('dim', `${' '.repeat(width)} |`)} ${' '.repeat(start - 1)}${paint(caretStyle, carets)}`);
    }
  }
  return out;
}
