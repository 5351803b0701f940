import { describe, expect, it } from 'vitest';
import { DirectiveLexFailure, DirectiveLexer } from '../../../../src/engine/config/directives/directive-lexer.js';

function tokens(text: string) {
  const lexer = new DirectiveLexer(text, 0);
  const out: [string, string | number, number][] = [];
  for (;;) {
    const t = lexer.next();
    out.push([t.kind, t.value, t.start]);
    if (t.kind === 'end') return out;
  }
}

describe('DirectiveLexer', () => {
  it('reads directives, punctuation, strings, numbers and words with offsets', () => {
    expect(tokens(`$Format( 'a\\'b', "c", -1.5, true ,x)`)).toEqual([
      ['directive', 'Format', 0],
      ['lparen', '(', 7],
      ['string', "a'b", 9],
      ['comma', ',', 15],
      ['string', 'c', 17],
      ['comma', ',', 20],
      ['number', -1.5, 22],
      ['comma', ',', 26],
      ['word', 'true', 28],
      ['comma', ',', 33],
      ['word', 'x', 34],
      ['rparen', ')', 35],
      ['end', '', 36],
    ]);
  });

  it('reads a property-path segment without skipping spaces', () => {
    const lexer = new DirectiveLexer('.db-main.host rest', 1);
    expect(lexer.segment()).toBe('db-main');
    expect(lexer.pos).toBe(8);
  });

  it.each([
    ["'abc", 0, 'unterminated string'],
    ['12x', 2, 'invalid number'],
    ['$ ', 1, 'directive name'],
    ['-x', 0, 'invalid number'],
  ])('fails on %j at %i', (text, offset, words) => {
    const lexer = new DirectiveLexer(text, 0);
    try {
      lexer.next();
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DirectiveLexFailure);
      expect((err as DirectiveLexFailure).detail.offset).toBe(offset);
      expect((err as DirectiveLexFailure).detail.message).toContain(words);
    }
  });
});
