import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/engine/diagnostics/diagnostic.js';
import { formatDiagnostics, summaryLine } from '../../../src/ui/plain/diagnostics-printer.js';

const source = [
  'resources:', //             1
  '  handler:', //             2
  '    type: function', //     3
  '    properties:', //        4
  '      packaging:', //       5
  '        type: stacktape-lambda-buildpack', // 6
  '      timout: 30', //       7
  '      memory: 512', //      8
  '', //                       9
].join('\n');

const unknownKey: Diagnostic = {
  code: 'STP_CONFIG_UNKNOWN_PROPERTY',
  severity: 'error',
  message: 'unknown property "timout" in resources.handler.properties',
  position: { file: '/work/app/stacktape.yml', line: 7, column: 7, endLine: 7, endColumn: 13 },
  expected: 'one of: packaging, timeout, memory',
  hint: 'did you mean "timeout"?',
};

describe('formatDiagnostics', () => {
  it('prints location, severity, code, a code frame with a caret under the span, expected, hint and a summary', () => {
    const text = formatDiagnostics([unknownKey], { source, cwd: '/work/app' });
    expect(text).toBe(
      [
        'stacktape.yml:7:7  error STP_CONFIG_UNKNOWN_PROPERTY  unknown property "timout" in resources.handler.properties',
        '  5 |       packaging:',
        '  6 |         type: stacktape-lambda-buildpack',
        '> 7 |       timout: 30',
        '    |       ^^^^^^',
        '  8 |       memory: 512',
        '  9 |',
        '  expected: one of: packaging, timeout, memory',
        '  hint: did you mean "timeout"?',
        '',
        '1 error in stacktape.yml',
        '',
      ].join('\n'),
    );
  });

  it('clips context at the start of the file and uses a one-column caret without an end', () => {
    const text = formatDiagnostics(
      [{ code: 'STP_CONFIG_X', severity: 'warning', message: 'look here', position: { file: 'stacktape.yml', line: 1, column: 3 } }],
      { source },
    );
    expect(text).toContain('> 1 | resources:\n    |   ^\n  2 |   handler:\n  3 |     type: function\n');
    expect(text).not.toContain('  4 |');
    expect(text).toContain('stacktape.yml:1:3  warning STP_CONFIG_X  look here');
    expect(text).toContain('1 warning in stacktape.yml');
  });

  it('widens the caret to the end of the line for a multi-line span', () => {
    const text = formatDiagnostics(
      [{ code: 'STP_C', severity: 'error', message: 'm', position: { file: 'f.yml', line: 5, column: 7, endLine: 6, endColumn: 3 } }],
      { source },
    );
    expect(text).toContain('> 5 |       packaging:\n    |       ^^^^^^^^^^\n');
  });

  it('colours severity and caret only when asked, and keeps the words', () => {
    const plain = formatDiagnostics([unknownKey], { source });
    const coloured = formatDiagnostics([unknownKey], { source, color: true });
    expect(plain).not.toContain('\u001b[');
    expect(coloured).toContain('\u001b[31merror\u001b[0m');
    expect(coloured).toContain('\u001b[31m^^^^^^\u001b[0m');
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(plain);
  });

  it('prints diagnostics without a position as a single line and counts all of them', () => {
    const text = formatDiagnostics(
      [
        { code: 'STP_CONFIG_NOT_FOUND', severity: 'error', message: 'no stack config found in /tmp/x', hint: 'pass --config <path>' },
        unknownKey,
        { ...unknownKey, position: { ...unknownKey.position!, line: 8 }, severity: 'warning' },
      ],
      { source, cwd: '/work/app' },
    );
    expect(text.startsWith('error STP_CONFIG_NOT_FOUND  no stack config found in /tmp/x\n  hint: pass --config <path>\n\n')).toBe(true);
    expect(text.trimEnd().endsWith('2 errors and 1 warning in stacktape.yml')).toBe(true);
  });

  it('never prints a stack trace and handles positions outside the source', () => {
    const text = formatDiagnostics(
      [{ code: 'STP_C', severity: 'error', message: 'm', position: { file: 'f.yml', line: 99, column: 1 } }],
      { source },
    );
    expect(text).toBe('f.yml:99:1  error STP_C  m\n\n1 error in f.yml\n');
    expect(formatDiagnostics([])).toBe('');
  });

  it('summarises across files', () => {
    expect(
      summaryLine([
        { ...unknownKey },
        { ...unknownKey, position: { file: '/work/app/.env', line: 1, column: 1 } },
      ]),
    ).toBe('2 errors in 2 files');
  });
});
