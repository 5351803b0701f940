import { describe, expect, it } from 'vitest';
import {
  findDirectiveStarts,
  looksLikeDirective,
  parseDirectiveAt,
  parseWholeDirective,
} from '../../../../src/engine/config/directives/parse-directive.js';

describe('parseWholeDirective', () => {
  it('parses a call with no arguments', () => {
    const r = parseWholeDirective('$Stage()');
    expect(r).toEqual({ ok: true, end: 8, node: { kind: 'call', name: 'Stage', args: [], path: [], start: 0, end: 8 } });
  });

  it('parses strings in both quotes, numbers, booleans and a property path', () => {
    const r = parseWholeDirective(`$Format('a{}', "b \\" c", -1.5, true, false).x.y-z.0`, {});
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.node.args.map((a) => (a.kind === 'call' ? a.name : a.value))).toEqual(['a{}', 'b " c', -1.5, true, false]);
    expect(r.node.path).toEqual(['x', 'y-z', '0']);
  });

  it('parses nested directives with their offsets', () => {
    const text = "$CfFormat('{}-{}', $Var().a, $ResourceParam('db', 'host'))";
    const r = parseWholeDirective(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [, v, rp] = r.node.args;
    expect(v).toMatchObject({ kind: 'call', name: 'Var', path: ['a'], start: 19 });
    expect(text.slice(v!.start, v!.end)).toBe('$Var().a');
    expect(rp).toMatchObject({ kind: 'call', name: 'ResourceParam', start: 29 });
    expect(text.slice(rp!.start, rp!.end)).toBe("$ResourceParam('db', 'host')");
  });

  it('tolerates spaces around arguments and a trailing comma', () => {
    const r = parseWholeDirective("  $Secret(  'x' , )  ");
    expect(r.ok && r.node.args).toEqual([{ kind: 'string', value: 'x', start: 12, end: 15 }]);
  });

  it('keeps a trailing path only where allowed', () => {
    const r = parseDirectiveAt('$Stage().txt', 0, { allowPath: (n) => n !== 'Stage' });
    expect(r.ok && r.end).toBe(8);
  });

  // Table of syntax errors: text, 0-based offset of the problem, a word of the message, and what was expected.
  const errors: [string, number, string, string][] = [
    ['$Stage(', 7, 'missing ")"', 'an argument or ")"'],
    ["$Secret('abc)", 8, 'unterminated string', "a closing '"],
    ['$Secret(abc)', 8, 'must be quoted', "a quoted string ('abc'), a number, true/false or a nested directive"],
    ["$ResourceParam('a' 'b')", 19, 'unexpected "\'"', '"," or ")"'],
    ['$Var().', 7, 'property name', 'a property name, e.g. .password'],
    ['$Stage() x', 8, 'unexpected text "x"', 'the end of the directive, or a property path such as .name'],
    ['$Format(, 1)', 8, 'where an argument was expected', 'a quoted string, a number, true/false or a nested directive'],
    ['$1Stage()', 1, 'directive name', 'a name such as $Stage'],
    ["$Format('{}', $Stage(, 'x')", 21, 'where an argument was expected', 'a quoted string, a number, true/false or a nested directive'],
    ['$Format(12ab)', 10, 'invalid number', '"," or ")" after a number'],
    ["$CfFormat('{}', $Secret('x'", 27, 'missing ")"', '"," or ")"'],
  ];
  it.each(errors)('reports %j at offset %i', (text, offset, words, expected) => {
    const r = parseWholeDirective(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.offset).toBe(offset);
    expect(r.error.message).toContain(words);
    expect(r.error.expected).toBe(expected);
  });
});

describe('finding directives in text', () => {
  it('finds every $Name( and ignores other dollars', () => {
    expect(findDirectiveStarts('img-$Stage()-$Region() costs $5 ${AWS::Region} $(date)')).toEqual([4, 13]);
  });
  it('recognises a string that starts with a directive', () => {
    expect(looksLikeDirective(' $Var().a')).toBe(true);
    expect(looksLikeDirective('x $Var().a')).toBe(false);
    expect(looksLikeDirective('$HOME')).toBe(false);
  });
});
