import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/diagnostics/diagnostic.js';
import { formatDiagnostics } from '../../../src/ui/plain/diagnostics-printer.js';
import { escapeControlChars, escapeLine } from '../../../src/ui/plain/escape-control-chars.js';

describe('escapeControlChars', () => {
  it('shows C0, DEL, C1 and bidi controls as escapes and leaves tabs and other text alone', () => {
    expect(escapeControlChars('a\u001b[31mb\rc\u007f\u009b\u202ed\te é 😀')).toBe('a\\x1b[31mb\\x0dc\\x7f\\x9b\\u202ed\te é 😀');
  });

  it('maps raw columns onto the escaped line', () => {
    const line = escapeLine('x: "\u001b[2J" y');
    expect(line.text).toBe('x: "\\x1b[2J" y');
    expect(line.column(1)).toBe(1);
    expect(line.column(5)).toBe(5); // the ESC itself: where its escape starts
    expect(line.column(6)).toBe(9); // the "[" after it
    expect(line.column(12)).toBe(15); // one past the end
  });
});

describe('code frames with control characters from the config', () => {
  it('never emit them raw, and the caret stays under the escaped text', () => {
    const source = ['resources:', '  q:', '    type: "sqs\u001b[2J\u001b[Hqueue"', ''].join('\n');
    const diagnostic: Diagnostic = {
      code: 'STP_CONFIG_UNKNOWN_TYPE',
      severity: 'error',
      message: 'unknown resource type "sqs\u001b[2J\u001b[Hqueue" (resource "q")',
      position: { file: '/w/stacktape.yml', line: 3, column: 11, endLine: 3, endColumn: 28 },
      hint: 'did you mean "sqs-queue"?',
    };
    const text = formatDiagnostics([diagnostic], { source, cwd: '/w' });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(text).toBe(
      [
        'stacktape.yml:3:11  error STP_CONFIG_UNKNOWN_TYPE  unknown resource type "sqs\\x1b[2J\\x1b[Hqueue" (resource "q")',
        '  1 | resources:',
        '  2 |   q:',
        '> 3 |     type: "sqs\\x1b[2J\\x1b[Hqueue"',
        '    |           ^^^^^^^^^^^^^^^^^^^^^^^',
        '  4 |',
        '  hint: did you mean "sqs-queue"?',
        '',
        '1 error in stacktape.yml',
        '',
      ].join('\n'),
    );
  });
});

describe('file names', () => {
  it('are escaped too', () => {
    const diagnostic: Diagnostic = { code: 'STP_X', severity: 'error', message: 'm', position: { file: '/w/a\u001b[2Jb.yml', line: 1, column: 1 } };
    expect(formatDiagnostics([diagnostic], { source: 'x: 1\n', cwd: '/w' })).toBe('a\\x1b[2Jb.yml:1:1  error STP_X  m\n> 1 | x: 1\n    | ^\n  2 |\n\n1 error in a\\x1b[2Jb.yml\n');
  });
});
