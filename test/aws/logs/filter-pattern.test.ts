import { describe, expect, it } from 'vitest';
import { compileFilterPattern, FilterPatternError } from '../../../src/aws/logs/filter-pattern.js';

const matches = (pattern: string, message: string) => compileFilterPattern(pattern)(message);

describe('unstructured patterns', () => {
  it('matches everything when blank', () => {
    expect(matches('', 'anything')).toBe(true);
    expect(matches('   ', 'anything')).toBe(true);
    expect(compileFilterPattern(undefined)('x')).toBe(true);
  });

  it('ANDs terms and is case-sensitive', () => {
    expect(matches('ERROR timeout', 'ERROR: db timeout')).toBe(true);
    expect(matches('ERROR timeout', 'ERROR: db failed')).toBe(false);
    expect(matches('ERROR', 'error lowercase')).toBe(false);
  });

  it('ORs ?terms', () => {
    expect(matches('?ERROR ?WARN', 'WARN x')).toBe(true);
    expect(matches('?ERROR ?WARN', 'INFO x')).toBe(false);
    expect(matches('?"two words" ?WARN', 'has two words')).toBe(true);
  });

  it('excludes -terms, alone or with required terms', () => {
    expect(matches('-DEBUG', 'INFO x')).toBe(true);
    expect(matches('-DEBUG', 'DEBUG x')).toBe(false);
    expect(matches('ERROR -"retrying now"', 'ERROR retrying now')).toBe(false);
    expect(matches('ERROR -"retrying now"', 'ERROR giving up')).toBe(true);
  });

  it('accepts unquoted terms of letters, digits and underscores in any script', () => {
    expect(matches('función_2', 'la función_2 falló')).toBe(true);
  });

  it('matches quoted phrases exactly, with escapes', () => {
    expect(matches('"connection reset"', 'a connection reset by peer')).toBe(true);
    expect(matches('"connection reset"', 'connection was reset')).toBe(false);
    expect(matches('"say \\"hi\\""', 'they say "hi" twice')).toBe(true);
  });

  it.each([
    ['[ip, user]', /space-delimited pattern/],
    ['%ERR%', /regular expression/],
    ['ERROR ?WARN', /mixing \?term/],
    ['"open', /unterminated quoted phrase/],
    ['a*b', /must be inside double quotes/],
    ['ERROR:', /must be inside double quotes/],
    ['?', /must be followed by a term/],
  ])('rejects %j', (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(FilterPatternError);
    expect(() => compileFilterPattern(pattern)).toThrow(message);
  });
});

describe('JSON patterns', () => {
  const event = JSON.stringify({ level: 'error', latency: 1500, ok: false, nothing: null, user: { name: 'ann', roles: ['admin', 'dev'] } });

  it.each([
    ['{ $.level = "error" }', true],
    ['{ $.level = "err*" }', true],
    ['{ $.level = "*ror" }', true],
    ['{ $.level = "info" }', false],
    ['{ $.level != "info" }', true],
    ['{ $.latency = 1500 }', true],
    ['{ $.latency != 1500 }', false],
    ['{ $.latency > 1000 }', true],
    ['{ $.latency < 1000 }', false],
    ['{ $.latency >= 1500 }', true],
    ['{ $.latency <= 1499 }', false],
    ['{ $.ok IS FALSE }', true],
    ['{ $.ok IS TRUE }', false],
    ['{ $.nothing IS NULL }', true],
    ['{ $.level IS NULL }', false],
    ['{ $.absent NOT EXISTS }', true],
    ['{ $.level NOT EXISTS }', false],
    ['{ $.user.name = "ann" }', true],
    ['{ $.user.roles[1] = "dev" }', true],
    ['{ $.user.roles[5] = "dev" }', false],
    ['{ $.latency > 1000 && $.ok IS FALSE }', true],
    ['{ $.latency > 1000 && $.ok IS TRUE }', false],
    ['{ $.level = "info" || $.latency > 1000 }', true],
    ['{ $.level = "info" || $.latency > 2000 }', false],
    ['{ $.level = "info" || $.latency > 1000 && $.ok IS TRUE }', false],
    ['{ ($.level = "info" || $.latency > 1000) && $.ok IS FALSE }', true],
    ['{ $.latency = "1500" }', false],
    ['{ $.absent != "x" }', false],
  ])('%s → %s', (pattern, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

  it('never matches a message that is not a JSON object', () => {
    expect(matches('{ $.level = "error" }', 'ERROR plain text')).toBe(false);
    expect(matches('{ $.level = "error" }', '"error"')).toBe(false);
  });

  it.each([
    ['{ $.level = "error"', /must end with/],
    ['{ }', /empty JSON pattern/],
    ['{ $.latency > "high" }', /needs a number/],
    ['{ $.a = }', /expected a value/],
    ['{ $.roles[*] = "x" }', /array wildcard/],
    ['{ $.a = %re% }', /regular expression/],
    ['{ $.a IS MAYBE }', /IS must be followed/],
    ['{ ($.a = 1 }', /missing "\)"/],
    ['{ $.a = 1 $.b = 2 }', /unexpected text/],
    ['{ level = 1 }', /expected a selector/],
  ])('rejects %s', (pattern, message) => {
    expect(() => compileFilterPattern(pattern)).toThrow(message);
  });
});
