import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../../src/ui/plain/log-lines.js';

const event = (source: string, line: string) => ({ type: 'log.line' as const, source, line, at: '2026-12-06T10:00:01.250Z', eventId: 'e1' });

describe('stp logs plain lines', () => {
  it('one source: time and line', () => {
    expect(formatLogLine(event('api', 'GET / 200'), undefined)).toBe('2026-12-06T10:00:01.250Z  GET / 200');
  });

  it('several sources: the source padded to the widest', () => {
    expect(formatLogLine(event('api', 'GET / 200'), 6)).toBe('2026-12-06T10:00:01.250Z  api     GET / 200');
    expect(formatLogLine(event('worker', 'job done'), 6)).toBe('2026-12-06T10:00:01.250Z  worker  job done');
  });

  it('control characters a program wrote are shown escaped; tabs stay', () => {
    expect(formatLogLine(event('api', '\u001b[31mred\u001b[0m\tdone\r'), undefined)).toBe('2026-12-06T10:00:01.250Z  \\x1b[31mred\\x1b[0m\tdone\\x0d');
  });

  it('the time goes through the style given (dim in colour)', () => {
    expect(formatLogLine(event('api', 'x'), undefined, (t) => `<${t}>`)).toBe('<2026-12-06T10:00:01.250Z>  x');
  });
});
