/**
 * A small tokenizer + recursive-descent parser for directive text such as
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

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;
const SEGMENT_PART = /[A-Za-z0-9_-]/;

/** Options for where a trailing `.path` may be read (see `parseDirectiveAt`). */
export interface ParseOptions {
  /**
   * Decide whether a call named `name` may take a trailing `.a.b` path. Inside a longer string,
   * `file-$Stage().txt` must keep `.txt` as text, so the resolver only allows paths on directives
   * that return structured values.
   */
  allowPath?: (name: string) => boolean;
}

class Parser {
  pos: number;
  constructor(
    readonly text: string,
    start: number,
    readonly options: ParseOptions,
  ) {
    this.pos = start;
  }

  fail(message: string, offset: number, expected: string): never {
    throw new SyntaxFailure({ message, offset, expected });
  }

  peek(): string | undefined {
    return this.text[this.pos];
  }

  skipSpaces(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  describe(offset: number): string {
    const ch = this.text[offset];
    return ch === undefined ? 'the end of the text' : `"${ch}"`;
  }

  parseCall(): CallNode {
    const start = this.pos;
    if (this.peek() !== '$') this.fail(`expected "$" to start a directive`, this.pos, '"$"');
    this.pos++;
    const name = this.parseIdent('a directive name after "$"');
    if (this.peek() !== '(') {
      this.fail(
        `expected "(" after the directive name $${name}, found ${this.describe(this.pos)}`,
        this.pos,
        `"(" (directives are written as $${name}(...))`,
      );
    }
    this.pos++;
    const args: ArgNode[] = [];
    this.skipSpaces();
    if (this.peek() === undefined) this.fail(`unclosed $${name}(: missing ")"`, this.pos, 'an argument or ")"');
    if (this.peek() === ')') {
      this.pos++;
    } else {
      for (;;) {
        this.skipSpaces();
        args.push(this.parseArg());
        this.skipSpaces();
        const ch = this.peek();
        if (ch === ',') {
          this.pos++;
          this.skipSpaces();
          // A trailing comma before ")" is tolerated.
          if (this.peek() === ')') {
            this.pos++;
            break;
          }
          continue;
        }
        if (ch === ')') {
          this.pos++;
          break;
        }
        if (ch === undefined) {
          this.fail(`unclosed $${name}(: missing ")"`, this.pos, '"," or ")"');
        }
        this.fail(
          `unexpected ${this.describe(this.pos)} in the arguments of $${name}`,
          this.pos,
          '"," or ")"',
        );
      }
    }
    const path: string[] = [];
    const allowPath = this.options.allowPath ? this.options.allowPath(name) : true;
    while (allowPath && this.peek() === '.') {
      const dot = this.pos;
      const next = this.text[dot + 1];
      if (next === undefined || !SEGMENT_PART.test(next)) {
        this.fail(
          `expected a property name after "." in $${name}(...)`,
          dot + 1,
          'a property name, e.g. .password',
        );
      }
      this.pos = dot + 1;
      let seg = '';
      while (this.pos < this.text.length && SEGMENT_PART.test(this.text[this.pos]!)) {
        seg += this.text[this.pos];
        this.pos++;
      }
      path.push(seg);
    }
    return { kind: 'call', name, args, path, start, end: this.pos };
  }

  parseIdent(what: string): string {
    const start = this.pos;
    const first = this.peek();
    if (first === undefined || !IDENT_START.test(first)) {
      this.fail(`expected ${what}, found ${this.describe(start)}`, start, 'a name such as $Stage');
    }
    while (this.pos < this.text.length && IDENT_PART.test(this.text[this.pos]!)) this.pos++;
    return this.text.slice(start, this.pos);
  }

  parseArg(): ArgNode {
    const start = this.pos;
    const ch = this.peek();
    if (ch === "'" || ch === '"') return this.parseString(ch);
    if (ch === '$') return this.parseCall();
    if (ch !== undefined && /[-0-9.]/.test(ch)) {
      const m = /^-?(\d+(\.\d+)?|\.\d+)/.exec(this.text.slice(start));
      if (!m) this.fail(`invalid number`, start, 'a number such as 3 or 0.5');
      this.pos += m[0].length;
      const after = this.peek();
      if (after !== undefined && IDENT_PART.test(after)) {
        this.fail(`invalid number "${m[0]}${after}"`, this.pos, '"," or ")" after a number');
      }
      return { kind: 'number', value: Number(m[0]), start, end: this.pos };
    }
    if (ch !== undefined && IDENT_START.test(ch)) {
      const word = this.parseIdent('an argument');
      if (word === 'true' || word === 'false') {
        return { kind: 'boolean', value: word === 'true', start, end: this.pos };
      }
      this.fail(
        `unquoted argument "${word}": text arguments must be quoted`,
        start,
        `a quoted string ('${word}'), a number, true/false or a nested directive`,
      );
    }
    if (ch === undefined) {
      this.fail('unexpected end of the text: missing an argument and ")"', start, 'an argument or ")"');
    }
    this.fail(
      `unexpected ${this.describe(start)} where an argument was expected`,
      start,
      'a quoted string, a number, true/false or a nested directive',
    );
  }

  parseString(quote: string): ArgNode {
    const start = this.pos;
    this.pos++;
    let value = '';
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) {
        this.fail(`unterminated string: missing the closing ${quote}`, start, `a closing ${quote}`);
      }
      if (ch === '\\') {
        const next = this.text[this.pos + 1];
        if (next === quote || next === '\\') {
          value += next;
          this.pos += 2;
          continue;
        }
      }
      this.pos++;
      if (ch === quote) break;
      value += ch;
    }
    return { kind: 'string', value, start, end: this.pos };
  }
}

/** Parse one directive call starting at `start` (which must be a `$`). Trailing text is allowed. */
export function parseDirectiveAt(text: string, start = 0, options: ParseOptions = {}): ParseResult {
  const parser = new Parser(text, start, options);
  try {
    const node = parser.parseCall();
    return { ok: true, node, end: parser.pos };
  } catch (err) {
    if (err instanceof SyntaxFailure) return { ok: false, error: err.detail };
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
