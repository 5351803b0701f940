import { DirectiveLexFailure, DirectiveLexer } from './directive-lexer.js';
import type { Token } from './directive-lexer.js';

/**
 * A small recursive-descent parser (over the tokens of directive-lexer.ts) for directive text such as
 * `$Format('{}-{}', $Stage(), 3).a.b`. Every node keeps its character offsets (0-based, into the
 * string the user wrote) so an error can point at the exact column.
 *
 * Grammar:
 *   call    := '$' IDENT '(' [ arg (',' arg)* [','] ] ')' ( '.' SEGMENT )*
 *   arg     := STRING | NUMBER | 'true' | 'false' | call
 *   STRING  := '…' | "…"   (backslash escapes the quote and the backslash)
 *   SEGMENT := [A-Za-z0-9_-]+
 */

export type ArgNode =
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'boolean'; value: boolean; start: number; end: number }
  | CallNode;

export interface CallNode {
  kind: 'call';
  name: string;
  args: ArgNode[];
  path: string[];
  /** Offset of the `$`. */
  start: number;
  /** Offset just past the call (including its property path). */
  end: number;
}

export interface DirectiveSyntaxError {
  message: string;
  /** 0-based offset into the parsed text. */
  offset: number;
  expected: string;
}

export type ParseResult =
  | { ok: true; node: CallNode; end: number }
  | { ok: false; error: DirectiveSyntaxError };

class SyntaxFailure extends Error {
  constructor(readonly detail: DirectiveSyntaxError) {
    super(detail.message);
  }
}

/** Options for where a trailing `.path` may be read (see `parseDirectiveAt`). */
export interface ParseOptions {
  /**
   * Decide whether a call named `name` may take a trailing `.a.b` path. Inside a longer string,
   * `file-$Stage().txt` must keep `.txt` as text, so the resolver only allows paths on directives
   * that return structured values.
   */
  allowPath?: (name: string) => boolean;
}

/** Recursive descent over the lexer's tokens. */
class Parser {
  constructor(
    readonly lexer: DirectiveLexer,
    readonly options: ParseOptions,
  ) {}

  fail(message: string, offset: number, expected: string): never {
    throw new SyntaxFailure({ message, offset, expected });
  }

  parseCall(): CallNode {
    const token = this.lexer.next();
    if (token.kind !== 'directive') {
      this.fail(`expected "$" to start a directive`, token.start, '"$"');
    }
    return this.parseCallAfterName(token);
  }

  /** The rest of a call once its `$Name` token has been read. */
  parseCallAfterName(nameToken: Token): CallNode {
    const name = String(nameToken.value);
    const lexer = this.lexer;
    // No space is allowed between the name and "(".
    if (lexer.charAt(nameToken.end) !== '(') {
      this.fail(
        `expected "(" after the directive name $${name}, found ${lexer.describe(nameToken.end)}`,
        nameToken.end,
        `"(" (directives are written as $${name}(...))`,
      );
    }
    lexer.next(); // "("
    const args: ArgNode[] = [];
    const first = lexer.peek();
    if (first.kind === 'end') this.fail(`unclosed $${name}(: missing ")"`, first.start, 'an argument or ")"');
    if (first.kind === 'rparen') {
      lexer.next();
    } else {
      for (;;) {
        args.push(this.parseArg());
        const sep = lexer.next();
        if (sep.kind === 'comma') {
          // A trailing comma before ")" is tolerated.
          if (lexer.peek().kind === 'rparen') {
            lexer.next();
            break;
          }
          continue;
        }
        if (sep.kind === 'rparen') break;
        if (sep.kind === 'end') this.fail(`unclosed $${name}(: missing ")"`, sep.start, '"," or ")"');
        this.fail(`unexpected ${lexer.describe(sep.start)} in the arguments of $${name}`, sep.start, '"," or ")"');
      }
    }
    const path: string[] = [];
    const allowPath = this.options.allowPath ? this.options.allowPath(name) : true;
    // The path follows ")" directly; read it character by character so nothing after it is lexed.
    while (allowPath && lexer.charAt(lexer.pos) === '.') {
      const dot = lexer.pos;
      lexer.pos = dot + 1;
      const segment = lexer.segment();
      if (segment === '') {
        this.fail(`expected a property name after "." in $${name}(...)`, dot + 1, 'a property name, e.g. .password');
      }
      path.push(segment);
    }
    return { kind: 'call', name, args, path, start: nameToken.start, end: lexer.pos };
  }

  parseArg(): ArgNode {
    const token = this.lexer.next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: String(token.value), start: token.start, end: token.end };
      case 'number':
        return { kind: 'number', value: Number(token.value), start: token.start, end: token.end };
      case 'directive':
        return this.parseCallAfterName(token);
      case 'word':
        if (token.value === 'true' || token.value === 'false') {
          return { kind: 'boolean', value: token.value === 'true', start: token.start, end: token.end };
        }
        this.fail(
          `unquoted argument "${token.value}": text arguments must be quoted`,
          token.start,
          `a quoted string ('${token.value}'), a number, true/false or a nested directive`,
        );
      // falls through (fail never returns)
      case 'end':
        this.fail('unexpected end of the text: missing an argument and ")"', token.start, 'an argument or ")"');
      // falls through
      default:
        this.fail(
          `unexpected ${this.lexer.describe(token.start)} where an argument was expected`,
          token.start,
          'a quoted string, a number, true/false or a nested directive',
        );
    }
  }
}

/** Parse one directive call starting at `start` (which must be a `$`). Trailing text is allowed. */
export function parseDirectiveAt(text: string, start = 0, options: ParseOptions = {}): ParseResult {
  const lexer = new DirectiveLexer(text, start);
  const parser = new Parser(lexer, options);
  try {
    const node = parser.parseCall();
    return { ok: true, node, end: node.end };
  } catch (err) {
    if (err instanceof SyntaxFailure || err instanceof DirectiveLexFailure) return { ok: false, error: err.detail };
    throw err;
  }
}

/**
 * Parse a string that must be exactly one directive (surrounding whitespace allowed).
 * Text after the call is a syntax error at its column.
 */
export function parseWholeDirective(text: string, options: ParseOptions = {}): ParseResult {
  let start = 0;
  while (start < text.length && /\s/.test(text[start]!)) start++;
  const result = parseDirectiveAt(text, start, options);
  if (!result.ok) return result;
  let end = result.end;
  while (end < text.length && /\s/.test(text[end]!)) end++;
  if (end < text.length) {
    return {
      ok: false,
      error: {
        message: `unexpected text "${text.slice(result.end).trim()}" after $${result.node.name}(...)`,
        offset: result.end,
        expected: 'the end of the directive, or a property path such as .name',
      },
    };
  }
  return result;
}

const DIRECTIVE_START = /\$[A-Za-z_][A-Za-z0-9_]*\(/g;

/** Offsets of every `$Name(` in a string: the places a directive starts. */
export function findDirectiveStarts(text: string): number[] {
  const starts: number[] = [];
  for (const m of text.matchAll(DIRECTIVE_START)) starts.push(m.index);
  return starts;
}

/** True when the string is a directive from its first non-blank character. */
export function looksLikeDirective(text: string): boolean {
  return /^\s*\$[A-Za-z_][A-Za-z0-9_]*\(/.test(text);
}
