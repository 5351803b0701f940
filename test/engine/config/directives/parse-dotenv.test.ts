import { describe, expect, it } from 'vitest';
import { parseDotenv } from '../../../../src/engine/config/directives/parse-dotenv.js';

describe('parseDotenv', () => {
  it.each([
    ['A=1', { A: '1' }],
    ['export A=1', { A: '1' }],
    ['  A = spaced  ', { A: 'spaced' }],
    ['A=x # comment', { A: 'x' }],
    ['A=x#not-a-comment', { A: 'x#not-a-comment' }],
    ['# only a comment\n\nB=2', { B: '2' }],
    ['A="a\\nb \\"q\\""', { A: 'a\nb "q"' }],
    ["A='raw \\n # kept'", { A: 'raw \\n # kept' }],
    ['A="one\ntwo"\nB=3', { A: 'one\ntwo', B: '3' }],
    ['A=\r\nB=2\r\n', { A: '', B: '2' }],
    ['not a line\nC=3', { C: '3' }],
  ])('%j', (text, expected) => {
    expect(parseDotenv(text)).toEqual(expected);
  });
});
